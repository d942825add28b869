#include "import/BitwardenFields.h"

#include "import/AsciiText.h"

namespace arcanum {

namespace {

void addField(SecretSpan line, std::vector<ImportedField>& out)
{
    if (AsciiText::trimmed(line).empty())
        return;
    for (std::size_t i = line.size(); i >= 2; --i) {
        if (line[i - 2] == ':' && line[i - 1] == ' ') {
            out.push_back({line.sub(0, i - 2), line.sub(i), true});
            return;
        }
    }
    out.push_back({line, {}, true});
}

} // namespace

void BitwardenFields::parse(SecretSpan cell, std::vector<ImportedField>& out)
{
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i <= cell.size(); ++i) {
        if (i < cell.size() && cell[i] != '\n' && cell[i] != '\r')
            continue;
        addField(cell.sub(lineStart, i - lineStart), out);
        if (i + 1 < cell.size() && cell[i] == '\r' && cell[i + 1] == '\n')
            ++i;
        lineStart = i + 1;
    }
}

} // namespace arcanum
