#include "model/GroupTreeModel.h"

#include "accessibility/AccessibleTextPool.h"
#include "accessibility/ScreenReaderAccess.h"
#include "session/VaultSession.h"
#include "text/CaseFold.h"

#include <algorithm>
#include <map>

namespace arcanum {

GroupTreeModel::GroupTreeModel(VaultSession* session, QObject* parent)
    : QAbstractItemModel(parent), m_session(session)
{
    connect(session, &VaultSession::aboutToLock, this, &GroupTreeModel::clear);
    connect(session, &VaultSession::unlocked, this, &GroupTreeModel::rebuild);
    connect(session, &VaultSession::contentsChanged, this, &GroupTreeModel::rebuild);
    clear();
}

void GroupTreeModel::clear()
{
    beginResetModel();
    m_nodes.assign(1, Node{}); // the invisible root only
    endResetModel();
}

void GroupTreeModel::rebuild()
{
    beginResetModel();
    m_nodes.assign(1, Node{});
    Vault* vault = m_session->vault();
    if (vault != nullptr) {
        const VaultContents& contents = vault->contents();
        m_nodes.push_back(Node{std::nullopt, 0, {}, 0}); // "All entries"
        m_nodes[0].children.push_back(1);
        std::map<EntryId, int> nodeOfGroup;
        for (std::size_t i = 0; i < contents.groupCount(); ++i) {
            nodeOfGroup[contents.group(i).id()] = static_cast<int>(m_nodes.size());
            m_nodes.push_back(Node{contents.group(i).id(), 0, {}, 0});
        }
        for (std::size_t i = 0; i < contents.groupCount(); ++i) {
            const auto parent = nodeOfGroup.find(contents.group(i).parent());
            const int node = nodeOfGroup[contents.group(i).id()];
            // A group whose parent is missing (damaged, or removed elsewhere) shows at the top.
            m_nodes[node].parent = parent == nodeOfGroup.end() ? 0 : parent->second;
            m_nodes[m_nodes[node].parent].children.push_back(node);
        }
        for (std::size_t n = 0; n < m_nodes.size(); ++n) {
            auto& children = m_nodes[n].children;
            std::stable_sort(
                children.begin() + (n == 0 ? 1 : 0), children.end(), [&](int a, int b) {
                    return CaseFold::compare(*nameAt(createIndex(0, 0, quintptr(a))),
                                             *nameAt(createIndex(0, 0, quintptr(b)))) < 0;
                });
            for (std::size_t row = 0; row < children.size(); ++row)
                m_nodes[children[row]].row = static_cast<int>(row);
        }
    }
    endResetModel();
}

int GroupTreeModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<int>(index.internalId()) : 0;
}

QModelIndex GroupTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    const int node = nodeOf(parent);
    if (column != 0 || node >= int(m_nodes.size()) || row < 0 ||
        row >= int(m_nodes[node].children.size()))
        return {};
    return createIndex(row, 0, quintptr(m_nodes[node].children[row]));
}

QModelIndex GroupTreeModel::parent(const QModelIndex& child) const
{
    const int node = nodeOf(child);
    if (node <= 0 || node >= int(m_nodes.size()))
        return {};
    const int parent = m_nodes[node].parent;
    if (parent <= 0)
        return {};
    return createIndex(m_nodes[parent].row, 0, quintptr(parent));
}

int GroupTreeModel::rowCount(const QModelIndex& parent) const
{
    const int node = nodeOf(parent);
    return node < int(m_nodes.size()) ? int(m_nodes[node].children.size()) : 0;
}

int GroupTreeModel::columnCount(const QModelIndex&) const
{
    return 1;
}

QVariant GroupTreeModel::data(const QModelIndex& index, int role) const
{
    const int node = nodeOf(index);
    if (node <= 0 || node >= int(m_nodes.size()))
        return {};
    const auto& id = m_nodes[node].id;
    if (!id) // "All entries" is ours, not the vault's: an ordinary string
        return role == Qt::DisplayRole || role == Qt::AccessibleTextRole ? tr("All entries")
                                                                         : QVariant();
    if (role == GroupIdRole)
        return QString::fromStdString(id->toString());
    if (role == Qt::AccessibleTextRole) {
        // The group's name only with screen-reader access (a pooled string, see EntryListModel).
        if (ScreenReaderAccess::isOn()) {
            if (const auto name = nameAt(index); name && !name->empty())
                return AccessibleTextPool::instance().text(*name);
        }
        return tr("Group");
    }
    return {};
}

std::optional<EntryId> GroupTreeModel::groupAt(const QModelIndex& index) const
{
    const int node = nodeOf(index);
    return node > 0 && node < int(m_nodes.size()) ? m_nodes[node].id : std::nullopt;
}

std::optional<SecretSpan> GroupTreeModel::nameAt(const QModelIndex& index) const
{
    const auto group = groupAt(index);
    Vault* vault = m_session->vault();
    if (!group || vault == nullptr)
        return std::nullopt;
    const auto found = vault->contents().findGroup(*group);
    return found ? std::optional<SecretSpan>(vault->contents().group(*found).name())
                 : std::optional<SecretSpan>(SecretSpan());
}

QModelIndex GroupTreeModel::indexOf(const std::optional<EntryId>& group) const
{
    for (std::size_t n = 1; n < m_nodes.size(); ++n)
        if (m_nodes[n].id == group)
            return createIndex(m_nodes[n].row, 0, quintptr(n));
    return {};
}

} // namespace arcanum
