// ChildProcess: run a lambda in a forked child and get its exit status, for tests that need a
// process of their own (other limits, other uid, a private mount namespace, being killed).
#pragma once

#include <sys/wait.h>
#include <unistd.h>

namespace arcanum::test {

// Runs `body` (returning an int exit code) in a child; returns the code, or -signal.
template <typename Body>
int runInChild(Body body)
{
    const pid_t pid = fork();
    if (pid == 0)
        _exit(body());
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

} // namespace arcanum::test
