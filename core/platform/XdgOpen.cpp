#include "platform/XdgOpen.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <string>
#include <sys/wait.h>

extern char** environ;

namespace arcanum {

namespace {

// posix_spawn's attributes and file actions, destroyed on every path.
class SpawnSetup
{
public:
    SpawnSetup()
    {
        m_ok = posix_spawnattr_init(&m_attributes) == 0;
        m_ok = posix_spawn_file_actions_init(&m_actions) == 0 && m_ok;
        sigset_t none;
        sigset_t all;
        sigemptyset(&none);
        sigfillset(&all);
        m_ok =
            m_ok && posix_spawnattr_setsigmask(&m_attributes, &none) == 0 &&
            posix_spawnattr_setsigdefault(&m_attributes, &all) == 0 &&
            posix_spawnattr_setflags(&m_attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
                                                        POSIX_SPAWN_SETSID) == 0;
        for (int fd : {0, 1, 2})
            m_ok = m_ok && posix_spawn_file_actions_addopen(&m_actions, fd, "/dev/null",
                                                            fd == 0 ? O_RDONLY : O_WRONLY, 0) == 0;
        // Whatever some library opened without close-on-exec stays with us.
        m_ok = m_ok && posix_spawn_file_actions_addclosefrom_np(&m_actions, 3) == 0;
    }
    ~SpawnSetup()
    {
        posix_spawn_file_actions_destroy(&m_actions);
        posix_spawnattr_destroy(&m_attributes);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;

    [[nodiscard]] bool ok() const { return m_ok; }
    [[nodiscard]] const posix_spawnattr_t* attributes() const { return &m_attributes; }
    [[nodiscard]] const posix_spawn_file_actions_t* actions() const { return &m_actions; }

private:
    posix_spawnattr_t m_attributes{};
    posix_spawn_file_actions_t m_actions{};
    bool m_ok = false;
};

} // namespace

Result<pid_t> XdgOpen::start(const char* program, SecretSpan address)
{
    if (address.empty() || address.data()[address.size()] != '\0')
        return Error{ErrorCode::InvalidArgument, "The address to open is not NUL-terminated."};
    SpawnSetup setup;
    if (!setup.ok())
        return Error{ErrorCode::SystemError, "Could not prepare to start the URL opener."};
    // argv[1] points into the arena: the kernel copies it into the new program at exec.
    char* argv[] = {const_cast<char*>(program), const_cast<char*>(address.chars()), nullptr};
    pid_t child = 0;
    const int status =
        std::strchr(program, '/') != nullptr
            ? posix_spawn(&child, program, setup.actions(), setup.attributes(), argv, environ)
            : posix_spawnp(&child, program, setup.actions(), setup.attributes(), argv, environ);
    if (status == ENOENT || status == EACCES)
        return Error{ErrorCode::NotFound, std::string(program) + " was not found."};
    if (status != 0)
        return Error{ErrorCode::SystemError,
                     std::string(program) + " could not be started: " + std::strerror(status)};
    return child;
}

Result<void> XdgOpen::wait(pid_t child)
{
    int status = 0;
    while (::waitpid(child, &status, 0) < 0) {
        if (errno != EINTR)
            return Error{ErrorCode::SystemError, std::string("waitpid: ") + std::strerror(errno)};
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return {};
    if (WIFEXITED(status) && WEXITSTATUS(status) == 3)
        return Error{ErrorCode::NotFound, "No program to open web addresses was found."};
    if (WIFEXITED(status))
        return Error{ErrorCode::SystemError, "The URL opener failed (exit status " +
                                                 std::to_string(WEXITSTATUS(status)) + ")."};
    return Error{ErrorCode::SystemError, "The URL opener was killed."};
}

} // namespace arcanum
