#include "autofill/VaultAssociationStore.h"

namespace arcanum::autofill {

AssociationStore::Association VaultAssociationStore::at(std::size_t index) const
{
    const AssociationView view = m_contents->association(index);
    return {view.name(), view.key(), view.created(), view.lastUsed()};
}

Result<void> VaultAssociationStore::add(SecretSpan name, SecretSpan idKey, std::int64_t nowMs)
{
    (void)nowMs; // VaultContents stamps the record with its own clock
    if (name.empty())
        return makeError(ErrorCode::InvalidArgument, "A browser connection needs a name.");
    if (idKey.size() != idKeyBytes)
        return makeError(ErrorCode::InvalidArgument, "The browser's key has the wrong length.");
    // Replacing: the user confirmed a new key under a name in use (the GUI asked before).
    if (m_contents->findAssociation(name)) {
        if (auto removed = m_contents->removeAssociation(name); !removed)
            return removed;
    }
    return m_contents->addAssociation(name, idKey);
}

Result<void> VaultAssociationStore::remove(SecretSpan name)
{
    if (!m_contents->findAssociation(name))
        return makeError(ErrorCode::NotFound, "No browser connection has that name.");
    return m_contents->removeAssociation(name);
}

void VaultAssociationStore::touch(std::size_t index, std::int64_t nowMs)
{
    if (index >= count())
        return;
    const AssociationView view = m_contents->association(index);
    const std::int64_t last = view.lastUsed();
    if (last != 0 && nowMs >= last && nowMs - last < touchIntervalMs)
        return;
    (void)m_contents->touchAssociation(view.name(), nowMs); // only a time: failing is harmless
}

} // namespace arcanum::autofill
