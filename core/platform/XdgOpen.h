// XdgOpen: starts `xdg-open ADDRESS` (or another opener) without copying the address out of
// the arena and without anything of it reaching a log.
//
// posix_spawn() (clone with CLONE_VM on Linux) lets the kernel read the argument straight from
// the arena buffer while it builds the new program's argv; no fork-time copy of our memory
// exists (arena pages are MADV_DONTFORK anyway). The child's stdin, stdout and stderr are
// /dev/null, because xdg-open and browsers print the address they were given when something
// fails ("no method available for opening '...'"), and stderr ends up in journald or
// ~/.xsession-errors; every other descriptor is closed in the child. The child starts its own
// session (a terminal's Ctrl+C does not reach the browser) with default signal handling and an
// empty signal mask.
#pragma once

#include "common/Result.h"
#include "secret/SecretSpan.h"

#include <sys/types.h>

namespace arcanum {

class XdgOpen
{
public:
    static constexpr const char* defaultProgram = "xdg-open";

    // Starts `program` (looked up in PATH unless it contains a '/') with one argument,
    // `address`, which must be NUL-terminated right after its last byte (WebAddress::toOpen
    // makes it so). Returns the child's pid; the caller must wait() for it. NotFound when there
    // is no such program.
    [[nodiscard]] static Result<pid_t> start(const char* program, SecretSpan address);

    // Waits for the child to end. Ok when it exited with status 0; for xdg-open, 3 means no
    // browser or opener was found, 4 that the one found failed.
    [[nodiscard]] static Result<void> wait(pid_t child);
};

} // namespace arcanum
