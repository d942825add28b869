// ProcessMaps: the memory map of a process, parsed from /proc/PID/maps and classified.
//
// Holds no plaintext. A snapshot: the process may map or unmap memory right after it is read.
#pragma once

#include "canary/Mapping.h"
#include "common/Result.h"

#include <string_view>
#include <sys/types.h>
#include <vector>

namespace arcanum {

class ProcessMaps
{
public:
    // Reads /proc/PID/maps. Fails with NotFound (no such process) or PermissionDenied (says to
    // run as root) or InvalidArgument (a line that does not parse).
    [[nodiscard]] static Result<ProcessMaps> read(pid_t pid);
    // Parses the text of a maps file.
    [[nodiscard]] static Result<ProcessMaps> parse(std::string_view text);
    // The kind of a mapping with this name (the last column of a maps line, "" if none).
    [[nodiscard]] static MappingKind classify(std::string_view name);

    [[nodiscard]] const std::vector<Mapping>& mappings() const { return m_mappings; }
    // The mapping that holds `address`, or nullptr.
    [[nodiscard]] const Mapping* find(std::uintptr_t address) const;
    [[nodiscard]] std::size_t count(MappingKind kind) const;

private:
    std::vector<Mapping> m_mappings; // in address order, as the kernel lists them
};

} // namespace arcanum
