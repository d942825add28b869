// KdbxPayloadReader: from the decrypted payload of a KeePass file to a KdbxDatabase.
//
// The payload (already authenticated and with its block layer removed) is inflated 64 KiB at a
// time into an arena buffer, never whole: KDBX 4's inner header comes first (the inner stream's
// algorithm and key, then each attachment, read straight into the database's pool), and the
// rest streams into KdbxXmlReader. Afterwards the recycle bin is identified and, unless the
// options keep it, its groups and entries are left out and counted.
//
// This is the whole parsing side of the reader and nothing of its crypto, which makes it the
// natural target for fuzzing (tests/fuzz/FuzzKdbxReader.cpp).
#pragma once

#include "common/Result.h"
#include "kdbx/KdbxDatabase.h"
#include "kdbx/KdbxReadOptions.h"

#include <array>
#include <optional>
#include <span>

namespace arcanum {

class KdbxPayloadReader
{
public:
    struct Input
    {
        std::uint32_t version = kdbx::version40;
        bool compressed = true;
        SecretSpan payload;
        // KDBX 3 only (KDBX 4 keeps these in the inner header).
        kdbx::InnerStreamAlgorithm innerStream = kdbx::InnerStreamAlgorithm::Salsa20;
        std::span<const std::uint8_t> innerStreamKey;
        std::optional<std::array<std::uint8_t, 32>> headerHash;
    };

    [[nodiscard]] static Result<KdbxDatabase> read(SecretArena& arena, const Input& input,
                                                   const KdbxReadOptions& options);

    // Marks the recycle bin's groups and, unless `keep`, removes them and their entries from the
    // tables (renumbering what remains), counting what was removed in `skipped`.
    static void applyRecycleBin(KdbxDatabase& database, bool keep);
};

} // namespace arcanum
