// AppTestHooks: what a test build of the app (ARCANUM_TEST_HOOKS) lets a test that runs the real
// `arcanum` binary do without a keyboard — unlock the vault given on the command line with a
// password read from a file descriptor: ARCANUM_TEST_PASSWORD_FD=N (one line, read straight
// into secret memory). Together with BrowserPrompter's ARCANUM_TEST_ACCEPT_ASSOCIATIONS and
// ARCANUM_TEST_ANSWER_SITES, a test drives the app from the browser side only. A build without
// the hooks ignores the variable.
#pragma once

namespace arcanum {

class MainWindow;

class AppTestHooks
{
public:
    // Unlocks the window's vault (set by openVault) when the variable is set. Says so on stderr.
    static void unlockFromEnvironment(MainWindow& window);
};

} // namespace arcanum
