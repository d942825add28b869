// EntryId: a random 128-bit identifier for entries, groups and tombstones.
//
// Identifiers are metadata, not plaintext: they are random, say nothing about content, and may
// be copied freely (CLI output, GUI selection, autofill). Printed as a lowercase UUID-style
// string (8-4-4-4-12 hex digits).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace arcanum {

class EntryId
{
public:
    static constexpr std::size_t size = 16;

    EntryId() = default; // all zero: "none" (e.g. an entry in no group)
    explicit EntryId(const std::uint8_t* bytes);

    [[nodiscard]] static EntryId random();
    // Accepts 32 hex digits with or without the four dashes.
    [[nodiscard]] static std::optional<EntryId> parse(std::string_view text);

    [[nodiscard]] bool isNull() const;
    [[nodiscard]] std::string toString() const;
    [[nodiscard]] const std::array<std::uint8_t, size>& bytes() const { return m_bytes; }

    bool operator==(const EntryId&) const = default;
    auto operator<=>(const EntryId&) const = default;

private:
    std::array<std::uint8_t, size> m_bytes{};
};

} // namespace arcanum
