// GroupListModel: the vault's groups as a flat list for choosing one — "No group" first, then
// every group in tree order (parents before children, siblings by name), each with its depth.
//
// Group names are plaintext: data() never returns them (DisplayRole is empty for groups, so a
// QComboBox's itemText() is empty too); SecretItemDelegate paints them via nameAt(), indented by
// IndentLevelRole. Built by flattening a GroupTreeModel of its own, so order and rebuilding
// (unlocked, contentsChanged) and emptying (aboutToLock) follow the sidebar exactly.
#pragma once

#include "secret/SecretSpan.h"
#include "vault/EntryId.h"

#include <QAbstractListModel>
#include <optional>
#include <vector>

namespace arcanum {

class GroupTreeModel;
class VaultSession;

class GroupListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        GroupIdRole = Qt::UserRole + 1
    };

    explicit GroupListModel(VaultSession* session, QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;

    // The group of `row`: nullopt for "No group" (row 0) and for rows out of range.
    [[nodiscard]] std::optional<EntryId> groupAt(int row) const;
    // The name to paint, or nullopt for "No group" (which the model names itself).
    [[nodiscard]] std::optional<SecretSpan> nameAt(int row) const;
    // The row showing `group` (nullopt: "No group"), or -1.
    [[nodiscard]] int rowOf(const std::optional<EntryId>& group) const;
    [[nodiscard]] int depthAt(int row) const;

private:
    struct Row
    {
        std::optional<EntryId> id; // nullopt: "No group"
        int depth = 0;
    };
    void flatten();
    void appendChildren(const QModelIndex& parent, int depth);

    GroupTreeModel* m_tree;
    std::vector<Row> m_rows; // empty while locked
};

} // namespace arcanum
