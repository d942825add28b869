// KdbxXmlWriter: writes a KdbxDatabase as the KeePass XML document of a KDBX 4 file, into the
// arena.
//
// Everything the reader reads is written: the group tree with names, notes and times; each
// entry's string fields with their protect flags, tags, times (with expiry), attachment
// references (indices into the inner header's binaries), custom data and history; the
// database's name, recycle bin and custom data (KeePassXC-Browser associations). Protected
// values are XORed with the inner random stream in document order and written as Base64; so is
// any value with a character XML 1.0 cannot carry (control characters), which keeps its bytes.
// Text is escaped in place into the output; nothing passes through a std::string.
#pragma once

#include "common/Result.h"
#include "kdbx/ArenaText.h"
#include "kdbx/InnerRandomStream.h"
#include "kdbx/KdbxDatabase.h"

namespace arcanum {

class KdbxXmlWriter
{
public:
    // Appends the document to `out`. InvalidArgument when some text is not UTF-8, naming the
    // entry's position.
    [[nodiscard]] static Result<void> write(const KdbxDatabase& database, InnerRandomStream& stream,
                                            ArenaText& out);
};

} // namespace arcanum
