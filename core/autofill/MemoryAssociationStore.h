// MemoryAssociationStore: an AssociationStore kept in an arena for as long as it lives (one
// unlock), for tests. The app uses VaultAssociationStore.
#pragma once

#include "autofill/AssociationStore.h"
#include "secret/SecretArena.h"

#include <vector>

namespace arcanum::autofill {

class MemoryAssociationStore : public AssociationStore
{
public:
    explicit MemoryAssociationStore(SecretArena& arena) : m_arena(&arena) {}

    [[nodiscard]] std::size_t count() const override { return m_items.size(); }
    [[nodiscard]] Association at(std::size_t index) const override;
    [[nodiscard]] Result<void> add(SecretSpan name, SecretSpan idKey, std::int64_t nowMs) override;
    [[nodiscard]] Result<void> remove(SecretSpan name) override;
    void touch(std::size_t index, std::int64_t nowMs) override;

private:
    struct Item
    {
        SecretBuffer name;
        SecretBuffer idKey;
        std::int64_t createdMs = 0;
        std::int64_t lastUsedMs = 0;
    };
    SecretArena* m_arena;
    std::vector<Item> m_items; // handles; the bytes are in the arena
};

} // namespace arcanum::autofill
