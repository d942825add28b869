#include "kdbx/VariantMap.h"

#include "kdbx/KdbxFormat.h"

namespace arcanum {

namespace {

constexpr std::uint16_t currentVersion = 0x0100;
constexpr std::uint16_t criticalMask = 0xFF00;

Error damagedMap(std::string_view map, const std::string& what)
{
    return Error{ErrorCode::FileDamaged,
                 "The " + std::string(map) + " in the header are damaged: " + what + "."};
}

std::size_t fixedSize(VariantMap::Type type)
{
    switch (type) {
    case VariantMap::Type::UInt32:
    case VariantMap::Type::Int32:
        return 4;
    case VariantMap::Type::UInt64:
    case VariantMap::Type::Int64:
        return 8;
    case VariantMap::Type::Bool:
        return 1;
    case VariantMap::Type::String:
    case VariantMap::Type::Bytes:
        return 0;
    }
    return 0;
}

bool knownType(std::uint8_t type)
{
    switch (static_cast<VariantMap::Type>(type)) {
    case VariantMap::Type::UInt32:
    case VariantMap::Type::UInt64:
    case VariantMap::Type::Bool:
    case VariantMap::Type::Int32:
    case VariantMap::Type::Int64:
    case VariantMap::Type::String:
    case VariantMap::Type::Bytes:
        return true;
    }
    return false;
}

} // namespace

Result<VariantMap> VariantMap::parse(std::span<const std::uint8_t> bytes, std::string_view what)
{
    const auto damaged = [what](const std::string& problem) {
        return damagedMap(what, problem);
    };
    if (bytes.size() < 2)
        return damaged("no version");
    const std::uint16_t version = kdbx::readLe16(bytes.data());
    if ((version & criticalMask) > (currentVersion & criticalMask))
        return Error{ErrorCode::Unsupported,
                     "The " + std::string(what) + " in the header have version " +
                         std::to_string(version >> 8) + ", newer than Arcanum reads (1)."};
    VariantMap map;
    std::size_t at = 2;
    for (;;) {
        if (at >= bytes.size())
            return damaged("the map has no end marker");
        const std::uint8_t type = bytes[at++];
        if (type == 0)
            return map;
        if (bytes.size() - at < 4)
            return damaged("an item is cut short");
        const std::uint32_t nameLength = kdbx::readLe32(bytes.data() + at);
        at += 4;
        if (bytes.size() - at < nameLength)
            return damaged("an item name runs past the end");
        std::string name(reinterpret_cast<const char*>(bytes.data() + at), nameLength);
        at += nameLength;
        if (bytes.size() - at < 4)
            return damaged("an item is cut short");
        const std::uint32_t valueLength = kdbx::readLe32(bytes.data() + at);
        at += 4;
        if (bytes.size() - at < valueLength)
            return damaged("an item value runs past the end");
        if (!knownType(type))
            return damaged("item \"" + name + "\" has unknown type " + std::to_string(type));
        const auto itemType = static_cast<Type>(type);
        if (const std::size_t size = fixedSize(itemType); size != 0 && valueLength != size)
            return damaged("item \"" + name + "\" has " + std::to_string(valueLength) +
                           " bytes, expected " + std::to_string(size));
        if (map.find(name) != nullptr)
            return damaged("item \"" + name + "\" appears twice");
        map.m_items.push_back(
            Item{itemType, std::move(name),
                 std::vector<std::uint8_t>(bytes.begin() + std::ptrdiff_t(at),
                                           bytes.begin() + std::ptrdiff_t(at + valueLength))});
        at += valueLength;
    }
}

std::vector<std::uint8_t> VariantMap::serialize() const
{
    std::vector<std::uint8_t> out{static_cast<std::uint8_t>(currentVersion & 0xff),
                                  static_cast<std::uint8_t>(currentVersion >> 8)};
    auto appendLength = [&out](std::size_t length) {
        std::uint8_t le[4];
        kdbx::writeLe32(le, static_cast<std::uint32_t>(length));
        out.insert(out.end(), le, le + 4);
    };
    for (const Item& item : m_items) {
        out.push_back(static_cast<std::uint8_t>(item.type));
        appendLength(item.name.size());
        out.insert(out.end(), item.name.begin(), item.name.end());
        appendLength(item.value.size());
        out.insert(out.end(), item.value.begin(), item.value.end());
    }
    out.push_back(0);
    return out;
}

const VariantMap::Item* VariantMap::find(std::string_view name) const
{
    for (const Item& item : m_items)
        if (item.name == name)
            return &item;
    return nullptr;
}

std::optional<std::uint64_t> VariantMap::unsignedValue(std::string_view name) const
{
    const Item* item = find(name);
    if (item == nullptr)
        return std::nullopt;
    if (item->type == Type::UInt32)
        return kdbx::readLe32(item->value.data());
    if (item->type == Type::UInt64)
        return kdbx::readLe64(item->value.data());
    return std::nullopt;
}

std::optional<std::span<const std::uint8_t>> VariantMap::bytes(std::string_view name) const
{
    const Item* item = find(name);
    if (item == nullptr || item->type != Type::Bytes)
        return std::nullopt;
    return std::span<const std::uint8_t>(item->value);
}

void VariantMap::set(Type type, std::string_view name, std::vector<std::uint8_t> value)
{
    for (Item& item : m_items) {
        if (item.name == name) {
            item.type = type;
            item.value = std::move(value);
            return;
        }
    }
    m_items.push_back(Item{type, std::string(name), std::move(value)});
}

void VariantMap::setUInt32(std::string_view name, std::uint32_t value)
{
    std::vector<std::uint8_t> le(4);
    kdbx::writeLe32(le.data(), value);
    set(Type::UInt32, name, std::move(le));
}

void VariantMap::setUInt64(std::string_view name, std::uint64_t value)
{
    std::vector<std::uint8_t> le(8);
    kdbx::writeLe64(le.data(), value);
    set(Type::UInt64, name, std::move(le));
}

void VariantMap::setBytes(std::string_view name, std::span<const std::uint8_t> value)
{
    set(Type::Bytes, name, std::vector<std::uint8_t>(value.begin(), value.end()));
}

} // namespace arcanum
