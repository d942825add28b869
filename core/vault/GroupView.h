// GroupView: read access to one group record in the arena (id, parent, name), like EntryView.
#pragma once

#include "common/Result.h"
#include "secret/SecretSpan.h"
#include "vault/EntryId.h"
#include "vault/Record.h"

#include <cstdint>

namespace arcanum {

class GroupView
{
public:
    explicit GroupView(SecretSpan recordValue) : m_value(recordValue) {}

    [[nodiscard]] EntryId id() const;
    [[nodiscard]] EntryId parent() const; // null for a top-level group
    [[nodiscard]] SecretSpan name() const;
    [[nodiscard]] std::int64_t modified() const;
    [[nodiscard]] SecretSpan recordValue() const { return m_value; }

    // FORMAT.md §3.2: one 16-byte id, at most one 16-byte parent, one name, at most one 6-byte
    // modified time, no unknown non-ignorable tags.
    [[nodiscard]] static Result<void> validate(SecretSpan recordValue);

private:
    [[nodiscard]] SecretSpan first(std::uint8_t tag) const
    {
        return RecordReader::findFirst(m_value, tag);
    }
    SecretSpan m_value;
};

} // namespace arcanum
