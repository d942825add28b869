#include "common/Error.h"

#include <cerrno>
#include <cstring>

namespace arcanum {

const char* errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::SecretMemoryUnavailable:
        return "secret-memory-unavailable";
    case ErrorCode::MemoryLockLimit:
        return "memory-lock-limit";
    case ErrorCode::OutOfMemory:
        return "out-of-memory";
    case ErrorCode::InvalidParameters:
        return "invalid-parameters";
    case ErrorCode::KdfLimitExceeded:
        return "kdf-limit-exceeded";
    case ErrorCode::KdfFailed:
        return "kdf-failed";
    case ErrorCode::AuthenticationFailed:
        return "authentication-failed";
    case ErrorCode::WrongPassword:
        return "wrong-password";
    case ErrorCode::NotAnArcanumFile:
        return "not-an-arcanum-file";
    case ErrorCode::UnsupportedVersion:
        return "unsupported-version";
    case ErrorCode::FileTruncated:
        return "file-truncated";
    case ErrorCode::FileDamaged:
        return "file-damaged";
    case ErrorCode::FileChangedOnDisk:
        return "file-changed-on-disk";
    case ErrorCode::NotAKeePassFile:
        return "not-a-keepass-file";
    case ErrorCode::Unsupported:
        return "unsupported";
    case ErrorCode::LimitExceeded:
        return "limit-exceeded";
    case ErrorCode::NotFound:
        return "not-found";
    case ErrorCode::AlreadyExists:
        return "already-exists";
    case ErrorCode::PermissionDenied:
        return "permission-denied";
    case ErrorCode::ReadOnlyFilesystem:
        return "read-only-filesystem";
    case ErrorCode::DiskFull:
        return "disk-full";
    case ErrorCode::IoError:
        return "io-error";
    case ErrorCode::SystemError:
        return "system-error";
    case ErrorCode::InvalidArgument:
        return "invalid-argument";
    case ErrorCode::Ambiguous:
        return "ambiguous";
    case ErrorCode::Cancelled:
        return "cancelled";
    }
    return "unknown";
}

ErrorCode errorCodeFromErrno(int errnoValue)
{
    switch (errnoValue) {
    case ENOENT:
        return ErrorCode::NotFound;
    case EEXIST:
        return ErrorCode::AlreadyExists;
    case EACCES:
    case EPERM:
        return ErrorCode::PermissionDenied;
    case EROFS:
        return ErrorCode::ReadOnlyFilesystem;
    case ENOSPC:
    case EDQUOT:
        return ErrorCode::DiskFull;
    case ENOMEM:
        return ErrorCode::OutOfMemory;
    case EIO:
        return ErrorCode::IoError;
    default:
        return ErrorCode::SystemError;
    }
}

Error errnoError(const std::string& what, int errnoValue)
{
    return Error{errorCodeFromErrno(errnoValue), what + ": " + std::strerror(errnoValue)};
}

} // namespace arcanum
