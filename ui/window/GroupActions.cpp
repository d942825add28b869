#include "window/GroupActions.h"

#include "dialogs/GroupNameDialog.h"
#include "session/VaultSession.h"
#include "window/VaultPage.h"

#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QTreeView>

namespace arcanum {

namespace {

// Runs `dialog` modally; a lock meanwhile wipes it and closes it before the arena goes.
bool askForName(GroupNameDialog& dialog, VaultSession* session)
{
    QObject::connect(session, &VaultSession::aboutToLock, &dialog, [&dialog] {
        dialog.releaseSecrets();
        dialog.reject();
    });
    return dialog.exec() == QDialog::Accepted && session->isUnlocked() && !dialog.name().empty();
}

} // namespace

GroupActions::GroupActions(VaultSession* session, VaultPage* page, QWidget* dialogParent)
    : QObject(dialogParent), m_session(session), m_page(page), m_dialogParent(dialogParent)
{
    newGroup = new QAction(tr("New &group…"), this);
    newGroup->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    newGroup->setShortcutContext(Qt::WindowShortcut);
    renameGroup = new QAction(tr("&Rename group…"), this);
    renameGroup->setShortcut(QKeySequence(Qt::Key_F2));
    deleteGroup = new QAction(tr("Delete grou&p…"), this);
    deleteGroup->setShortcut(QKeySequence::Delete);
    // F2 and Delete act on the group only while the sidebar has the focus (Delete in the entry
    // list deletes the entry).
    QTreeView* sidebar = page->groupTree();
    for (QAction* action : {renameGroup, deleteGroup}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        sidebar->addAction(action);
    }
    sidebar->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(sidebar, &QWidget::customContextMenuRequested, this, [this, sidebar](QPoint at) {
        const QModelIndex index = sidebar->indexAt(at);
        if (index.isValid())
            sidebar->setCurrentIndex(index);
        QMenu menu(sidebar);
        menu.addActions({newGroup, renameGroup, deleteGroup});
        menu.exec(sidebar->viewport()->mapToGlobal(at));
    });

    connect(newGroup, &QAction::triggered, this, &GroupActions::addGroup);
    connect(renameGroup, &QAction::triggered, this, &GroupActions::renameCurrent);
    connect(deleteGroup, &QAction::triggered, this, &GroupActions::deleteCurrent);
    connect(session, &VaultSession::unlocked, this, &GroupActions::updateEnabled);
    connect(session, &VaultSession::locked, this, &GroupActions::updateEnabled);
    connect(page, &VaultPage::currentGroupChanged, this, &GroupActions::updateEnabled);
    updateEnabled();
}

void GroupActions::updateEnabled()
{
    const bool unlocked = m_session->isUnlocked();
    const bool group = unlocked && m_page->currentGroup().has_value();
    newGroup->setEnabled(unlocked);
    renameGroup->setEnabled(group);
    deleteGroup->setEnabled(group);
}

void GroupActions::showError(const QString& title, const QString& message)
{
    QMessageBox::warning(m_dialogParent, title, message);
}

void GroupActions::addGroup()
{
    if (!m_session->isUnlocked())
        return;
    GroupNameDialog dialog(&m_session->vault()->arena(), m_dialogParent);
    dialog.setWindowTitle(tr("New Group"));
    if (!askForName(dialog, m_session))
        return;
    const auto parent = m_page->currentGroup();
    auto added = m_session->vault()->contents().addGroup(dialog.name(), parent.value_or(EntryId()));
    if (!added) {
        showError(tr("New group"), QString::fromStdString(added.error().message));
        return;
    }
    if (m_session->commitChanges())
        m_page->selectGroup(*added);
}

void GroupActions::renameCurrent()
{
    const auto id = m_page->currentGroup();
    if (!m_session->isUnlocked() || !id)
        return;
    VaultContents& contents = m_session->vault()->contents();
    const auto index = contents.findGroup(*id);
    if (!index)
        return;
    GroupNameDialog dialog(&m_session->vault()->arena(), m_dialogParent);
    dialog.setWindowTitle(tr("Rename Group"));
    if (auto filled = dialog.setName(contents.group(*index).name()); !filled) {
        showError(tr("Rename group"), QString::fromStdString(filled.error().message));
        return;
    }
    if (!askForName(dialog, m_session))
        return;
    if (auto renamed = m_session->vault()->contents().renameGroup(*id, dialog.name()); !renamed) {
        showError(tr("Rename group"), QString::fromStdString(renamed.error().message));
        return;
    }
    if (m_session->commitChanges())
        emit statusMessage(tr("Group renamed."));
}

void GroupActions::deleteCurrent()
{
    const auto id = m_page->currentGroup();
    if (!m_session->isUnlocked() || !id)
        return;
    if (auto removable = m_session->vault()->contents().checkGroupRemovable(*id); !removable) {
        showError(tr("Delete group"), QString::fromStdString(removable.error().message));
        return;
    }
    if (m_confirmDeletes && QMessageBox::question(m_dialogParent, tr("Delete group"),
                                                  tr("Delete the selected group? It is empty."),
                                                  QMessageBox::Yes | QMessageBox::Cancel,
                                                  QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    if (auto removed = m_session->vault()->contents().removeGroup(*id); !removed) {
        showError(tr("Delete group"), QString::fromStdString(removed.error().message));
        return;
    }
    if (m_session->commitChanges())
        emit statusMessage(tr("Group deleted."));
}

} // namespace arcanum
