// SkippedRow: a CSV record the importer could not turn into an entry, and why.
//
// Names the row and the problem, never the content: describe() builds its sentence from
// numbers and fixed literals only, so it may be shown, logged or put in an Error.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace arcanum {

enum class SkipReason
{
    FieldCount,           // the row is wider or narrower than the header
    NoUsernameOrPassword, // browser exports: nothing to log in with
    NotALogin,            // Bitwarden: a secure note, card, identity, ...
    NothingToImport,      // no username, password, URL, notes, TOTP or custom field
};

struct SkippedRow
{
    std::size_t row = 0;  // CSV record number (the header is row 1)
    std::size_t line = 0; // line on which the record starts
    SkipReason reason = SkipReason::FieldCount;
    std::size_t fieldCount = 0;         // FieldCount: fields in the row
    std::size_t expectedFieldCount = 0; // FieldCount: fields in the header
    std::string_view itemType;          // NotALogin: a known type literal ("card"), or empty

    // "row 12: 3 fields, expected 5"; "row 9 (line 11): Bitwarden item type 'card' is not a
    // login". The line is named when it differs from the row number.
    [[nodiscard]] std::string describe() const;
};

} // namespace arcanum
