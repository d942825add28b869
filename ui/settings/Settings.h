// Settings: the user's preferences, typed, with defaults and bounds, over QSettings.
//
// Owns a QSettings (the platform default location, or an INI file given by path, which tests
// use). A stored value that is missing, of the wrong type or out of range reads as the default.
// Never holds anything secret: vault paths are file names, not contents.
#pragma once

#include "lock/LockTriggers.h"

#include <QSettings>
#include <QString>
#include <QStringList>
#include <chrono>
#include <memory>
#include <optional>

namespace arcanum {

class Settings
{
public:
    static constexpr int defaultIdleLockMinutes = 5;
    static constexpr int maxIdleLockMinutes = 24 * 60;
    static constexpr int defaultClipboardClearSeconds = 10;
    static constexpr int minClipboardClearSeconds = 1;
    static constexpr int maxClipboardClearSeconds = 3600;
    static constexpr int maxRecentVaults = 10;

    // The platform location for the application's organization and name.
    Settings();
    // An INI file at `iniPath` (created on first write).
    explicit Settings(const QString& iniPath);
    ~Settings();
    Settings(const Settings&) = delete;
    Settings& operator=(const Settings&) = delete;

    // Minutes without input before locking; 0 = never.
    [[nodiscard]] int idleLockMinutes() const;
    void setIdleLockMinutes(int minutes);
    [[nodiscard]] bool lockOnScreenLock() const;
    void setLockOnScreenLock(bool on);
    [[nodiscard]] bool lockBeforeSleep() const;
    void setLockBeforeSleep(bool on);
    // The three above, as the LockController takes them.
    [[nodiscard]] LockTriggers lockTriggers() const;

    [[nodiscard]] int clipboardClearSeconds() const;
    void setClipboardClearSeconds(int seconds);
    [[nodiscard]] std::chrono::milliseconds clipboardClearAfter() const;

    // Refuse to unlock when memfd_secret is unavailable instead of using locked memory.
    [[nodiscard]] bool requireSecretMemory() const;
    void setRequireSecretMemory(bool on);

    // Whether a screen reader may read entry text (issue 12); nullopt until the user chose.
    [[nodiscard]] std::optional<bool> screenReaderAccess() const;
    void setScreenReaderAccess(bool on);

    [[nodiscard]] bool showHibernationBanner() const;
    void setShowHibernationBanner(bool on);

    // Browser integration (docs/AUTOFILL.md): whether the app serves the browser extension, and
    // whether a request made while locked brings the unlock window forward. Both on by default:
    // nothing is given to a browser the user has not confirmed. (Starting Arcanum when the
    // browser asks is the host's setting: BrowserHostConfig, a file the host reads.)
    [[nodiscard]] bool browserIntegration() const;
    void setBrowserIntegration(bool on);
    [[nodiscard]] bool raiseUnlockOnBrowserRequest() const;
    void setRaiseUnlockOnBrowserRequest(bool on);

    // Most recent first, absolute and clean, no duplicates, at most maxRecentVaults.
    [[nodiscard]] QStringList recentVaults() const;
    void addRecentVault(const QString& path);
    void removeRecentVault(const QString& path);
    void clearRecentVaults();

    // Writes pending changes; false (with QSettings' status) if that failed.
    [[nodiscard]] bool sync();

private:
    [[nodiscard]] int readInt(const QString& key, int fallback, int min, int max) const;
    [[nodiscard]] bool readBool(const QString& key, bool fallback) const;
    void writeRecentVaults(const QStringList& paths);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace arcanum
