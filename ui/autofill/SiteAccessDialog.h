// SiteAccessDialog: the first time a site asks for an entry — "<site> asks for these logins":
// Allow once / Always allow / Deny.
//
// The site's origin (and the form's target, when that is another origin) and each entry's title
// and user name are vault plaintext or decrypted request content: they are drawn by SecretLabels
// (copies in the arena), never QStrings. One answer covers the entries listed: Allow once
// answers this request only; Always allow and Deny are remembered for each of these entries and
// this origin (the protocol stores them in the vault). answer() says which button closed the
// dialog; Escape and the window's close button count as Deny for this request only
// (dismissed()), so a question closed by accident is asked again next time.
// Lifetime: releaseSecrets() (or destroy the dialog) before the arena is released.
#pragma once

#include "autofill/AutofillPrompter.h"

#include <QDialog>
#include <optional>
#include <vector>

class QPushButton;

namespace arcanum {

class SecretArena;
class SecretLabel;
class VaultContents;

class SiteAccessDialog : public QDialog
{
    Q_OBJECT

public:
    SiteAccessDialog(SecretArena* arena, const autofill::SiteAccessQuestion& question,
                     const VaultContents& contents, QWidget* parent = nullptr);
    ~SiteAccessDialog() override;

    // The button the user chose; nullopt while open or when dismissed without choosing.
    [[nodiscard]] std::optional<autofill::SiteAnswer> answer() const { return m_answer; }
    // The answer for every entry asked about, as AutofillServer::answerSiteAccess takes it:
    // the choice, or Deny-for-now (AllowOnce is never assumed) when dismissed.
    [[nodiscard]] std::vector<autofill::EntryDecision> decisions() const;
    [[nodiscard]] bool dismissed() const { return !m_answer.has_value(); }

    [[nodiscard]] QPushButton* allowOnceButton() const { return m_once; }
    [[nodiscard]] QPushButton* allowAlwaysButton() const { return m_always; }
    [[nodiscard]] QPushButton* denyButton() const { return m_deny; }
    [[nodiscard]] SecretLabel* originLabel() const { return m_origin; }
    [[nodiscard]] const std::vector<SecretLabel*>& entryLabels() const { return m_entryLabels; }

    void releaseSecrets();

private:
    void choose(autofill::SiteAnswer answer);

    std::vector<EntryId> m_entries;
    std::optional<autofill::SiteAnswer> m_answer;
    SecretLabel* m_origin;
    SecretLabel* m_submit = nullptr;
    std::vector<SecretLabel*> m_entryLabels; // title, user name, title, user name, ...
    QPushButton* m_once;
    QPushButton* m_always;
    QPushButton* m_deny;
};

} // namespace arcanum
