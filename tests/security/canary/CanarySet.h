// CanarySet: the canary strings a CanaryScanner looks for, each under a non-secret label.
//
// Holds plaintext: every pattern byte lives in the set's own SecretArena, twice (UTF-8 as given
// and UTF-16LE), and is never copied into an owning string, a vector or a stack array. Labels
// ("master password", "entry 3 password") are not secret: reports and messages show them, never
// the pattern bytes.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace arcanum {

enum class CanaryEncoding
{
    Utf8,    // the bytes as given
    Utf16Le, // what a QString or a UTF-16 widget buffer would hold
};

// "UTF-8" / "UTF-16LE".
[[nodiscard]] const char* canaryEncodingName(CanaryEncoding encoding);

class CanarySet
{
public:
    static constexpr CanaryEncoding encodings[] = {CanaryEncoding::Utf8, CanaryEncoding::Utf16Le};

    // An empty set with its own arena (secret memory when the kernel has it).
    [[nodiscard]] static Result<CanarySet> create(const SecretArenaOptions& options = {});

    // Copies `pattern` (arena memory, not empty) into the set's arena in both encodings.
    [[nodiscard]] Result<void> add(std::string label, SecretSpan pattern);

    // Reads `fd` to its end with read(2) straight into the arena and adds one pattern per
    // line: "label<TAB>pattern" or just "pattern" (labelled "pattern N"). Empty lines are
    // skipped, a trailing CR is dropped; the pattern is everything after the first TAB.
    // Returns how many patterns were added.
    [[nodiscard]] Result<std::size_t> addFromFd(int fd);

    [[nodiscard]] std::size_t size() const { return m_canaries.size(); }
    [[nodiscard]] bool empty() const { return m_canaries.empty(); }
    [[nodiscard]] const std::string& label(std::size_t index) const;
    [[nodiscard]] SecretSpan pattern(std::size_t index, CanaryEncoding encoding) const;
    // The longest pattern in bytes, over both encodings.
    [[nodiscard]] std::size_t longestPattern() const;

    // The set's arena; scanners take their read buffers from it so that what they read lands
    // in secret memory too.
    [[nodiscard]] SecretArena& arena() const { return *m_arena; }

private:
    struct Canary
    {
        std::string label;
        SecretBuffer utf8;
        SecretBuffer utf16le;
    };

    explicit CanarySet(std::unique_ptr<SecretArena> arena) : m_arena(std::move(arena)) {}

    std::unique_ptr<SecretArena> m_arena;
    std::vector<Canary> m_canaries; // declared after m_arena: freed before it
};

} // namespace arcanum
