// libFuzzer target: arbitrary bytes through CsvReader and CsvImporter, inside a SecretArena.
//
// Beyond "no crash, no out-of-bounds access" (ASan, UBSan), it checks properties:
// - every span the reader or importer returns lies inside the buffer that was parsed;
// - what the reader accepts survives a round trip: writing its rows back as fully quoted CSV
//   and reading that again gives the same fields;
// - skip reasons can always be described.
// Any violation aborts, which libFuzzer reports as a crash with the input that caused it.
#include "import/CsvImporter.h"
#include "import/CsvReader.h"
#include "secret/SecretArena.h"

#include <cstdlib>
#include <cstring>
#include <vector>

using namespace arcanum;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

SecretArena& arena()
{
    static std::unique_ptr<SecretArena> instance = [] {
        auto created = SecretArena::create();
        check(created.ok());
        return std::move(created.value());
    }();
    return *instance;
}

SecretBuffer copyIntoArena(const std::uint8_t* data, std::size_t size)
{
    auto buffer = arena().allocate(size);
    check(buffer.ok());
    if (size > 0)
        std::memcpy(buffer->data(), data, size);
    return std::move(buffer.value());
}

bool inside(SecretSpan span, const SecretBuffer& buffer)
{
    if (span.data() == nullptr)
        return span.empty();
    return span.data() >= buffer.data() && span.end() <= buffer.data() + buffer.size();
}

// Every row (as its fields) that the reader gives for `buffer`, or false on a syntax error.
bool readRows(SecretBuffer& buffer, std::vector<std::vector<SecretSpan>>& rows)
{
    CsvReader reader(buffer.bytes());
    while (!reader.atEnd()) {
        auto row = reader.next();
        if (!row.ok()) {
            check(reader.atEnd());
            return false;
        }
        check(!row->fields.empty() && row->fields.size() <= CsvReader::maxFieldsPerRow);
        for (const SecretSpan& field : row->fields)
            check(inside(field, buffer));
        rows.emplace_back(row->fields.begin(), row->fields.end());
    }
    return true;
}

// The rows written back with every field quoted and every quote doubled.
SecretBuffer writeQuoted(const std::vector<std::vector<SecretSpan>>& rows)
{
    std::size_t size = 0;
    for (const auto& row : rows)
        for (const SecretSpan& field : row)
            size += 3 + 2 * field.size(); // quotes, separator or line end, doubled quotes
    auto out = arena().allocate(size);
    check(out.ok());
    std::size_t at = 0;
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            out->data()[at++] = '"';
            for (const std::uint8_t byte : row[i]) {
                out->data()[at++] = byte;
                if (byte == '"')
                    out->data()[at++] = '"';
            }
            out->data()[at++] = '"';
            out->data()[at++] = i + 1 == row.size() ? '\n' : ',';
        }
    }
    check(out->resize(at).ok());
    return std::move(out.value());
}

void fuzzReader(const std::uint8_t* data, std::size_t size)
{
    SecretBuffer buffer = copyIntoArena(data, size);
    std::vector<std::vector<SecretSpan>> rows;
    if (!readRows(buffer, rows))
        return;
    SecretBuffer written = writeQuoted(rows);
    std::vector<std::vector<SecretSpan>> again;
    check(readRows(written, again));
    check(again.size() == rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
        check(again[r].size() == rows[r].size());
        for (std::size_t f = 0; f < rows[r].size(); ++f)
            check(again[r][f].size() == rows[r][f].size() &&
                  std::memcmp(again[r][f].data(), rows[r][f].data(), rows[r][f].size()) == 0);
    }
}

void fuzzImporter(const std::uint8_t* data, std::size_t size)
{
    auto result = CsvImporter::importText(copyIntoArena(data, size));
    if (!result.ok()) {
        check(!result.error().message.empty());
        return;
    }
    const SecretBuffer& text = result->text;
    for (const ImportedEntry& entry : result->entries) {
        for (SecretSpan span : {entry.title, entry.username, entry.password, entry.url, entry.notes,
                                entry.group, entry.totp})
            check(inside(span, text));
        for (const SecretSpan& url : entry.otherUrls)
            check(inside(url, text));
        for (const ImportedField& field : entry.fields)
            check(inside(field.name, text) && inside(field.value, text));
    }
    for (const SkippedRow& row : result->skipped)
        check(!row.describe().empty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    fuzzReader(data, size);
    fuzzImporter(data, size);
    return 0;
}
