// CsvImporter: turns a password manager's CSV export into ImportedEntry rows for the vault.
//
// Recognises Chrome/Edge, Firefox, Bitwarden and KeePassXC exports by their header row (see
// CsvDialect and README.md). The file's bytes are read into the arena and parsed there, in
// place; the result owns that buffer and every entry field is a span into it. Rows that cannot
// become an entry are listed in CsvImport::skipped with the reason; problems that make the whole
// file unusable (not UTF-8, broken quoting, unknown header, no rows) fail the import. No error
// message or skip reason ever contains a byte of the file's content.
#pragma once

#include "common/Result.h"
#include "import/CsvImport.h"

#include <cstddef>
#include <string>

namespace arcanum {

class SecretArena;

class CsvImporter
{
public:
    // More data rows than this fails the import: it bounds the bookkeeping memory (entries and
    // skip reports live in ordinary memory) for a file that is not really a password export.
    static constexpr std::size_t maxRows = 1'000'000;

    // Reads `path` into `arena` (PlaintextFile) and imports it.
    [[nodiscard]] static Result<CsvImport> importFile(SecretArena& arena, const std::string& path);
    // Imports CSV text that is already in the arena. Takes the buffer: parsing rewrites it.
    [[nodiscard]] static Result<CsvImport> importText(SecretBuffer text);
};

} // namespace arcanum
