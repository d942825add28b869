// GroupTreeModel: the group sidebar — "All entries" on top, then the vault's groups as a tree.
//
// Group names are plaintext: data() never returns them (SecretItemDelegate paints them via
// nameAt()). Items carry the group's EntryId (GroupIdRole, a hex string: ids are not secret).
// Rebuilt on every contentsChanged(); emptied on aboutToLock().
#pragma once

#include "secret/SecretSpan.h"
#include "vault/EntryId.h"

#include <QAbstractItemModel>
#include <optional>
#include <vector>

namespace arcanum {

class VaultSession;

class GroupTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role
    {
        GroupIdRole = Qt::UserRole + 1
    };

    explicit GroupTreeModel(VaultSession* session, QObject* parent = nullptr);

    [[nodiscard]] QModelIndex index(int row, int column,
                                    const QModelIndex& parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex& child) const override;
    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;

    // nullopt for "All entries"; the group's id otherwise.
    [[nodiscard]] std::optional<EntryId> groupAt(const QModelIndex& index) const;
    // The name to paint, or nullopt for "All entries" (which the model names itself).
    [[nodiscard]] std::optional<SecretSpan> nameAt(const QModelIndex& index) const;
    [[nodiscard]] QModelIndex indexOf(const std::optional<EntryId>& group) const;

public slots:
    void rebuild();
    void clear();

private:
    struct Node
    {
        std::optional<EntryId> id; // nullopt: "All entries"
        int parent = -1;           // index into m_nodes
        std::vector<int> children;
        int row = 0;
    };
    [[nodiscard]] int nodeOf(const QModelIndex& index) const;

    VaultSession* m_session;
    std::vector<Node> m_nodes; // m_nodes[0] is the invisible root
};

} // namespace arcanum
