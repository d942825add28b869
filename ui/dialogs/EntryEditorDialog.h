// EntryEditorDialog: adds a new entry or edits an existing one.
//
// Every field is a secret widget in the vault's arena (title, user name, password, URL, tags,
// TOTP setting, notes, custom fields); the group is a GroupPicker. The TOTP field takes an
// otpauth:// URI or a bare Base32 secret (SHA-1, 6 digits, 30 s); OK refuses one that core/totp
// cannot read, or whose key is shorter than 80 bits, with the reason and the focus on the field;
// "Remove" empties it. Nothing typed ever becomes a
// QString: OK builds an EntryDraft from the widgets' spans (EntryDraft::fromEntry for an
// existing entry, so fields this version does not edit — further URLs, unknown records — are
// kept), adds or updates it and commits (saves). If saving fails the error is shown inline and
// the dialog stays open with everything typed; the change is then already in the vault's memory
// (as the entry list shows), so a second OK updates that entry and saves again.
// Every close (OK, Cancel, lock) wipes every widget. On the session's aboutToLock the dialog
// wipes its widgets, drops the arena and rejects at once, without asking.
#pragma once

#include "common/Result.h"
#include "dialogs/ErrorLabel.h"
#include "secret/SecretSpan.h"
#include "vault/EntryDraft.h"
#include "vault/EntryId.h"

#include <QDialog>
#include <QPointer>
#include <optional>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QMessageBox;
class QPushButton;
class QToolButton;

namespace arcanum {

class CustomFieldEditor;
class GeneratorDialog;
class GroupPicker;
class SecretArena;
class SecretLineEdit;
class SecretTextEdit;
class VaultSession;

class EntryEditorDialog : public QDialog
{
    Q_OBJECT

public:
    // `entry`: the entry to edit, nullopt for a new one; `group`: a new entry's group.
    EntryEditorDialog(VaultSession* session, std::optional<EntryId> entry,
                      std::optional<EntryId> group, QWidget* parent = nullptr);
    ~EntryEditorDialog() override;

    // The entry added or updated, once the dialog was accepted.
    [[nodiscard]] std::optional<EntryId> savedEntry() const { return m_savedEntry; }
    [[nodiscard]] bool isNewEntry() const { return !m_entry.has_value(); }
    // The user changed something that is not in the vault yet.
    [[nodiscard]] bool isModified() const { return m_modified; }
    // Something typed here is not saved yet: not applied, or applied but its save failed. A
    // lock now would lose it (LockCoordinator asks first, or reports it afterwards).
    [[nodiscard]] bool hasUnsavedChanges() const { return m_modified || m_applied; }
    // The entry this dialog was opened on; nullopt for a new one.
    [[nodiscard]] std::optional<EntryId> originalEntry() const { return m_original; }

    // The fields, for the main window's tests and for focus handling.
    [[nodiscard]] SecretLineEdit* titleEdit() const { return m_title; }
    [[nodiscard]] SecretLineEdit* usernameEdit() const { return m_username; }
    [[nodiscard]] SecretLineEdit* passwordEdit() const { return m_password; }
    [[nodiscard]] SecretLineEdit* urlEdit() const { return m_url; }
    [[nodiscard]] SecretLineEdit* tagsEdit() const { return m_tags; }
    [[nodiscard]] SecretLineEdit* totpEdit() const { return m_totp; }
    [[nodiscard]] QToolButton* removeTotpButton() const { return m_removeTotp; }
    [[nodiscard]] SecretTextEdit* notesEdit() const { return m_notes; }
    [[nodiscard]] CustomFieldEditor* customFields() const { return m_customFields; }
    [[nodiscard]] GroupPicker* groupPicker() const { return m_group; }
    [[nodiscard]] QPushButton* generateButton() const { return m_generate; }
    [[nodiscard]] QPushButton* okButton() const;
    [[nodiscard]] QPushButton* cancelButton() const;
    // The inline error shown when saving failed (hidden otherwise).
    [[nodiscard]] QLabel* errorLabel() const { return m_error; }
    // The generator opened by "Generate…", while it is open.
    [[nodiscard]] GeneratorDialog* generatorDialog() const;
    // The "Discard changes?" question, while it is open.
    [[nodiscard]] QMessageBox* discardQuestion() const;

public slots:
    // Saves; closes only when saving worked.
    void accept() override;
    // Asks "Discard changes?" first when something was changed.
    void reject() override;

signals:
    // The generator's Copy button: `secret` is valid during the emission.
    void copyRequested(arcanum::SecretSpan secret);

protected:
    void done(int result) override;

private:
    void buildForm(SecretArena* arena);
    [[nodiscard]] Result<void> load(const EntryId& id);
    [[nodiscard]] Result<EntryId> apply();
    [[nodiscard]] Result<void> fillDraft(EntryDraft& draft);
    // The TOTP field is empty or a setting core/totp can compute codes from.
    [[nodiscard]] Result<void> checkTotp();
    void removeTotp();
    void openGenerator();
    void markModified() { m_modified = true; }
    void showError(const QString& message);
    void wipe();
    // Deletes the discard question and the generator (wiping it) without asking anything.
    void closeChildren();
    void onAboutToLock();

    VaultSession* m_session;
    std::optional<EntryId> m_original;
    std::optional<EntryId> m_entry;
    std::optional<EntryId> m_savedEntry;
    bool m_modified = false;
    bool m_applied = false; // in the vault's memory, not yet saved
    bool m_closing = false; // skip the "Discard changes?" question

    SecretLineEdit* m_title = nullptr;
    SecretLineEdit* m_username = nullptr;
    SecretLineEdit* m_password = nullptr;
    QToolButton* m_revealPassword = nullptr;
    QPushButton* m_generate = nullptr;
    SecretLineEdit* m_url = nullptr;
    SecretLineEdit* m_tags = nullptr;
    GroupPicker* m_group = nullptr;
    SecretLineEdit* m_totp = nullptr;
    QToolButton* m_revealTotp = nullptr;
    QToolButton* m_removeTotp = nullptr;
    SecretTextEdit* m_notes = nullptr;
    CustomFieldEditor* m_customFields = nullptr;
    ErrorLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPointer<GeneratorDialog> m_generator;
    QPointer<QMessageBox> m_question;
};

} // namespace arcanum
