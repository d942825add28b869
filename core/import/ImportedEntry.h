// ImportedEntry: one login read from an export, as spans into the import's arena buffer.
//
// Holds no plaintext itself: every SecretSpan points into CsvImport::text (so it is valid only
// while that buffer lives and the arena is unlocked). A field the export lacks is an empty span.
// The vault copies what it keeps into its own arena storage.
#pragma once

#include "secret/SecretSpan.h"

#include <cstddef>
#include <vector>

namespace arcanum {

struct ImportedField
{
    SecretSpan name;
    SecretSpan value;
    bool isProtected = false; // shown masked, like a password
};

struct ImportedEntry
{
    SecretSpan title;
    SecretSpan username;
    SecretSpan password;
    SecretSpan url;                    // the first URL
    std::vector<SecretSpan> otherUrls; // Bitwarden: the further URIs of login_uri, in order
    SecretSpan notes;
    SecretSpan group; // as the export writes it ("Root/Internet" for KeePassXC)
    SecretSpan totp;  // a secret or an otpauth:// URI, as exported
    std::vector<ImportedField> fields;
    std::size_t row = 0; // the CSV record it came from (the header is row 1)
};

} // namespace arcanum
