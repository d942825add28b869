// Sodium: one-time libsodium initialisation, called by every crypto entry point.
#pragma once

namespace arcanum {

class Sodium
{
public:
    // Calls sodium_init() once (thread-safe); aborts if libsodium cannot initialise, since no
    // crypto is safe without it.
    static void ensureInitialized();
};

} // namespace arcanum
