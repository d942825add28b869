// VariantMap: KDBX 4's typed key-value dictionary (the KDF parameters and the public custom data
// of the outer header). Not secret: the outer header is stored unencrypted.
//
// Layout: version (u16, 0x0100), then items: type (u8), name length (u32), name (UTF-8), value
// length (u32), value; a type byte of 0 ends the map.
#pragma once

#include "common/Result.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace arcanum {

class VariantMap
{
public:
    enum class Type : std::uint8_t
    {
        UInt32 = 0x04,
        UInt64 = 0x05,
        Bool = 0x08,
        Int32 = 0x0C,
        Int64 = 0x0D,
        String = 0x18,
        Bytes = 0x42,
    };
    struct Item
    {
        Type type;
        std::string name;
        std::vector<std::uint8_t> value;
    };

    // FileDamaged (naming `what` and the problem) for a malformed map; Unsupported for a newer
    // major version.
    [[nodiscard]] static Result<VariantMap> parse(std::span<const std::uint8_t> bytes,
                                                  std::string_view what = "KDF parameters");
    [[nodiscard]] std::vector<std::uint8_t> serialize() const;

    [[nodiscard]] const Item* find(std::string_view name) const;
    // A UInt32 or UInt64 item's value.
    [[nodiscard]] std::optional<std::uint64_t> unsignedValue(std::string_view name) const;
    [[nodiscard]] std::optional<std::span<const std::uint8_t>> bytes(std::string_view name) const;

    void setUInt32(std::string_view name, std::uint32_t value);
    void setUInt64(std::string_view name, std::uint64_t value);
    void setBytes(std::string_view name, std::span<const std::uint8_t> value);

    [[nodiscard]] const std::vector<Item>& items() const { return m_items; }

private:
    void set(Type type, std::string_view name, std::vector<std::uint8_t> value);
    std::vector<Item> m_items;
};

} // namespace arcanum
