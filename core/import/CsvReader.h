// CsvReader: an RFC 4180 reader that parses CSV text in place, inside the arena buffer holding it.
//
// Owns nothing. It rewrites the caller's bytes (a quoted field's doubled quotes are compacted
// within the field's own bytes) and hands out SecretSpans pointing into them; no field byte is
// ever copied out of the buffer. Only bookkeeping (positions, line numbers, the span list of the
// current row) lives in ordinary memory.
//
// Accepts: a UTF-8 byte order mark, LF, CRLF and lone CR line ends, a missing final line end,
// empty fields, commas and line ends inside quotes, rows of any width (checking the width is
// the caller's business). Rejects with FileDamaged and the line number: a quoted field that
// never closes, text after a closing quote, a quote inside an unquoted field, and a row of
// more than maxFieldsPerRow fields. After an error the reader is at its end.
#pragma once

#include "common/Result.h"
#include "secret/SecretSpan.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace arcanum {

struct CsvRow
{
    std::size_t number = 0;             // 1-based record number (the header is row 1)
    std::size_t line = 0;               // 1-based line on which the record starts
    std::span<const SecretSpan> fields; // valid until the next call to CsvReader::next()
};

class CsvReader
{
public:
    static constexpr std::size_t maxFieldsPerRow = 4096;

    // `text` must stay alive (and unlocked) while the reader and the spans it returns are used.
    explicit CsvReader(std::span<std::uint8_t> text);

    // True when every record has been read (an empty text, or only a byte order mark, has none).
    [[nodiscard]] bool atEnd() const { return m_position >= m_text.size(); }
    // Parses the next record. Precondition: !atEnd().
    [[nodiscard]] Result<CsvRow> next();

private:
    [[nodiscard]] Result<SecretSpan> readQuotedField(std::size_t fieldNumber);
    [[nodiscard]] Result<SecretSpan> readPlainField(std::size_t fieldNumber);
    [[nodiscard]] bool isLineEndAt(std::size_t position) const;
    void skipLineEnd();
    [[nodiscard]] Error fail(std::size_t line, std::size_t fieldNumber, const std::string& problem);

    std::span<std::uint8_t> m_text;
    std::size_t m_position = 0;
    std::size_t m_line = 1;
    std::size_t m_rowNumber = 0;
    std::vector<SecretSpan> m_fields;
};

} // namespace arcanum
