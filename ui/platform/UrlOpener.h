// UrlOpener: opens an entry's URL in the user's browser, without Qt's desktop services.
//
// QDesktopServices::openUrl made heap copies of the URL (QUrl, QString) and, with no browser
// found, printed "Unable to detect a web browser to launch '<the URL>'" to stderr, which lands
// in journald or ~/.xsession-errors. Here: only web addresses are opened (WebAddress: http and
// https; no scheme means https); the address is copied once, into an arena of the job's own,
// and handed over from there, in a worker thread: first to the OpenURI portal over our own
// D-Bus connection (OpenUriPortal: the way out of Flatpak, and present on most desktops), else
// to xdg-open as a posix_spawn argument, with the child's stdout and stderr on /dev/null
// (XdgOpen). The job's arena is wiped as soon as the address is handed over. No message, status
// text or error of this class contains the URL.
#pragma once

#include "secret/SecretArenaOptions.h"
#include "secret/SecretSpan.h"

#include <QObject>
#include <QString>
#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace arcanum {

class UrlOpener : public QObject
{
    Q_OBJECT

public:
    struct Config
    {
        std::string busAddress; // the session bus; empty: do not ask the portal
        std::string program;    // the fallback opener, xdg-open
        std::chrono::milliseconds portalTimeout{5000};
        SecretArenaOptions arenaOptions;
    };
    // The session bus from the environment and xdg-open from PATH.
    [[nodiscard]] static Config systemConfig();

    explicit UrlOpener(QObject* parent = nullptr);
    ~UrlOpener() override;

    void setConfig(Config config) { m_config = std::move(config); }
    [[nodiscard]] const Config& config() const { return m_config; }

    enum class Start
    {
        Opening,       // started; finished() follows
        NotWebAddress, // another scheme, or not an address: nothing was started
        Failed         // no secret memory for the job: nothing was started
    };
    // Checks `url` and, when it is a web address, starts opening it in the background.
    [[nodiscard]] Start open(SecretSpan url);

    // Jobs started and not finished yet (tests; a job whose opener keeps running, a browser
    // started by xdg-open in the foreground, counts until it exits).
    [[nodiscard]] int runningJobs() const;

signals:
    // `opened`: the portal accepted the address or the opener exited with status 0. `how` says
    // which way, or why it failed; it never contains the URL.
    void finished(bool opened, const QString& how);

private:
    struct Mailbox;
    Config m_config;
    std::shared_ptr<Mailbox> m_mailbox;
};

} // namespace arcanum
