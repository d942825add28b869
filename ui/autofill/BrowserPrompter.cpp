#include "autofill/BrowserPrompter.h"

#include "autofill/AssociationDialog.h"
#include "autofill/AutofillServer.h"
#include "autofill/BrowserIntegration.h"
#include "autofill/SiteAccessDialog.h"
#include "session/VaultSession.h"
#include "vault/Vault.h"

#include <QDialog>
#include <QWidget>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace arcanum {

namespace {

QString fingerprintText(SecretSpan fingerprint)
{
    // Hex digits and spaces of a hash: not secret.
    return QString::fromLatin1(reinterpret_cast<const char*>(fingerprint.data()),
                               qsizetype(fingerprint.size()));
}

} // namespace

bool BrowserPrompter::testHooksBuilt()
{
#ifdef ARCANUM_TEST_HOOKS
    return true;
#else
    return false;
#endif
}

BrowserPrompter::BrowserPrompter(BrowserIntegration* integration, VaultSession* session,
                                 QWidget* dialogParent)
    : QObject(integration), m_integration(integration), m_session(session), m_parent(dialogParent)
{
    if (testHooksBuilt()) {
        if (const char* name = std::getenv("ARCANUM_TEST_ACCEPT_ASSOCIATIONS"); name && *name) {
            m_testAssociationName = QByteArray(name);
            std::fprintf(stderr, "arcanum: test build: accepting every browser association "
                                 "(ARCANUM_TEST_ACCEPT_ASSOCIATIONS)\n");
        }
        if (const char* answer = std::getenv("ARCANUM_TEST_ANSWER_SITES"); answer && *answer) {
            if (std::strcmp(answer, "once") == 0)
                m_testSiteAnswer = autofill::SiteAnswer::AllowOnce;
            else if (std::strcmp(answer, "always") == 0)
                m_testSiteAnswer = autofill::SiteAnswer::AllowAlways;
            else if (std::strcmp(answer, "deny") == 0)
                m_testSiteAnswer = autofill::SiteAnswer::Deny;
            if (m_testSiteAnswer)
                std::fprintf(stderr, "arcanum: test build: answering every site question "
                                     "(ARCANUM_TEST_ANSWER_SITES)\n");
            else
                std::fprintf(stderr, "arcanum: ARCANUM_TEST_ANSWER_SITES is once, always or "
                                     "deny; ignored\n");
        }
    }
    integration->setPrompter(this);
}

BrowserPrompter::~BrowserPrompter()
{
    m_integration->setPrompter(nullptr);
    for (auto& [id, dialog] : m_dialogs)
        delete dialog.data();
}

QDialog* BrowserPrompter::dialog(autofill::DecisionId id) const
{
    const auto it = m_dialogs.find(id);
    return it == m_dialogs.end() ? nullptr : it->second.data();
}

QDialog* BrowserPrompter::latestDialog() const
{
    return m_dialogs.empty() ? nullptr : m_dialogs.rbegin()->second.data();
}

void BrowserPrompter::askAssociation(autofill::DecisionId id,
                                     const autofill::AssociationQuestion& question)
{
    autofill::AutofillServer* server = m_integration->protocol();
    if (server == nullptr || m_session->vault() == nullptr)
        return;
    if (m_testAssociationName) {
        auto name = m_session->vault()->arena().copyOf(
            SecretSpan(reinterpret_cast<const std::uint8_t*>(m_testAssociationName->constData()),
                       std::size_t(m_testAssociationName->size())));
        server->answerAssociation(id, name ? name->span() : SecretSpan());
        return;
    }
    auto* dialog = new AssociationDialog(&m_session->vault()->arena(),
                                         fingerprintText(question.fingerprint), m_parent);
    connect(dialog, &QDialog::finished, this, [this, id, dialog](int) {
        forget(id);
        if (autofill::AutofillServer* s = m_integration->protocol())
            s->answerAssociation(id, dialog->name()); // empty after Deny: refused
        dialog->releaseSecrets();
        dialog->deleteLater();
    });
    show(id, dialog);
}

void BrowserPrompter::askSiteAccess(autofill::DecisionId id,
                                    const autofill::SiteAccessQuestion& question)
{
    autofill::AutofillServer* server = m_integration->protocol();
    if (server == nullptr || m_session->vault() == nullptr)
        return;
    if (m_testSiteAnswer) {
        std::vector<autofill::EntryDecision> answers;
        for (const EntryId& entry : question.entries)
            answers.push_back({entry, *m_testSiteAnswer});
        server->answerSiteAccess(id, answers);
        return;
    }
    Vault& vault = *m_session->vault();
    auto* dialog = new SiteAccessDialog(&vault.arena(), question, vault.contents(), m_parent);
    connect(dialog, &QDialog::finished, this, [this, id, dialog](int) {
        forget(id);
        if (autofill::AutofillServer* s = m_integration->protocol()) {
            const auto answers = dialog->decisions();
            s->answerSiteAccess(id, answers);
        }
        dialog->releaseSecrets();
        dialog->deleteLater();
    });
    show(id, dialog);
}

void BrowserPrompter::show(autofill::DecisionId id, QDialog* dialog)
{
    m_dialogs[id] = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose, false);
    dialog->open();
    dialog->raise();
    dialog->activateWindow();
    emit questionShown(dialog);
}

void BrowserPrompter::forget(autofill::DecisionId id)
{
    m_dialogs.erase(id);
}

void BrowserPrompter::withdraw(autofill::DecisionId id)
{
    const auto it = m_dialogs.find(id);
    if (it == m_dialogs.end())
        return;
    QPointer<QDialog> dialog = it->second;
    m_dialogs.erase(it); // finished() below then answers nothing: the id is gone
    if (!dialog)
        return;
    // Wipe now: the arena may be wiped before the event loop deletes the dialog.
    if (auto* association = qobject_cast<AssociationDialog*>(dialog.data()))
        association->releaseSecrets();
    else if (auto* site = qobject_cast<SiteAccessDialog*>(dialog.data()))
        site->releaseSecrets();
    dialog->disconnect(this);
    dialog->reject();
    dialog->deleteLater();
}

} // namespace arcanum
