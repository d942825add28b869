// ScanReport: what one canary scan of a process found.
//
// Holds no plaintext: hits carry the canary's label, never its bytes, so a report (and its
// summary()) can go into a test failure message or a terminal.
#pragma once

#include "canary/CanarySet.h"
#include "canary/Mapping.h"

#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace arcanum {

struct CanaryHit
{
    std::string label;
    CanaryEncoding encoding = CanaryEncoding::Utf8;
    std::uintptr_t address = 0; // in the scanned process
    Mapping mapping;            // the mapping that holds `address`
};

struct ScanReport
{
    pid_t pid = 0;
    std::vector<CanaryHit> hits;   // in the order found; at most ScanOptions::maxHits
    std::size_t hitsNotListed = 0; // found beyond maxHits

    std::size_t mappingsTotal = 0;
    std::size_t mappingsScanned = 0;     // at least one byte searched
    std::size_t hugeMappingsSkipped = 0; // larger than ScanOptions::maxMappingBytes
    std::uint64_t bytesScanned = 0;
    std::size_t unreadablePages = 0; // EIO/EFAULT outside secret memory, skipped

    std::size_t secretMappings = 0;
    std::size_t secretMappingsReadable = 0; // with at least one byte readable: must be 0
    std::uint64_t secretBytesRead = 0;

    [[nodiscard]] std::size_t hitCount() const { return hits.size() + hitsNotListed; }
    [[nodiscard]] std::size_t hitsIn(MappingKind kind) const;
    // No hit and no readable byte of secret memory.
    [[nodiscard]] bool clean() const { return hitCount() == 0 && secretMappingsReadable == 0; }

    // A few lines for a test failure message: every hit (up to 20) with label, encoding,
    // address and mapping, then the counts.
    [[nodiscard]] std::string summary() const;
};

} // namespace arcanum
