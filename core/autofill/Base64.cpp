#include "autofill/Base64.h"

#include "crypto/Sodium.h"

#include <sodium.h>

namespace arcanum::autofill {

namespace {
constexpr int variant = sodium_base64_VARIANT_ORIGINAL;
}

std::size_t Base64::encodedLength(std::size_t bytes)
{
    return sodium_base64_encoded_len(bytes, variant) - 1;
}

std::size_t Base64::encodeInto(std::span<const std::uint8_t> bytes, std::span<std::uint8_t> out)
{
    sodium_bin2base64(reinterpret_cast<char*>(out.data()), out.size(), bytes.data(), bytes.size(),
                      variant);
    return encodedLength(bytes.size());
}

std::string Base64::encode(std::span<const std::uint8_t> bytes)
{
    std::string text(encodedLength(bytes.size()) + 1, '\0');
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), variant);
    text.pop_back();
    return text;
}

std::optional<std::vector<std::uint8_t>> Base64::decode(std::string_view text)
{
    Sodium::ensureInitialized();
    std::vector<std::uint8_t> bytes(text.size() / 4 * 3 + 3);
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &length,
                          &end, variant) != 0 ||
        end != text.data() + text.size())
        return std::nullopt;
    bytes.resize(length);
    return bytes;
}

bool Base64::decodeExact(std::span<const std::uint8_t> text, std::span<std::uint8_t> out)
{
    Sodium::ensureInitialized();
    // The encoded length is fixed by the decoded one; checking it first also keeps libsodium
    // from writing past `out`.
    if (text.size() != encodedLength(out.size()))
        return false;
    std::size_t length = 0;
    const char* end = nullptr;
    const auto* chars = reinterpret_cast<const char*>(text.data());
    return sodium_base642bin(out.data(), out.size(), chars, text.size(), nullptr, &length, &end,
                             variant) == 0 &&
           end == chars + text.size() && length == out.size();
}

} // namespace arcanum::autofill
