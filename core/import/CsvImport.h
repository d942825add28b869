// CsvImport: the result of reading a CSV export, ready for the vault to take in.
//
// Owns the arena buffer that holds the file's bytes (parsed in place); every span in `entries`
// points into it, so the spans stay valid exactly as long as this object (moving it keeps them
// valid: the bytes do not move). Destroying it wipes the plaintext.
#pragma once

#include "import/CsvDialect.h"
#include "import/ImportedEntry.h"
#include "import/SkippedRow.h"
#include "secret/SecretBuffer.h"

#include <vector>

namespace arcanum {

struct CsvImport
{
    CsvFormat format = CsvFormat::ChromeEdge;
    SecretBuffer text;
    std::vector<ImportedEntry> entries; // in file order
    std::vector<SkippedRow> skipped;    // in file order
};

} // namespace arcanum
