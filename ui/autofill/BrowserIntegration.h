// BrowserIntegration: the app's browser-autofill server — the socket arcanum-browser-host
// connects to, run on the GUI thread by QSocketNotifiers, and wired to the VaultSession.
//
// Thin: the protocol is core/autofill's AutofillServer and the socket its BrowserSocketServer.
// Only descriptors and ciphertext pass through here; nothing decrypted ever reaches a Qt
// container (requests are decrypted, parsed and answered inside the vault's arena by core).
// On unlock the server gets the vault (and every browser hears "database-unlocked"); on
// aboutToLock, before the arena is wiped, it loses it ("database-locked"). Questions for the user
// go to the AutofillPrompter given with setPrompter(); without one, associations and new sites
// are refused.
#pragma once

#include "autofill/AutofillPrompter.h"
#include "autofill/SessionAutofillVault.h"

#include <QObject>
#include <QString>
#include <map>
#include <memory>

class QSocketNotifier;

namespace arcanum {

namespace autofill {
class AutofillServer;
class BrowserSocketServer;
} // namespace autofill

class BrowserIntegration : public QObject
{
    Q_OBJECT

public:
    explicit BrowserIntegration(VaultSession* session, QObject* parent = nullptr);
    ~BrowserIntegration() override;

    // Listens on `socketPath` (default: SocketPath::socket(), its folder created). False, with
    // errorString(), when another Arcanum serves browsers already or the folder is unusable.
    bool start(const QString& socketPath = {});
    void stop();
    [[nodiscard]] bool isRunning() const { return m_server != nullptr; }
    [[nodiscard]] const QString& errorString() const { return m_error; }
    [[nodiscard]] QString socketPath() const;

    void setPrompter(autofill::AutofillPrompter* prompter);
    // The protocol, for answers from the prompter's dialogs; null when not running.
    [[nodiscard]] autofill::AutofillServer* protocol() const;

signals:
    // A browser asked while the vault was locked and wants it unlocked (triggerUnlock).
    void unlockRequested();

private:
    void onUnlocked();
    void onAboutToLock();
    void syncNotifiers();

    struct Watch
    {
        QSocketNotifier* read = nullptr;
        QSocketNotifier* write = nullptr;
    };

    VaultSession* m_session;
    SessionAutofillVault m_vault;
    autofill::AutofillPrompter* m_prompter = nullptr;
    std::unique_ptr<autofill::BrowserSocketServer> m_server;
    QSocketNotifier* m_listen = nullptr;
    std::map<int, Watch> m_watches; // by descriptor
    QString m_error;
};

} // namespace arcanum
