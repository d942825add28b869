// CsvDialect: which password manager wrote a CSV export, and what each of its columns means.
//
// Recognised from the header row alone, by column name (ASCII, case-insensitive, surrounding
// spaces ignored), compared in place against literals: no cell is copied. Column order does not
// matter and unknown extra columns are ignored. Holds only bookkeeping: column indexes and the
// header cells' spans (which point into the caller's arena buffer).
#pragma once

#include "common/Result.h"
#include "secret/SecretSpan.h"

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace arcanum {

enum class CsvFormat
{
    ChromeEdge, // name,url,username,password[,note]
    Firefox,    // url,username,password,httpRealm,formActionOrigin,guid[,time...]
    Bitwarden,  // [folder|collections,favorite,]type,name,notes,fields,[reprompt,]login_*
    KeePassXC,  // Group,Title,Username,Password,URL,Notes[,TOTP,Icon,Last Modified,Created]
};

// What the values of one column become.
enum class CsvColumn
{
    Title,
    Username,
    Password,
    Url,
    UrlList, // Bitwarden login_uri: comma-separated; the first is the URL
    Notes,
    Group,
    Totp,
    ItemType,   // Bitwarden type: only "login" rows are entries
    FieldList,  // Bitwarden fields: "name: value" lines
    NamedField, // a custom field named after the header cell (Firefox httpRealm)
    Ignored,    // recognised but not imported (guid, times, icon, favorite, ...)
};

class CsvDialect
{
public:
    // Recognises `header`. Fails with InvalidArgument: the message lists the formats Arcanum
    // reads and, when the header nearly matches one, which of its columns are missing.
    [[nodiscard]] static Result<CsvDialect> detect(std::span<const SecretSpan> header);

    // "Chrome/Edge", "Firefox", "Bitwarden", "KeePassXC".
    [[nodiscard]] static const char* formatName(CsvFormat format);
    // One sentence naming every recognised format and its export header.
    [[nodiscard]] static std::string recognisedFormats();

    [[nodiscard]] CsvFormat format() const { return m_format; }
    // Fields in the header; a row of another width cannot be mapped safely.
    [[nodiscard]] std::size_t columnCount() const { return m_header.size(); }
    // The column holding `role` (the first one, if the header names two), if any.
    [[nodiscard]] std::optional<std::size_t> column(CsvColumn role) const;
    // Columns whose values become custom fields named after their header cell.
    [[nodiscard]] std::span<const std::size_t> namedFieldColumns() const { return m_namedFields; }
    // The header cell of column `index` without surrounding spaces (a span into the arena
    // buffer), e.g. to name a custom field after its column.
    [[nodiscard]] SecretSpan headerCell(std::size_t index) const;

private:
    static constexpr std::size_t roleCount = static_cast<std::size_t>(CsvColumn::Ignored) + 1;

    CsvFormat m_format = CsvFormat::ChromeEdge;
    std::vector<SecretSpan> m_header;
    std::array<std::optional<std::size_t>, roleCount> m_columns{};
    std::vector<std::size_t> m_namedFields;
};

} // namespace arcanum
