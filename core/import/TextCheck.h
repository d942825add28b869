// TextCheck: refuses bytes that are not UTF-8 text before anything parses them.
//
// Every export Arcanum reads is UTF-8; a file re-saved by a spreadsheet in another encoding, a
// UTF-16 file or binary junk would otherwise import as garbage. Reads in place; the message
// names the line and the problem, never the bytes.
#pragma once

#include "common/Result.h"
#include "secret/SecretSpan.h"

namespace arcanum {

class TextCheck
{
public:
    // Fails with InvalidArgument on a UTF-16 byte order mark, a NUL byte or invalid UTF-8.
    [[nodiscard]] static Result<void> isUtf8Text(SecretSpan text);
};

} // namespace arcanum
