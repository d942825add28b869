#include "import/CsvImporter.h"

#include "import/AsciiText.h"
#include "import/BitwardenFields.h"
#include "import/CsvReader.h"
#include "import/PlaintextFile.h"
#include "import/TextCheck.h"
#include "import/UrlHost.h"

#include <optional>
#include <string_view>

namespace arcanum {

namespace {

bool isBlank(const CsvRow& row)
{
    return row.fields.size() == 1 && row.fields[0].empty();
}

SecretSpan cell(const CsvDialect& dialect, const CsvRow& row, CsvColumn role)
{
    const auto index = dialect.column(role);
    return index ? row.fields[*index] : SecretSpan{};
}

// The type named in a Bitwarden `type` cell, as one of our own literals (never the cell).
std::string_view knownItemType(SecretSpan type)
{
    for (std::string_view known : {"login", "note", "card", "identity", "sshkey"})
        if (AsciiText::equalsIgnoringCase(AsciiText::trimmed(type), known))
            return known;
    return {};
}

// Bitwarden writes several URIs comma-separated: the first is the URL, the rest otherUrls.
void splitUrlList(SecretSpan list, ImportedEntry& entry)
{
    std::size_t start = 0;
    for (std::size_t i = 0; i <= list.size(); ++i) {
        if (i < list.size() && list[i] != ',')
            continue;
        const SecretSpan uri = AsciiText::trimmed(list.sub(start, i - start));
        if (!uri.empty()) {
            if (entry.url.empty())
                entry.url = uri;
            else
                entry.otherUrls.push_back(uri);
        }
        start = i + 1;
    }
}

class RowMapper
{
public:
    explicit RowMapper(const CsvDialect& dialect) : m_dialect(dialect) {}

    // Fills `entry` from `row`, or says why the row is skipped.
    std::optional<SkippedRow> map(const CsvRow& row, ImportedEntry& entry) const
    {
        SkippedRow skip;
        skip.row = row.number;
        skip.line = row.line;
        skip.fieldCount = row.fields.size();
        skip.expectedFieldCount = m_dialect.columnCount();
        if (row.fields.size() != m_dialect.columnCount())
            return skip;
        if (const auto type = m_dialect.column(CsvColumn::ItemType)) {
            skip.itemType = knownItemType(row.fields[*type]);
            if (skip.itemType != "login") {
                skip.reason = SkipReason::NotALogin;
                return skip;
            }
            skip.itemType = {};
        }
        fill(row, entry);
        const bool browser =
            m_dialect.format() == CsvFormat::ChromeEdge || m_dialect.format() == CsvFormat::Firefox;
        if (browser && entry.username.empty() && entry.password.empty()) {
            skip.reason = SkipReason::NoUsernameOrPassword;
            return skip;
        }
        if (entry.username.empty() && entry.password.empty() && entry.url.empty() &&
            entry.notes.empty() && entry.totp.empty() && entry.fields.empty()) {
            skip.reason = SkipReason::NothingToImport;
            return skip;
        }
        return std::nullopt;
    }

private:
    void fill(const CsvRow& row, ImportedEntry& entry) const
    {
        entry.row = row.number;
        entry.title = cell(m_dialect, row, CsvColumn::Title);
        entry.username = cell(m_dialect, row, CsvColumn::Username);
        entry.password = cell(m_dialect, row, CsvColumn::Password);
        entry.url = cell(m_dialect, row, CsvColumn::Url);
        entry.notes = cell(m_dialect, row, CsvColumn::Notes);
        entry.group = cell(m_dialect, row, CsvColumn::Group);
        entry.totp = cell(m_dialect, row, CsvColumn::Totp);
        if (const auto list = m_dialect.column(CsvColumn::UrlList))
            splitUrlList(row.fields[*list], entry);
        if (const auto fields = m_dialect.column(CsvColumn::FieldList))
            BitwardenFields::parse(row.fields[*fields], entry.fields);
        for (const std::size_t index : m_dialect.namedFieldColumns())
            if (!row.fields[index].empty())
                entry.fields.push_back({m_dialect.headerCell(index), row.fields[index], false});
        if (AsciiText::trimmed(entry.title).empty()) {
            const SecretSpan host = UrlHost::of(entry.url);
            entry.title = host.empty() ? entry.url : host;
        }
    }

    const CsvDialect& m_dialect;
};

} // namespace

Result<CsvImport> CsvImporter::importFile(SecretArena& arena, const std::string& path)
{
    auto text = PlaintextFile::read(arena, path);
    if (!text)
        return text.error();
    return importText(std::move(text.value()));
}

Result<CsvImport> CsvImporter::importText(SecretBuffer text)
{
    if (auto checked = TextCheck::isUtf8Text(text.span()); !checked)
        return checked.error();
    CsvReader reader(text.bytes());
    std::optional<CsvRow> header;
    while (!header && !reader.atEnd()) {
        auto row = reader.next();
        if (!row)
            return row.error();
        if (!isBlank(row.value()))
            header = row.value();
    }
    if (!header)
        return Error{ErrorCode::InvalidArgument, "The file is empty: it has no header row."};
    // Before the next read: header->fields is the reader's row list, reused by next().
    auto dialect = CsvDialect::detect(header->fields);
    if (!dialect)
        return dialect.error();

    CsvImport result;
    result.format = dialect->format();
    const RowMapper mapper(dialect.value());
    std::size_t dataRows = 0;
    while (!reader.atEnd()) {
        auto row = reader.next();
        if (!row)
            return row.error();
        if (isBlank(row.value()))
            continue;
        if (++dataRows > maxRows)
            return Error{ErrorCode::InvalidArgument, "The file has more than " +
                                                         std::to_string(maxRows) +
                                                         " rows, more than Arcanum imports."};
        ImportedEntry entry;
        if (auto skip = mapper.map(row.value(), entry))
            result.skipped.push_back(*skip);
        else
            result.entries.push_back(std::move(entry));
    }
    if (dataRows == 0)
        return Error{ErrorCode::InvalidArgument,
                     "The file has a " + std::string(CsvDialect::formatName(result.format)) +
                         " header but no rows below it."};
    result.text = std::move(text); // moves the handle only: the spans above stay valid
    return result;
}

} // namespace arcanum
