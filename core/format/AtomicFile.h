// AtomicFile: reading a whole file, and replacing one so that a crash at any instant leaves
// either the old or the new content (DESIGN.md §4).
//
// replace(): temp file in the same folder (O_EXCL, 0600) -> write -> fsync -> rename over the
// target -> fsync the folder. Failures remove the temp file and name the cause: disk full,
// read-only file system, permission denied. The target is never touched before the new content
// is safely on disk.
#pragma once

#include "common/Result.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace arcanum {

class AtomicFile
{
public:
    // The whole file; refuses files larger than `maxBytes`.
    [[nodiscard]] static Result<std::vector<std::uint8_t>> readAll(const std::string& path,
                                                                   std::size_t maxBytes);

    [[nodiscard]] static Result<void> replace(const std::string& path,
                                              std::span<const std::uint8_t> content);

    // Removes temp files this class left behind in `path`'s folder after a crash
    // (".<name>.*.tmp" older than a minute).
    static void removeStaleTemporaries(const std::string& path);

    [[nodiscard]] static std::string directoryOf(const std::string& path);
};

} // namespace arcanum
