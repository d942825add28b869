// ProtectionLevel and FallbackPolicy: how strongly a SecretArena's pages are kept from others.
#pragma once

namespace arcanum {

enum class ProtectionLevel
{
    // memfd_secret(): out of the kernel direct map, unreadable via ptrace and /proc/PID/mem,
    // never swapped, never dumped; hibernation is disabled while it exists.
    SecretMemory,
    // Fallback when memfd_secret is unavailable: anonymous memory with mlock, MADV_DONTDUMP and
    // MADV_DONTFORK. Never swapped or dumped, but readable by root and by ptrace.
    LockedMemory,
};

enum class FallbackPolicy
{
    AllowLockedMemory,   // use LockedMemory and say so when secret memory is unavailable
    RequireSecretMemory, // refuse with ErrorCode::SecretMemoryUnavailable
};

// "secret memory (memfd_secret)" / "locked memory (fallback)", for status lines.
[[nodiscard]] const char* protectionLevelName(ProtectionLevel level);

} // namespace arcanum
