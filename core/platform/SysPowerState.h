// SysPowerState: what /sys/power/state says about hibernation ("disk" listed = the kernel can
// hibernate). Used by arcanum-cli directly and by the GUI's HibernationProbe as its first source.
#pragma once

#include <optional>
#include <string>

namespace arcanum {

class SysPowerState
{
public:
    static constexpr const char* defaultPath = "/sys/power/state";

    // true / false when the file could be read; nullopt when it could not (inside Flatpak
    // /sys/power is hidden, so callers ask logind instead).
    [[nodiscard]] static std::optional<bool> canHibernate(const std::string& path = defaultPath);
};

} // namespace arcanum
