#include "canary/ScanReport.h"

#include <algorithm>
#include <cstdio>

namespace arcanum {

std::size_t ScanReport::hitsIn(MappingKind kind) const
{
    return static_cast<std::size_t>(
        std::count_if(hits.begin(), hits.end(),
                      [kind](const CanaryHit& hit) { return hit.mapping.kind == kind; }));
}

std::string ScanReport::summary() const
{
    constexpr std::size_t listed = 20;
    std::string text =
        "pid " + std::to_string(pid) + ": " + std::to_string(hitCount()) + " canary hit(s)\n";
    for (std::size_t i = 0; i < hits.size() && i < listed; ++i) {
        const CanaryHit& hit = hits[i];
        char address[32];
        std::snprintf(address, sizeof address, "0x%llx",
                      static_cast<unsigned long long>(hit.address));
        text += "  \"" + hit.label + "\" " + canaryEncodingName(hit.encoding) + " at " + address +
                " in " + mappingKindName(hit.mapping.kind) + " " + hit.mapping.perms + " " +
                hit.mapping.name + "\n";
    }
    if (hitCount() > listed)
        text += "  ... and " + std::to_string(hitCount() - listed) + " more\n";
    text += "scanned " + std::to_string(bytesScanned) + " bytes in " +
            std::to_string(mappingsScanned) + " of " + std::to_string(mappingsTotal) +
            " mappings, " + std::to_string(unreadablePages) + " unreadable page(s) skipped";
    if (hugeMappingsSkipped != 0)
        text += ", " + std::to_string(hugeMappingsSkipped) + " huge mapping(s) not scanned";
    text += "\nsecret mappings: " + std::to_string(secretMappings) + ", readable: " +
            (secretMappingsReadable == 0 ? std::string("none")
                                         : std::to_string(secretMappingsReadable) + " (" +
                                               std::to_string(secretBytesRead) + " bytes read)");
    return text;
}

} // namespace arcanum
