#include "secret/ProtectionLevel.h"

namespace arcanum {

const char* protectionLevelName(ProtectionLevel level)
{
    switch (level) {
    case ProtectionLevel::SecretMemory:
        return "secret memory (memfd_secret)";
    case ProtectionLevel::LockedMemory:
        return "locked memory (fallback: memfd_secret unavailable)";
    }
    return "unknown";
}

} // namespace arcanum
