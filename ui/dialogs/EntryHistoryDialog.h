// EntryHistoryDialog: an entry's earlier versions, side by side with its current one, and
// restoring one of them.
//
// Left: the versions newest first — the current one, then each history version — named only by
// when they were saved (dates are not secret). Right: the selected version's fields, each a
// SecretLabel with its own copy in the vault's arena (notes: a read-only SecretTextEdit);
// password, TOTP secret and protected custom fields are masked until "Show". The dialog opens on
// the newest earlier version, the list focused. "Restore This Version" (never for the current
// one) asks first (a QMessageBox opened with open()), then VaultContents::restoreVersion — the
// current version goes into the history, the entry stays in its group — and saves at once. If
// saving fails the error is shown inline, the restore is already in the vault's memory and the
// same button (now "Retry Saving") saves again. Every close (Close, Escape, restore, lock) wipes
// every field; on the session's aboutToLock the dialog wipes them, drops the arena and rejects
// at once, without asking. Window title, list and question name dates only, never content.
#pragma once

#include "dialogs/ErrorLabel.h"
#include "vault/EntryId.h"
#include "vault/EntryView.h"

#include <QDialog>
#include <QPointer>
#include <optional>
#include <vector>

class QDialogButtonBox;
class QFormLayout;
class QListWidget;
class QMessageBox;
class QPushButton;

namespace arcanum {

class SecretArena;
class SecretLabel;
class SecretTextEdit;
class VaultSession;

class EntryHistoryDialog : public QDialog
{
    Q_OBJECT

public:
    EntryHistoryDialog(VaultSession* session, EntryId entry, QWidget* parent = nullptr);
    ~EntryHistoryDialog() override;

    // The row shown: 0 is the current version, row n the history version n - 1; -1 for none.
    [[nodiscard]] int selectedRow() const;
    void selectRow(int row);
    [[nodiscard]] bool isRevealed() const { return m_revealed; }
    // Shows (or masks again) the password, TOTP secret and protected custom fields.
    void setRevealed(bool revealed);
    // A restore is in the vault's memory but could not be saved yet.
    [[nodiscard]] bool isSavePending() const { return m_savePending; }

    // The widgets, for tests and focus handling.
    [[nodiscard]] QListWidget* versionList() const { return m_versions; }
    [[nodiscard]] SecretLabel* titleLabel() const { return m_title; }
    [[nodiscard]] SecretLabel* usernameLabel() const { return m_username; }
    [[nodiscard]] SecretLabel* passwordLabel() const { return m_password; }
    [[nodiscard]] SecretLabel* totpLabel() const { return m_totp; }
    [[nodiscard]] SecretLabel* tagsLabel() const { return m_tags; }
    [[nodiscard]] SecretTextEdit* notesEdit() const { return m_notes; }
    [[nodiscard]] const std::vector<SecretLabel*>& urlLabels() const { return m_urls; }
    [[nodiscard]] std::size_t customFieldCount() const { return m_customFields.size(); }
    [[nodiscard]] SecretLabel* customFieldName(std::size_t i) const;
    [[nodiscard]] SecretLabel* customFieldValue(std::size_t i) const;
    [[nodiscard]] QPushButton* revealButton() const { return m_reveal; }
    [[nodiscard]] QPushButton* restoreButton() const { return m_restore; }
    [[nodiscard]] QPushButton* closeButton() const;
    // The inline error (hidden when there is none).
    [[nodiscard]] QLabel* errorLabel() const { return m_error; }
    // The "Restore this version?" question, while it is open.
    [[nodiscard]] QMessageBox* restoreQuestion() const { return m_question; }

public slots:
    // Asks, then restores the selected earlier version and saves; with a save pending, saves.
    void restoreSelected();

protected:
    void done(int result) override;

private:
    struct CustomRow
    {
        SecretLabel* name = nullptr;
        SecretLabel* value = nullptr;
        bool isProtected = false;
    };

    void buildForm(SecretArena* arena);
    // Reads the entry again: the list of versions, then the selected one (row kept if it can).
    void reload();
    void showRow(int row);
    [[nodiscard]] std::optional<EntryView> versionAt(int row) const;
    void setField(SecretLabel* label, SecretSpan value);
    void addUrlRow(int at, SecretSpan url);
    void addCustomRow(const EntryView::CustomField& field);
    void clearRows();
    // Tab order: list, fields top to bottom (with the rows of this version), buttons.
    void chainFocus();
    void restore(int row);
    void saveRestored();
    void updateButtons();
    void showError(const QString& message);
    void wipe();
    void onAboutToLock();

    VaultSession* m_session;
    EntryId m_entry;
    bool m_revealed = false;
    bool m_savePending = false;
    bool m_closing = false;
    bool m_shownCompletely = true; // every field of the version shown fit in the arena

    QListWidget* m_versions = nullptr;
    QFormLayout* m_form = nullptr;
    int m_firstUrlRow = 0;
    SecretLabel* m_title = nullptr;
    SecretLabel* m_username = nullptr;
    SecretLabel* m_password = nullptr;
    SecretLabel* m_tags = nullptr;
    SecretLabel* m_totp = nullptr;
    SecretTextEdit* m_notes = nullptr;
    QPushButton* m_reveal = nullptr;
    std::vector<SecretLabel*> m_urls;
    std::vector<CustomRow> m_customFields;
    ErrorLabel* m_error = nullptr;
    QPushButton* m_restore = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPointer<QMessageBox> m_question;
};

} // namespace arcanum
