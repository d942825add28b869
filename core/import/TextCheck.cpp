#include "import/TextCheck.h"

#include "text/Utf8.h"

#include <string>

namespace arcanum {

namespace {

bool isLiteralReplacement(SecretSpan text, std::size_t offset)
{
    return offset + 3 <= text.size() && text[offset] == 0xEF && text[offset + 1] == 0xBF &&
           text[offset + 2] == 0xBD;
}

} // namespace

Result<void> TextCheck::isUtf8Text(SecretSpan text)
{
    if (text.size() >= 2 &&
        ((text[0] == 0xFF && text[1] == 0xFE) || (text[0] == 0xFE && text[1] == 0xFF)))
        return Error{ErrorCode::InvalidArgument,
                     "The file is UTF-16 text; Arcanum reads CSV in UTF-8. Export it again, or "
                     "save it as \"CSV UTF-8\"."};
    std::size_t line = 1;
    for (std::size_t offset = 0; offset < text.size();) {
        const std::uint8_t byte = text[offset];
        if (byte == 0)
            return Error{ErrorCode::InvalidArgument,
                         "Line " + std::to_string(line) +
                             " holds a NUL byte: this is not a CSV text file."};
        if (byte == '\n' ||
            (byte == '\r' && (offset + 1 == text.size() || text[offset + 1] != '\n')))
            ++line;
        const std::size_t start = offset;
        if (Utf8::decode(text, offset) == Utf8::replacement && !isLiteralReplacement(text, start))
            return Error{ErrorCode::InvalidArgument,
                         "Line " + std::to_string(line) +
                             " is not valid UTF-8. Arcanum reads CSV in UTF-8, as browsers and "
                             "password managers export it; a file saved by a spreadsheet may need "
                             "saving again as \"CSV UTF-8\"."};
    }
    return {};
}

} // namespace arcanum
