// EntryImporter: adds imported rows (CSV exports, later KDBX) to a vault's contents.
//
// Copies each field from the import's arena buffer into a new entry record; groups named in the
// export ("Root/Internet/Mail") become nested groups, created when missing. A KeePassXC export's
// leading "Root" group is dropped, since an Arcanum vault has no visible root group.
#pragma once

#include "common/Result.h"
#include "import/ImportedEntry.h"
#include "vault/VaultContents.h"

#include <optional>
#include <vector>

namespace arcanum {

class EntryImporter
{
public:
    // Adds every entry; with `intoGroup`, all of them go there instead of their own groups.
    // Returns how many were added. Stops at the first failure (memory), keeping what was added.
    [[nodiscard]] static Result<std::size_t> addAll(VaultContents& contents, SecretArena& arena,
                                                    const std::vector<ImportedEntry>& entries,
                                                    const std::optional<EntryId>& intoGroup = {});

    // The group at a '/'-separated path, created (with its parents) when missing. An empty path
    // or "Root" is no group.
    [[nodiscard]] static Result<EntryId> groupForPath(VaultContents& contents, SecretSpan path);
};

} // namespace arcanum
