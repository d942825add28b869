// GroupActions: what the user can do to groups — new, rename, delete — as QActions with their
// shortcuts, also offered in the group sidebar's context menu.
//
// Logic only; no layout. Names are typed into GroupNameDialog in the vault's arena and stored
// with VaultContents; every change is saved at once. Only an empty group can be deleted (the
// vault's rule: entries are never deleted as a side effect), after a confirmation.
#pragma once

#include <QObject>

class QAction;
class QWidget;

namespace arcanum {

class VaultPage;
class VaultSession;

class GroupActions : public QObject
{
    Q_OBJECT

public:
    GroupActions(VaultSession* session, VaultPage* page, QWidget* dialogParent);

    QAction* newGroup = nullptr;    // Ctrl+Shift+N: inside the selected group
    QAction* renameGroup = nullptr; // F2 in the sidebar
    QAction* deleteGroup = nullptr; // Delete in the sidebar

    // Skip the delete confirmation (tests).
    void setConfirmDeletes(bool confirm) { m_confirmDeletes = confirm; }

public slots:
    void addGroup();
    void renameCurrent();
    void deleteCurrent();
    void updateEnabled();

signals:
    void statusMessage(const QString& message);

private:
    void showError(const QString& title, const QString& message);

    VaultSession* m_session;
    VaultPage* m_page;
    QWidget* m_dialogParent;
    bool m_confirmDeletes = true;
};

} // namespace arcanum
