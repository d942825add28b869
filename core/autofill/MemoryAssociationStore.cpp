#include "autofill/MemoryAssociationStore.h"

namespace arcanum::autofill {

AssociationStore::Association MemoryAssociationStore::at(std::size_t index) const
{
    const Item& item = m_items.at(index);
    return {item.name.span(), item.idKey.span(), item.createdMs, item.lastUsedMs};
}

Result<void> MemoryAssociationStore::add(SecretSpan name, SecretSpan idKey, std::int64_t nowMs)
{
    if (name.empty())
        return makeError(ErrorCode::InvalidArgument, "A browser connection needs a name.");
    if (idKey.size() != idKeyBytes)
        return makeError(ErrorCode::InvalidArgument, "The browser's key has the wrong length.");
    auto key = m_arena->copyOf(idKey);
    if (!key)
        return key.error();
    if (const auto existing = find(name)) {
        m_items[*existing].idKey = std::move(key.value());
        m_items[*existing].createdMs = m_items[*existing].lastUsedMs = nowMs;
        return {};
    }
    auto copy = m_arena->copyOf(name);
    if (!copy)
        return copy.error();
    m_items.push_back({std::move(copy.value()), std::move(key.value()), nowMs, nowMs});
    return {};
}

Result<void> MemoryAssociationStore::remove(SecretSpan name)
{
    const auto index = find(name);
    if (!index)
        return makeError(ErrorCode::NotFound, "No browser connection has that name.");
    m_items.erase(m_items.begin() + std::ptrdiff_t(*index));
    return {};
}

void MemoryAssociationStore::touch(std::size_t index, std::int64_t nowMs)
{
    if (index < m_items.size())
        m_items[index].lastUsedMs = nowMs;
}

} // namespace arcanum::autofill
