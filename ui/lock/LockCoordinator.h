// LockCoordinator: every request to lock passes here on its way to the main window, from any
// Arcanum window (DESIGN.md §7; LockController says WHEN, this says whether to ask first).
//
// - The lock key (Ctrl+L) locks from every window of the application, modal dialogs included
//   (entry editor, generator, history, settings, change password, import, message boxes). A
//   main-window shortcut cannot: Qt does not deliver it while a modal dialog is open. An
//   application-wide event filter takes the key press before the dialog does.
// - An on-demand lock while an entry editor holds unsaved changes asks first: Save (the editor
//   saves and closes, then the vault locks; if the save fails the editor says why and nothing
//   locks), Discard (lock; the editor is wiped) or Cancel (nothing happens). The question is
//   opened with open(), never a nested event loop, and names no content.
// - Automatic locks (idle, screen lock, before sleep) never wait: an open question is dropped,
//   the edit is discarded with the vault, and editDiscarded() tells which entry it was — by id
//   only; DiscardedEditNotice names it after the next unlock, from secret memory.
// Approved locks come out as lockApproved(reason), which the main window turns into a lock.
#pragma once

#include "lock/DiscardedEdit.h"
#include "lock/LockReason.h"

#include <QKeySequence>
#include <QObject>
#include <QPointer>

class QMessageBox;

namespace arcanum {

class EntryEditorDialog;
class VaultSession;

class LockCoordinator : public QObject
{
    Q_OBJECT

public:
    explicit LockCoordinator(VaultSession* session, QObject* parent = nullptr);
    ~LockCoordinator() override;

    // The key that locks from anywhere (empty: none). Installs the application event filter.
    void setLockKey(const QKeySequence& key);
    [[nodiscard]] const QKeySequence& lockKey() const { return m_key; }

    // "Save changes before locking?", while it is open.
    [[nodiscard]] QMessageBox* question() const;
    // The entry editor with unsaved changes, if one is open.
    [[nodiscard]] static EntryEditorDialog* unsavedEditor();

public slots:
    // OnDemand may ask first; every other reason locks at once.
    void requestLock(arcanum::LockReason reason);

signals:
    void lockApproved(arcanum::LockReason reason);
    void editDiscarded(const arcanum::DiscardedEdit& edit);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void ask(EntryEditorDialog* editor);
    void onAnswer(EntryEditorDialog* editor, int button);

    VaultSession* m_session;
    QKeySequence m_key;
    QPointer<QMessageBox> m_question;
};

} // namespace arcanum
