#include "autofill/BrowserIntegration.h"

#include "autofill/BrowserSocketServer.h"
#include "autofill/SocketPath.h"
#include "session/VaultSession.h"

#include <QSocketNotifier>
#include <QtGlobal>
#include <algorithm>

namespace arcanum {

BrowserIntegration::BrowserIntegration(VaultSession* session, QObject* parent)
    : QObject(parent), m_session(session), m_vault(*session)
{
    connect(session, &VaultSession::unlocked, this, &BrowserIntegration::onUnlocked);
    connect(session, &VaultSession::aboutToLock, this, &BrowserIntegration::onAboutToLock);
}

BrowserIntegration::~BrowserIntegration()
{
    stop();
}

bool BrowserIntegration::start(const QString& socketPath)
{
    if (m_server)
        return true;
    std::string path = socketPath.toStdString();
    if (path.empty()) {
        auto folder = autofill::SocketPath::ensureDirectory();
        auto socket = autofill::SocketPath::socket();
        if (!folder || !socket) {
            m_error =
                QString::fromStdString(folder ? socket.error().message : folder.error().message);
            return false;
        }
        path = *socket;
    }
    autofill::AutofillServer::Options options;
    options.log = [](const std::string& line) {
        qWarning("Browser integration: %s", line.c_str());
    };
    options.unlockRequested = [this] {
        emit unlockRequested();
    };
    auto server = autofill::BrowserSocketServer::listen(path, std::move(options));
    if (!server) {
        m_error = QString::fromStdString(server.error().message);
        return false;
    }
    m_server = std::move(server.value());
    m_server->protocol().setPrompter(m_prompter);
    m_server->setWatchesChanged([this] { syncNotifiers(); });
    m_listen = new QSocketNotifier(m_server->listeningFd(), QSocketNotifier::Read, this);
    connect(m_listen, &QSocketNotifier::activated, this, [this] { m_server->onListenReadable(); });
    if (m_session->isUnlocked())
        onUnlocked();
    m_error.clear();
    return true;
}

void BrowserIntegration::stop()
{
    if (!m_server)
        return;
    for (auto& [fd, watch] : m_watches) {
        delete watch.read;
        delete watch.write;
    }
    m_watches.clear();
    delete m_listen;
    m_listen = nullptr;
    m_server.reset(); // closes the connections and removes the socket
    m_vault.detach();
}

QString BrowserIntegration::socketPath() const
{
    return m_server ? QString::fromStdString(m_server->path()) : QString();
}

void BrowserIntegration::setPrompter(autofill::AutofillPrompter* prompter)
{
    m_prompter = prompter;
    if (m_server)
        m_server->protocol().setPrompter(prompter);
}

autofill::AutofillServer* BrowserIntegration::protocol() const
{
    return m_server ? &m_server->protocol() : nullptr;
}

void BrowserIntegration::onUnlocked()
{
    if (!m_server || !m_session->isUnlocked())
        return;
    m_vault.attach();
    m_server->protocol().setVault(&m_vault);
}

void BrowserIntegration::onAboutToLock()
{
    if (!m_server)
        return;
    m_server->protocol().setVault(nullptr); // the arena is still mapped: keys move out of it
    m_vault.detach();
}

void BrowserIntegration::syncNotifiers()
{
    if (!m_server)
        return;
    const std::vector<int> fds = m_server->connectionFds();
    // Descriptors that closed: their notifiers stop now and go once back in the event loop
    // (this may run inside one of their own signals).
    for (auto it = m_watches.begin(); it != m_watches.end();) {
        if (std::find(fds.begin(), fds.end(), it->first) == fds.end()) {
            for (QSocketNotifier* notifier : {it->second.read, it->second.write}) {
                if (notifier) {
                    notifier->setEnabled(false);
                    notifier->deleteLater();
                }
            }
            it = m_watches.erase(it);
        } else {
            ++it;
        }
    }
    for (int fd : fds) {
        Watch& watch = m_watches[fd];
        if (!watch.read) {
            watch.read = new QSocketNotifier(fd, QSocketNotifier::Read, this);
            connect(watch.read, &QSocketNotifier::activated, this,
                    [this, fd] { m_server->onReadable(fd); });
        }
        const bool wantsWrite = m_server->wantsWrite(fd);
        if (wantsWrite && !watch.write) {
            watch.write = new QSocketNotifier(fd, QSocketNotifier::Write, this);
            connect(watch.write, &QSocketNotifier::activated, this,
                    [this, fd] { m_server->onWritable(fd); });
        }
        if (watch.write)
            watch.write->setEnabled(wantsWrite);
    }
}

} // namespace arcanum
