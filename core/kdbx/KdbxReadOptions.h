// KdbxReadOptions: what a KeePass import keeps and the safety limits it reads under.
#pragma once

#include <cstddef>

namespace arcanum {

struct KdbxReadOptions
{
    // Entries in the recycle bin are left out (and counted in KdbxDatabase::skipped) unless set.
    bool keepRecycleBin = false;
    // The decompressed payload (XML plus KDBX 4 attachments) may not exceed this; checked while
    // inflating, so a decompression bomb stops here.
    std::size_t maxInflatedBytes = std::size_t(512) * 1024 * 1024;
    // XML elements nested deeper than this are refused (about 120 levels of groups).
    std::size_t maxXmlDepth = 128;
};

} // namespace arcanum
