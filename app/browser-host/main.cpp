// arcanum-browser-host: the native-messaging host a browser starts for the KeePassXC-Browser
// extension (manifest name org.keepassxc.keepassxc_browser). It relays messages between the
// browser and the running Arcanum app (HostRelay); it holds no key and sees no plaintext.
//
// Arguments are the browser's (Chromium: the extension's origin; Firefox: the manifest path and
// the extension id) and are not used. The socket is SocketPath::socket() (XDG_RUNTIME_DIR).
// With "start-app=true" in BrowserHostConfig's file, a request that finds Arcanum not running
// starts it (the `arcanum` next to this program, in a session of its own, its standard streams
// on /dev/null — never the browser's pipe).
#include "HostRelay.h"
#include "autofill/BrowserHostConfig.h"
#include "autofill/SocketPath.h"
#include "hardening/ProcessHardening.h"

#include <csignal>
#include <fcntl.h>
#include <spawn.h>
#include <string>
#include <unistd.h>

extern char** environ;

namespace {

void startArcanum()
{
    char self[4096];
    const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return;
    std::string exe(self, std::size_t(n));
    const std::string app = exe.substr(0, exe.rfind('/')) + "/arcanum";
    posix_spawn_file_actions_t files;
    posix_spawnattr_t attributes;
    posix_spawn_file_actions_init(&files);
    posix_spawnattr_init(&attributes);
    for (int fd = 0; fd <= 2; ++fd)
        posix_spawn_file_actions_addopen(&files, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0);
    // The app gets default signal handling back (this host ignores SIGPIPE and SIGCHLD).
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGCHLD);
    posix_spawnattr_setsigdefault(&attributes, &defaults);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGDEF);
    std::signal(SIGCHLD, SIG_IGN); // the app outlives this host; nobody waits for it
    char* argv[] = {const_cast<char*>(app.c_str()), nullptr};
    pid_t pid = 0;
    if (posix_spawn(&pid, app.c_str(), &files, &attributes, argv, environ) != 0) {
        static constexpr char message[] = "arcanum-browser-host: could not start arcanum\n";
        [[maybe_unused]] const ssize_t written = write(2, message, sizeof message - 1);
    }
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attributes);
}

} // namespace

int main()
{
    using namespace arcanum;
    ProcessHardening::apply();
    std::signal(SIGPIPE, SIG_IGN); // a closed pipe is an error return, not a death

    host::HostRelay::Options options;
    if (auto path = autofill::SocketPath::socket(); path)
        options.socketPath = *path; // else every request is answered "not running"
    if (autofill::BrowserHostConfig::startApp(autofill::BrowserHostConfig::defaultPath()))
        options.startApp = startArcanum;
    host::HostRelay relay(options);
    return relay.run();
}
