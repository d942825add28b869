#include "cli/ExitCode.h"

namespace arcanum::cli {

ExitCode exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::WrongPassword:
        return WrongPassword;
    case ErrorCode::NotFound:
        return NotFound;
    case ErrorCode::NotAnArcanumFile:
    case ErrorCode::UnsupportedVersion:
    case ErrorCode::FileTruncated:
    case ErrorCode::FileDamaged:
    case ErrorCode::KdfLimitExceeded:
        return BadFile;
    case ErrorCode::FileChangedOnDisk:
        return ChangedOnDisk;
    case ErrorCode::SecretMemoryUnavailable:
    case ErrorCode::MemoryLockLimit:
    case ErrorCode::OutOfMemory:
        return MemoryLimit;
    case ErrorCode::Ambiguous:
        return Ambiguous;
    case ErrorCode::DiskFull:
    case ErrorCode::ReadOnlyFilesystem:
    case ErrorCode::PermissionDenied:
    case ErrorCode::AlreadyExists:
        return WriteFailed;
    case ErrorCode::InvalidArgument:
    case ErrorCode::InvalidParameters:
        return Usage;
    default:
        return Failure;
    }
}

} // namespace arcanum::cli
