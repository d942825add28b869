// EntryListModel: the rows of the entry list — which entries are visible, in which order.
//
// data() never returns secret text for display: for the title, user name and URL columns it
// returns nothing for DisplayRole and the entry's index for EntryIndexRole; EntryDelegate paints
// the text straight from the arena. AccessibleTextRole gives "Entry N of M", or, while the user
// allows screen-reader access (ScreenReaderAccess), the field's text as a string from
// AccessibleTextPool (wiped once the accessibility bridge has sent it). Filtering (search, group)
// and sorting (any column, either way; title by default) run in core (VaultContents::search /
// sortEntries); the model keeps only entry indexes. Sorting keeps the selection (a layout change,
// not a reset). The search query is copied into the vault's arena. Everything is dropped on
// aboutToLock().
#pragma once

#include "common/Result.h"
#include "secret/SecretBuffer.h"
#include "vault/EntryId.h"
#include "vault/EntryView.h"

#include <QAbstractTableModel>
#include <optional>
#include <vector>

namespace arcanum {

class VaultSession;

class EntryListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TitleColumn,
        UsernameColumn,
        UrlColumn,
        ModifiedColumn,
        ColumnCount
    };
    enum Role
    {
        EntryIndexRole = Qt::UserRole + 1
    };

    explicit EntryListModel(VaultSession* session, QObject* parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    [[nodiscard]] int sortColumn() const { return m_sortColumn; }
    [[nodiscard]] Qt::SortOrder sortOrder() const { return m_sortOrder; }

    // Shows entries matching `query` (arena text; empty = all) in `group` (nullopt = all).
    [[nodiscard]] Result<void> setFilter(SecretSpan query, std::optional<EntryId> group);
    [[nodiscard]] const std::optional<EntryId>& groupFilter() const { return m_group; }

    [[nodiscard]] std::optional<EntryView> entryAt(int row) const;
    [[nodiscard]] std::optional<EntryId> entryIdAt(int row) const;
    [[nodiscard]] int rowOf(const EntryId& id) const; // -1 when not visible
    // The field a column shows.
    [[nodiscard]] static EntryField fieldOf(int column);

public slots:
    // Re-runs the filter (after any change to the vault).
    void refresh();
    // Forgets everything (before the arena goes away).
    void clear();

private:
    VaultSession* m_session;
    std::vector<std::size_t> m_rows; // indexes into VaultContents, in display order
    SecretBuffer m_query;            // in the vault's arena
    std::optional<EntryId> m_group;
    int m_sortColumn = TitleColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    void sortRows();
};

} // namespace arcanum
