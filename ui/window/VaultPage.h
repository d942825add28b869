// VaultPage: the unlocked state of the main window — search field, group sidebar, entry list and
// detail pane. It wires widgets to the models and the session; the actions (copy, edit, delete,
// open URL) live in EntryActions.
#pragma once

#include "vault/EntryId.h"

#include <QWidget>
#include <optional>

class QTreeView;

namespace arcanum {

class EntryDetailView;
class EntryListModel;
class GroupTreeModel;
class SecretItemDelegate;
class SecretLineEdit;
class VaultSession;

class VaultPage : public QWidget
{
    Q_OBJECT

public:
    explicit VaultPage(VaultSession* session, QWidget* parent = nullptr);

    [[nodiscard]] std::optional<EntryId> currentEntry() const;
    // The selected group (nullopt: "All entries").
    [[nodiscard]] std::optional<EntryId> currentGroup() const;
    void selectEntry(const EntryId& id);
    // Selects `group` in the sidebar (nullopt: "All entries").
    void selectGroup(const std::optional<EntryId>& group);
    void focusSearch();
    void focusEntryList();

    [[nodiscard]] SecretLineEdit* searchField() const { return m_search; }
    [[nodiscard]] QTreeView* entryList() const { return m_entries; }
    [[nodiscard]] QTreeView* groupTree() const { return m_groups; }
    [[nodiscard]] EntryDetailView* details() const { return m_details; }
    [[nodiscard]] EntryListModel* entryModel() const { return m_entryModel; }
    [[nodiscard]] GroupTreeModel* groupModel() const { return m_groupModel; }

signals:
    void currentEntryChanged();
    void currentGroupChanged();
    void entryActivated(); // double-click or Enter on an entry: edit it

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onUnlocked();
    void onAboutToLock();
    void applyFilter();
    void followGroup(); // the sidebar's current group changed, or may have

    VaultSession* m_session;
    SecretLineEdit* m_search = nullptr;
    QTreeView* m_groups = nullptr;
    QTreeView* m_entries = nullptr;
    EntryDetailView* m_details = nullptr;
    EntryListModel* m_entryModel = nullptr;
    GroupTreeModel* m_groupModel = nullptr;
    SecretItemDelegate* m_entryDelegate = nullptr;
    SecretItemDelegate* m_groupDelegate = nullptr;
    // The sidebar's group while its model is rebuilt (every save), to select it again.
    std::optional<EntryId> m_groupBeforeReset;
};

} // namespace arcanum
