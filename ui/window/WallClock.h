// WallClock: where the windows read the time of day (milliseconds since the Unix epoch) for
// things that depend on it, such as TOTP codes and their countdown. The default reads the system
// clock; tests inject a fixed or stepping one (MainWindow::setClock).
#pragma once

#include <QDateTime>
#include <cstdint>
#include <functional>

namespace arcanum {

using WallClock = std::function<std::int64_t()>;

[[nodiscard]] inline WallClock systemWallClock()
{
    return [] {
        return std::int64_t(QDateTime::currentMSecsSinceEpoch());
    };
}

} // namespace arcanum
