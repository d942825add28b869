#include "import/CsvReader.h"

#include <string>

namespace arcanum {

namespace {

constexpr std::uint8_t quote = '"';
constexpr std::uint8_t separator = ',';

} // namespace

CsvReader::CsvReader(std::span<std::uint8_t> text) : m_text(text)
{
    if (m_text.size() >= 3 && m_text[0] == 0xEF && m_text[1] == 0xBB && m_text[2] == 0xBF)
        m_position = 3;
}

Result<CsvRow> CsvReader::next()
{
    CsvRow row;
    row.number = ++m_rowNumber;
    row.line = m_line;
    m_fields.clear();
    for (;;) {
        const std::size_t fieldNumber = m_fields.size() + 1;
        if (fieldNumber > maxFieldsPerRow)
            return fail(row.line, fieldNumber,
                        "more than " + std::to_string(maxFieldsPerRow) + " fields in one row");
        const bool quoted = m_position < m_text.size() && m_text[m_position] == quote;
        auto field = quoted ? readQuotedField(fieldNumber) : readPlainField(fieldNumber);
        if (!field)
            return field.error();
        m_fields.push_back(field.value());
        if (m_position < m_text.size() && m_text[m_position] == separator) {
            ++m_position;
            continue;
        }
        skipLineEnd(); // the field ended at a line end or at the end of the text
        break;
    }
    row.fields = m_fields;
    return row;
}

Result<SecretSpan> CsvReader::readQuotedField(std::size_t fieldNumber)
{
    const std::size_t openingLine = m_line;
    const std::size_t size = m_text.size();
    std::uint8_t* const text = m_text.data();
    // Content is written back from just after the opening quote; `write` never passes `read`,
    // because unescaping only ever shortens ("" becomes ").
    const std::size_t start = m_position + 1;
    std::size_t read = start;
    std::size_t write = start;
    for (;;) {
        if (read == size)
            return fail(openingLine, fieldNumber, "a quoted field starts here and never closes");
        const std::uint8_t byte = text[read];
        if (byte == quote) {
            if (read + 1 < size && text[read + 1] == quote) {
                text[write++] = quote;
                read += 2;
                continue;
            }
            ++read; // the closing quote
            break;
        }
        if (isLineEndAt(read))
            ++m_line;
        text[write++] = byte;
        ++read;
    }
    m_position = read;
    if (m_position < size && m_text[m_position] != separator && m_text[m_position] != '\n' &&
        m_text[m_position] != '\r')
        return fail(m_line, fieldNumber,
                    "text follows a closing quote (a quote inside a quoted field must be doubled)");
    return SecretSpan(text + start, write - start);
}

Result<SecretSpan> CsvReader::readPlainField(std::size_t fieldNumber)
{
    const std::size_t start = m_position;
    while (m_position < m_text.size()) {
        const std::uint8_t byte = m_text[m_position];
        if (byte == separator || byte == '\n' || byte == '\r')
            break;
        if (byte == quote)
            return fail(m_line, fieldNumber,
                        "a quote inside an unquoted field (a field holding quotes must be quoted "
                        "as a whole)");
        ++m_position;
    }
    return SecretSpan(m_text.data() + start, m_position - start);
}

bool CsvReader::isLineEndAt(std::size_t position) const
{
    // LF, or a CR not followed by LF (a lone CR ends a line too; CRLF counts once, at the LF).
    const std::uint8_t byte = m_text[position];
    if (byte == '\n')
        return true;
    return byte == '\r' && (position + 1 == m_text.size() || m_text[position + 1] != '\n');
}

void CsvReader::skipLineEnd()
{
    if (m_position < m_text.size() && m_text[m_position] == '\r')
        ++m_position;
    if (m_position < m_text.size() && m_text[m_position] == '\n')
        ++m_position;
    ++m_line;
}

Error CsvReader::fail(std::size_t line, std::size_t fieldNumber, const std::string& problem)
{
    m_position = m_text.size(); // nothing more can be read reliably
    return Error{ErrorCode::FileDamaged, "CSV line " + std::to_string(line) + ", field " +
                                             std::to_string(fieldNumber) + ": " + problem + "."};
}

} // namespace arcanum
