// Error: what went wrong, as a code a program can branch on and a sentence a person can act on.
//
// Rule: a message never contains plaintext (no password, no field content, no key). It may name
// files, sizes, limits and errno texts. Every layer (core, CLI, GUI) shows `message` as it is.
#pragma once

#include <string>

namespace arcanum {

enum class ErrorCode
{
    // secret memory
    SecretMemoryUnavailable, // memfd_secret missing and the policy refuses the fallback
    MemoryLockLimit,         // RLIMIT_MEMLOCK too small for what the vault needs
    OutOfMemory,             // the kernel refused address space or pages
                             // crypto
    InvalidParameters,       // KDF or AEAD parameters out of range
    KdfLimitExceeded,     // a file asks for more Argon2 work than any reader runs (FORMAT.md §7)
    KdfFailed,            // libargon2 reported an error
    AuthenticationFailed, // AEAD tag did not verify
                          // vault file
    WrongPassword,
    NotAnArcanumFile,
    UnsupportedVersion,
    FileTruncated,
    FileDamaged,
    FileChangedOnDisk,
    // other formats (KeePass import)
    NotAKeePassFile, // no KDBX signature
    Unsupported,     // a known format using something Arcanum cannot read (a cipher, a YubiKey)
    LimitExceeded,   // input beyond a safety limit (inflated size, XML nesting depth)
    // files and the system
    NotFound,
    AlreadyExists,
    PermissionDenied,
    ReadOnlyFilesystem,
    DiskFull,
    IoError,
    SystemError,
    // requests
    InvalidArgument,
    Ambiguous,
    Cancelled,
};

struct Error
{
    ErrorCode code;
    std::string message;
};

// A short stable name for the code ("memory-lock-limit"), for logs and tests.
[[nodiscard]] const char* errorCodeName(ErrorCode code);

// Maps an errno from a file operation to the closest ErrorCode (ENOSPC -> DiskFull, ...).
[[nodiscard]] ErrorCode errorCodeFromErrno(int errnoValue);

// "<what>: <strerror(errnoValue)>" with the code chosen by errorCodeFromErrno.
[[nodiscard]] Error errnoError(const std::string& what, int errnoValue);

} // namespace arcanum
