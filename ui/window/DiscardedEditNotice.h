// DiscardedEditNotice: after an automatic lock threw away an unsaved entry edit, says so above
// the vault once it is unlocked again: "Your unsaved changes to <title> were discarded when the
// vault locked after a period of inactivity."
//
// Between the lock and the next unlock it knows only the entry's id (LockCoordinator's
// DiscardedEdit); the title is drawn by a SecretLabel from the unlocked vault's arena, and
// nothing else of the entry is shown (never what was typed: that is gone with the old arena).
// A new entry that was never saved is named as such. The notice stays until dismissed or the
// vault locks, and is forgotten at the next unlock, of whatever vault.
#pragma once

#include "lock/DiscardedEdit.h"

#include <QFrame>
#include <optional>

class QLabel;
class QPushButton;

namespace arcanum {

class SecretLabel;
class VaultSession;

class DiscardedEditNotice : public QFrame
{
    Q_OBJECT

public:
    explicit DiscardedEditNotice(VaultSession* session, QWidget* parent = nullptr);

    [[nodiscard]] bool isPending() const { return m_pending.has_value(); }
    // The sentence around the title (tests and accessibility; no content).
    [[nodiscard]] QString text() const;
    [[nodiscard]] SecretLabel* titleLabel() const { return m_title; }
    [[nodiscard]] QPushButton* dismissButton() const { return m_dismiss; }

public slots:
    // Remembers an edit a lock discarded, to tell after the next unlock.
    void remember(const arcanum::DiscardedEdit& edit);

private:
    void onUnlocked();
    void clear();

    VaultSession* m_session;
    std::optional<DiscardedEdit> m_pending;
    QLabel* m_before = nullptr;
    SecretLabel* m_title = nullptr;
    QLabel* m_after = nullptr;
    QPushButton* m_dismiss = nullptr;
};

} // namespace arcanum
