// EntryDetailView: the detail pane — every field of the selected entry, drawn from the arena.
//
// Each field is a SecretLabel (or a read-only SecretTextEdit for notes) holding its own copy in
// the vault's arena; protected fields (password, protected custom fields) are masked with a fixed
// number of bullets until revealed. An entry with a TOTP setting shows its current code with a
// countdown (TotpCodeView), never the secret itself; its timer runs only while such an entry is
// shown. Buttons ask for copy / open-URL / edit / history
// through signals: the window does the clipboard, URL and dialog work. Everything is wiped on
// releaseSecrets() (lock).
#pragma once

#include "vault/EntryId.h"
#include "vault/EntryView.h"
#include "window/WallClock.h"

#include <QWidget>
#include <optional>
#include <vector>

class QFormLayout;
class QLabel;
class QPushButton;

namespace arcanum {

class SecretLabel;
class SecretTextEdit;
class TotpCodeView;
class VaultSession;

class EntryDetailView : public QWidget
{
    Q_OBJECT

public:
    explicit EntryDetailView(VaultSession* session, QWidget* parent = nullptr);

    // Shows `entry` (nullopt: nothing selected). Re-reads it from the vault.
    void showEntry(const std::optional<EntryId>& entry);
    [[nodiscard]] const std::optional<EntryId>& entry() const { return m_entry; }

    void setRevealed(bool revealed);
    [[nodiscard]] bool isRevealed() const { return m_revealed; }
    // Wipes every label; call before the arena goes away.
    void releaseSecrets();

    // The clock TOTP codes are computed for (tests inject one).
    void setClock(WallClock clock);

    // For tests: the label of a standard field (none for notes and TOTP); the TOTP code and
    // countdown; the "History…" button.
    [[nodiscard]] SecretLabel* label(EntryField field) const;
    [[nodiscard]] TotpCodeView* totpView() const { return m_totp; }
    [[nodiscard]] QPushButton* historyButton() const { return m_history; }

signals:
    void copyRequested(arcanum::EntryField field);
    void copyCustomFieldRequested(int index);
    void copyTotpRequested(); // the current code (Ctrl+T)
    void openUrlRequested();
    void editRequested();
    void historyRequested(); // enabled only when the entry has earlier versions
    void revealedChanged(bool revealed);

private:
    void clearCustomFields();
    void addCustomField(int index, const EntryView::CustomField& field);
    void setField(SecretLabel* label, SecretSpan value);

    VaultSession* m_session;
    std::optional<EntryId> m_entry;
    bool m_revealed = false;
    QFormLayout* m_form = nullptr;
    QLabel* m_placeholder = nullptr;
    QWidget* m_fields = nullptr;
    SecretLabel* m_title = nullptr;
    SecretLabel* m_username = nullptr;
    SecretLabel* m_password = nullptr;
    SecretLabel* m_url = nullptr;
    TotpCodeView* m_totp = nullptr;
    SecretLabel* m_tags = nullptr;
    SecretTextEdit* m_notes = nullptr;
    QPushButton* m_reveal = nullptr;
    QPushButton* m_history = nullptr;
    QLabel* m_dates = nullptr;
    int m_totpRow = 0;
    int m_tagsRow = 0;
    std::vector<QWidget*> m_customRows; // the name label of each custom-field row
    std::vector<SecretLabel*> m_customValues;
    std::vector<bool> m_customProtected;
};

} // namespace arcanum
