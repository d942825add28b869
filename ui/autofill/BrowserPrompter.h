// BrowserPrompter: the AutofillPrompter of the app — shows an AssociationDialog or a
// SiteAccessDialog for each question the browser server asks, without blocking (each dialog is
// window-modal to nothing, opened with open()), and hands the answer back to the server.
//
// Questions come only while the vault is unlocked; the dialogs draw from the vault's arena. The
// server withdraws every question before the arena is wiped (on aboutToLock) and when a browser
// disconnects: the dialog's secrets are wiped at once and it closes.
//
// Test builds only (ARCANUM_TEST_HOOKS, on with ARCANUM_TESTS; release packages build with
// ARCANUM_TESTS=OFF): ARCANUM_TEST_ACCEPT_ASSOCIATIONS=<name> accepts every association under
// that name, and ARCANUM_TEST_ANSWER_SITES=once|always|deny answers every site question, without
// a dialog — for tests that drive a real browser or the real app and host. A build with the
// hooks says so on stderr when one of them is set.
#pragma once

#include "autofill/AutofillPrompter.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <map>
#include <optional>

class QDialog;
class QWidget;

namespace arcanum {

class BrowserIntegration;
class VaultSession;

class BrowserPrompter : public QObject, public autofill::AutofillPrompter
{
    Q_OBJECT

public:
    // Registers itself with `integration` (setPrompter); dialogs are parented to `dialogParent`.
    BrowserPrompter(BrowserIntegration* integration, VaultSession* session,
                    QWidget* dialogParent = nullptr);
    ~BrowserPrompter() override;

    void askAssociation(autofill::DecisionId id,
                        const autofill::AssociationQuestion& question) override;
    void askSiteAccess(autofill::DecisionId id,
                       const autofill::SiteAccessQuestion& question) override;
    void withdraw(autofill::DecisionId id) override;

    // The dialogs open now (for tests and the screenshot).
    [[nodiscard]] std::size_t openDialogs() const { return m_dialogs.size(); }
    [[nodiscard]] QDialog* dialog(autofill::DecisionId id) const;
    [[nodiscard]] QDialog* latestDialog() const;

    // Whether this build honours the ARCANUM_TEST_* variables.
    [[nodiscard]] static bool testHooksBuilt();

signals:
    // A question is shown (the app raises its window so the user sees it).
    void questionShown(QDialog* dialog);

private:
    void show(autofill::DecisionId id, QDialog* dialog);
    void forget(autofill::DecisionId id);

    BrowserIntegration* m_integration;
    VaultSession* m_session;
    QWidget* m_parent;
    std::map<autofill::DecisionId, QPointer<QDialog>> m_dialogs;
    std::optional<QByteArray> m_testAssociationName; // not secret: a test's fixed name
    std::optional<autofill::SiteAnswer> m_testSiteAnswer;
};

} // namespace arcanum
