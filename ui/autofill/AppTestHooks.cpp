#include "autofill/AppTestHooks.h"

#include "secret/SecretArena.h"
#include "session/VaultSession.h"
#include "window/MainWindow.h"
#include "window/UnlockPage.h"

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace arcanum {

void AppTestHooks::unlockFromEnvironment([[maybe_unused]] MainWindow& window)
{
#ifdef ARCANUM_TEST_HOOKS
    const char* value = std::getenv("ARCANUM_TEST_PASSWORD_FD");
    if (value == nullptr || *value == '\0')
        return;
    char* end = nullptr;
    const long fd = std::strtol(value, &end, 10);
    if (*end != '\0' || fd < 0 || fd > 65535) {
        std::fprintf(stderr, "arcanum: ARCANUM_TEST_PASSWORD_FD is not a descriptor; ignored\n");
        return;
    }
    SecretArena* arena = window.unlockPage()->inputArena();
    if (arena == nullptr)
        return;
    auto password = arena->allocate(1024);
    if (!password)
        return;
    std::size_t length = 0;
    std::uint8_t byte = 0;
    while (length < password->size() && ::read(int(fd), &byte, 1) == 1 && byte != '\n')
        password->data()[length++] = byte;
    byte = 0;
    (void)password->resize(length);
    std::fprintf(stderr,
                 "arcanum: test build: unlocking with the password from descriptor %ld "
                 "(ARCANUM_TEST_PASSWORD_FD)\n",
                 fd);
    window.session()->unlock(window.unlockPage()->vaultPath(), std::move(password.value()));
#endif
}

} // namespace arcanum
