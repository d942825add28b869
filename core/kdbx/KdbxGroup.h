// KdbxGroup: one KeePass group, in a KdbxDatabase's flat group table.
//
// The tree is kept as indices: `parent` (none for the root) and `groups` / `entries` (children in
// file order). Name and notes are SecretSpans into arena memory, like every entry field.
#pragma once

#include "kdbx/KdbxEntry.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace arcanum {

struct KdbxGroup
{
    KdbxUuid uuid;
    std::optional<std::uint32_t> parent; // index into KdbxDatabase::groups; none for the root
    SecretSpan name;
    SecretSpan notes;
    KdbxTimes times;
    std::vector<std::uint32_t> groups;  // child groups, in file order
    std::vector<std::uint32_t> entries; // entries directly in this group, in file order
    bool inRecycleBin = false;          // the recycle bin itself or a group inside it
};

} // namespace arcanum
