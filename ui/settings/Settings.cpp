#include "settings/Settings.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>

namespace arcanum {

namespace {

const QString idleLockMinutesKey = QStringLiteral("lock/idleMinutes");
const QString lockOnScreenLockKey = QStringLiteral("lock/onScreenLock");
const QString lockBeforeSleepKey = QStringLiteral("lock/beforeSleep");
const QString clipboardClearSecondsKey = QStringLiteral("clipboard/clearSeconds");
const QString requireSecretMemoryKey = QStringLiteral("security/requireSecretMemory");
const QString showHibernationBannerKey = QStringLiteral("ui/showHibernationBanner");
const QString screenReaderAccessKey = QStringLiteral("accessibility/screenReaderAccess");
const QString recentVaultsKey = QStringLiteral("vaults/recent");
const QString browserIntegrationKey = QStringLiteral("browser/enabled");
const QString raiseUnlockOnBrowserRequestKey = QStringLiteral("browser/raiseUnlockWindow");

QString normalizedPath(const QString& path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

} // namespace

Settings::Settings() : m_settings(std::make_unique<QSettings>()) {}

Settings::Settings(const QString& iniPath)
    : m_settings(std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{}

Settings::~Settings() = default;

int Settings::readInt(const QString& key, int fallback, int min, int max) const
{
    bool ok = false;
    const int value = m_settings->value(key).toInt(&ok);
    return ok && value >= min && value <= max ? value : fallback;
}

bool Settings::readBool(const QString& key, bool fallback) const
{
    const QVariant value = m_settings->value(key);
    // INI files give strings back; accept exactly what QSettings writes.
    const QString text = value.toString();
    if (text == u"true")
        return true;
    if (text == u"false")
        return false;
    return fallback;
}

int Settings::idleLockMinutes() const
{
    return readInt(idleLockMinutesKey, defaultIdleLockMinutes, 0, maxIdleLockMinutes);
}

void Settings::setIdleLockMinutes(int minutes)
{
    m_settings->setValue(idleLockMinutesKey, std::clamp(minutes, 0, maxIdleLockMinutes));
}

bool Settings::lockOnScreenLock() const
{
    return readBool(lockOnScreenLockKey, true);
}

void Settings::setLockOnScreenLock(bool on)
{
    m_settings->setValue(lockOnScreenLockKey, on);
}

bool Settings::lockBeforeSleep() const
{
    return readBool(lockBeforeSleepKey, true);
}

void Settings::setLockBeforeSleep(bool on)
{
    m_settings->setValue(lockBeforeSleepKey, on);
}

LockTriggers Settings::lockTriggers() const
{
    LockTriggers triggers;
    triggers.idleTimeout = std::chrono::minutes(idleLockMinutes());
    triggers.onScreenLock = lockOnScreenLock();
    triggers.beforeSleep = lockBeforeSleep();
    return triggers;
}

int Settings::clipboardClearSeconds() const
{
    return readInt(clipboardClearSecondsKey, defaultClipboardClearSeconds, minClipboardClearSeconds,
                   maxClipboardClearSeconds);
}

void Settings::setClipboardClearSeconds(int seconds)
{
    m_settings->setValue(clipboardClearSecondsKey,
                         std::clamp(seconds, minClipboardClearSeconds, maxClipboardClearSeconds));
}

std::chrono::milliseconds Settings::clipboardClearAfter() const
{
    return std::chrono::seconds(clipboardClearSeconds());
}

bool Settings::requireSecretMemory() const
{
    return readBool(requireSecretMemoryKey, false);
}

void Settings::setRequireSecretMemory(bool on)
{
    m_settings->setValue(requireSecretMemoryKey, on);
}

std::optional<bool> Settings::screenReaderAccess() const
{
    const QString text = m_settings->value(screenReaderAccessKey).toString();
    if (text == u"true")
        return true;
    if (text == u"false")
        return false;
    return std::nullopt;
}

void Settings::setScreenReaderAccess(bool on)
{
    m_settings->setValue(screenReaderAccessKey, on);
}

bool Settings::showHibernationBanner() const
{
    return readBool(showHibernationBannerKey, true);
}

void Settings::setShowHibernationBanner(bool on)
{
    m_settings->setValue(showHibernationBannerKey, on);
}

bool Settings::browserIntegration() const
{
    return readBool(browserIntegrationKey, true);
}

void Settings::setBrowserIntegration(bool on)
{
    m_settings->setValue(browserIntegrationKey, on);
}

bool Settings::raiseUnlockOnBrowserRequest() const
{
    return readBool(raiseUnlockOnBrowserRequestKey, true);
}

void Settings::setRaiseUnlockOnBrowserRequest(bool on)
{
    m_settings->setValue(raiseUnlockOnBrowserRequestKey, on);
}

QStringList Settings::recentVaults() const
{
    QStringList paths;
    for (const QString& path : m_settings->value(recentVaultsKey).toStringList()) {
        if (path.isEmpty())
            continue;
        const QString clean = normalizedPath(path);
        if (!paths.contains(clean))
            paths << clean;
        if (paths.size() == maxRecentVaults)
            break;
    }
    return paths;
}

void Settings::addRecentVault(const QString& path)
{
    if (path.isEmpty())
        return;
    const QString clean = normalizedPath(path);
    QStringList paths = recentVaults();
    paths.removeAll(clean);
    paths.prepend(clean);
    writeRecentVaults(paths);
}

void Settings::removeRecentVault(const QString& path)
{
    QStringList paths = recentVaults();
    paths.removeAll(normalizedPath(path));
    writeRecentVaults(paths);
}

void Settings::clearRecentVaults()
{
    m_settings->remove(recentVaultsKey);
}

void Settings::writeRecentVaults(const QStringList& paths)
{
    m_settings->setValue(recentVaultsKey, paths.mid(0, maxRecentVaults));
}

bool Settings::sync()
{
    m_settings->sync();
    return m_settings->status() == QSettings::NoError;
}

} // namespace arcanum
