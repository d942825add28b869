// Mapping: one line of /proc/PID/maps, and what kind of memory it is.
//
// Holds no plaintext: addresses, permissions and names only.
#pragma once

#include <cstdint>
#include <string>

namespace arcanum {

enum class MappingKind
{
    Heap,      // [heap]: the brk heap, where small malloc() blocks live
    Stack,     // [stack]: the main thread's stack
    Anonymous, // no name (or [anon:...]): mmap'ed memory, thread stacks, big malloc() blocks
    File,      // a path: libraries, mapped files, memfds
    Secret,    // memfd_secret() memory ("/secretmem (deleted)"): never scanned, probed instead
    Special,   // other kernel pages: [vvar], [vdso], [vsyscall], ...; never scanned
};

// "heap", "stack", "anonymous", "file", "secret", "special".
[[nodiscard]] const char* mappingKindName(MappingKind kind);

struct Mapping
{
    std::uintptr_t start = 0;
    std::uintptr_t end = 0;
    std::string perms; // "rw-p"
    std::uint64_t offset = 0;
    std::uint64_t inode = 0;
    std::string name; // "" for anonymous memory
    MappingKind kind = MappingKind::Anonymous;

    [[nodiscard]] std::size_t size() const { return end - start; }
    [[nodiscard]] bool readable() const { return !perms.empty() && perms[0] == 'r'; }
    [[nodiscard]] bool contains(std::uintptr_t address) const
    {
        return address >= start && address < end;
    }
};

} // namespace arcanum
