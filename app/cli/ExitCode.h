// ExitCode: the documented exit statuses of arcanum-cli (docs/CLI.md). Scripts rely on them;
// never renumber.
#pragma once

#include "common/Error.h"

namespace arcanum::cli {

enum ExitCode : int
{
    Success = 0,
    Failure = 1,       // anything not listed below
    Usage = 2,         // bad arguments, unknown command or option
    WrongPassword = 3, // the master password is wrong
    NotFound = 4,      // no such vault file, entry, group or CSV file
    BadFile = 5,       // not a vault, truncated, damaged, unsupported version, bad CSV
    ChangedOnDisk = 6, // the vault changed on disk since it was opened; nothing saved
    MemoryLimit = 7,   // secret memory unavailable (and required), memory-lock limit, no memory
    Ambiguous = 8,     // an entry title matches more than one entry
    WriteFailed = 9,   // disk full, read-only, permission denied, file exists
};

[[nodiscard]] ExitCode exitCodeFor(ErrorCode code);

} // namespace arcanum::cli
