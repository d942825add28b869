#include "model/EntryListModel.h"

#include "accessibility/AccessibleTextPool.h"
#include "accessibility/ScreenReaderAccess.h"
#include "session/VaultSession.h"
#include "text/SearchQuery.h"

#include <QDateTime>
#include <QLocale>
#include <algorithm>

namespace arcanum {

EntryListModel::EntryListModel(VaultSession* session, QObject* parent)
    : QAbstractTableModel(parent), m_session(session)
{
    connect(session, &VaultSession::aboutToLock, this, &EntryListModel::clear);
    connect(session, &VaultSession::unlocked, this, &EntryListModel::refresh);
    connect(session, &VaultSession::contentsChanged, this, &EntryListModel::refresh);
}

int EntryListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int EntryListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

EntryField EntryListModel::fieldOf(int column)
{
    switch (column) {
    case UsernameColumn:
        return EntryField::Username;
    case UrlColumn:
        return EntryField::Url;
    default:
        return EntryField::Title;
    }
}

QVariant EntryListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const std::size_t entryIndex = m_rows[static_cast<std::size_t>(index.row())];
    if (role == EntryIndexRole)
        return QVariant::fromValue<qulonglong>(entryIndex);
    if (index.column() == ModifiedColumn &&
        (role == Qt::DisplayRole || role == Qt::ToolTipRole ||
         (role == Qt::AccessibleTextRole && ScreenReaderAccess::isOn()))) {
        // A time stamp is metadata, not a secret field: it may be a QString.
        const auto entry = entryAt(index.row());
        if (!entry)
            return {};
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(entry->modified()),
                                  QLocale::ShortFormat);
    }
    if (role == Qt::AccessibleTextRole) {
        // With screen-reader access the cell reads its field (a pooled string, wiped once the
        // accessibility bridge has sent it); without, only its place in the list.
        if (ScreenReaderAccess::isOn()) {
            const auto entry = entryAt(index.row());
            if (entry) {
                const SecretSpan field = entry->field(fieldOf(index.column()));
                if (!field.empty())
                    return AccessibleTextPool::instance().text(field);
                return index.column() == TitleColumn ? tr("(no title)") : tr("(empty)");
            }
        }
        return tr("Entry %1 of %2").arg(index.row() + 1).arg(rowCount());
    }
    return {}; // never the text of a field for display
}

QVariant EntryListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return tr("Title");
    case UsernameColumn:
        return tr("User name");
    case UrlColumn:
        return tr("URL");
    case ModifiedColumn:
        return tr("Modified");
    default:
        return {};
    }
}

Result<void> EntryListModel::setFilter(SecretSpan query, std::optional<EntryId> group)
{
    Vault* vault = m_session->vault();
    if (vault == nullptr)
        return Error{ErrorCode::InvalidArgument, "The vault is locked."};
    auto copy = vault->arena().copyOf(query);
    if (!copy)
        return copy.error();
    m_query = std::move(copy.value());
    m_group = group;
    refresh();
    return {};
}

void EntryListModel::refresh()
{
    Vault* vault = m_session->vault();
    beginResetModel();
    m_rows.clear();
    if (vault != nullptr) {
        auto query = SearchQuery::create(m_query.span(), vault->arena());
        if (query) {
            m_rows = vault->contents().search(*query, m_group);
            sortRows();
        }
    }
    endResetModel();
}

void EntryListModel::sortRows()
{
    Vault* vault = m_session->vault();
    if (vault == nullptr)
        return;
    VaultContents::Order order = VaultContents::Order::Title;
    switch (m_sortColumn) {
    case UsernameColumn:
        order = VaultContents::Order::Username;
        break;
    case UrlColumn:
        order = VaultContents::Order::Url;
        break;
    case ModifiedColumn:
        order = VaultContents::Order::Modified;
        break;
    default:
        break;
    }
    vault->contents().sortEntries(m_rows, order, m_sortOrder == Qt::DescendingOrder);
}

void EntryListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    // Persistent indexes (the view's current row, the selection) follow their entries.
    const QModelIndexList before = persistentIndexList();
    std::vector<std::size_t> entries;
    entries.reserve(std::size_t(before.size()));
    for (const QModelIndex& index : before)
        entries.push_back(m_rows[std::size_t(index.row())]);
    sortRows();
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        const auto row = std::find(m_rows.begin(), m_rows.end(), entries[std::size_t(i)]);
        after.append(index(int(row - m_rows.begin()), before[i].column()));
    }
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void EntryListModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_query.reset();
    m_group.reset();
    endResetModel();
}

std::optional<EntryView> EntryListModel::entryAt(int row) const
{
    Vault* vault = m_session->vault();
    if (vault == nullptr || row < 0 || row >= rowCount())
        return std::nullopt;
    return vault->contents().entry(m_rows[static_cast<std::size_t>(row)]);
}

std::optional<EntryId> EntryListModel::entryIdAt(int row) const
{
    const auto entry = entryAt(row);
    return entry ? std::optional<EntryId>(entry->id()) : std::nullopt;
}

int EntryListModel::rowOf(const EntryId& id) const
{
    for (int row = 0; row < rowCount(); ++row)
        if (entryIdAt(row) == id)
            return row;
    return -1;
}

} // namespace arcanum
