#include "autofill/AssociationStore.h"

#include "crypto/ConstantTime.h"

#include <cstring>

namespace arcanum::autofill {

std::optional<std::size_t> AssociationStore::find(SecretSpan name) const
{
    for (std::size_t i = 0; i < count(); ++i) {
        const SecretSpan candidate = at(i).name;
        if (candidate.size() == name.size() &&
            (name.empty() || std::memcmp(candidate.data(), name.data(), name.size()) == 0))
            return i;
    }
    return std::nullopt;
}

std::optional<std::size_t> AssociationStore::verify(SecretSpan name, SecretSpan idKey) const
{
    const auto index = find(name);
    if (!index || !ConstantTime::equal(at(*index).idKey.bytes(), idKey.bytes()))
        return std::nullopt;
    return index;
}

} // namespace arcanum::autofill
