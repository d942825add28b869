#include "model/GroupListModel.h"

#include "accessibility/AccessibleTextPool.h"
#include "accessibility/ScreenReaderAccess.h"
#include "model/GroupTreeModel.h"
#include "model/SecretItemDelegate.h"
#include "session/VaultSession.h"

namespace arcanum {

GroupListModel::GroupListModel(VaultSession* session, QObject* parent)
    : QAbstractListModel(parent), m_tree(new GroupTreeModel(session, this))
{
    connect(m_tree, &QAbstractItemModel::modelAboutToBeReset, this,
            &GroupListModel::beginResetModel);
    connect(m_tree, &QAbstractItemModel::modelReset, this, [this] {
        flatten();
        endResetModel();
    });
    if (session->vault() != nullptr)
        m_tree->rebuild(); // already unlocked: the tree only rebuilds on the next signal
}

void GroupListModel::flatten()
{
    m_rows.clear();
    if (m_tree->rowCount() == 0)
        return; // locked
    m_rows.push_back(Row{std::nullopt, 0});
    appendChildren({}, 0);
}

void GroupListModel::appendChildren(const QModelIndex& parent, int depth)
{
    for (int row = 0; row < m_tree->rowCount(parent); ++row) {
        const QModelIndex child = m_tree->index(row, 0, parent);
        const std::optional<EntryId> group = m_tree->groupAt(child);
        if (!group)
            continue; // "All entries" is the sidebar's, not a group
        m_rows.push_back(Row{group, depth});
        appendChildren(child, depth + 1);
    }
}

int GroupListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant GroupListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row& row = m_rows[std::size_t(index.row())];
    if (!row.id) // "No group" is ours, not the vault's: an ordinary string
        return role == Qt::DisplayRole || role == Qt::AccessibleTextRole ? tr("No group")
                                                                         : QVariant();
    switch (role) {
    case GroupIdRole:
        return QString::fromStdString(row.id->toString());
    case SecretItemDelegate::IndentLevelRole:
        return row.depth;
    case Qt::AccessibleTextRole:
        // The group's name only with screen-reader access (a pooled string, see EntryListModel).
        if (ScreenReaderAccess::isOn()) {
            if (const auto name = nameAt(index.row()); name && !name->empty())
                return AccessibleTextPool::instance().text(*name);
        }
        return tr("Group");
    default:
        return {};
    }
}

std::optional<EntryId> GroupListModel::groupAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[std::size_t(row)].id : std::nullopt;
}

std::optional<SecretSpan> GroupListModel::nameAt(int row) const
{
    const std::optional<EntryId> group = groupAt(row);
    return group ? m_tree->nameAt(m_tree->indexOf(group)) : std::nullopt;
}

int GroupListModel::rowOf(const std::optional<EntryId>& group) const
{
    for (std::size_t row = 0; row < m_rows.size(); ++row)
        if (m_rows[row].id == group)
            return int(row);
    return -1;
}

int GroupListModel::depthAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[std::size_t(row)].depth : 0;
}

} // namespace arcanum
