// BoxNonce: the 24-byte nonce of a crypto_box message, as the protocol sends it (base64).
//
// A reply uses the request's nonce plus one, counted little-endian (sodium_increment), which is
// how the extension matches a reply to its request. Nonces are not secret.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace arcanum::autofill {

class BoxNonce
{
public:
    static constexpr std::size_t size = 24;

    BoxNonce() = default;
    [[nodiscard]] static std::optional<BoxNonce> fromBase64(std::string_view text);
    [[nodiscard]] static BoxNonce random();

    [[nodiscard]] BoxNonce incremented() const;
    [[nodiscard]] std::string toBase64() const;
    [[nodiscard]] const std::array<std::uint8_t, size>& bytes() const { return m_bytes; }

    bool operator==(const BoxNonce&) const = default;

private:
    std::array<std::uint8_t, size> m_bytes{};
};

} // namespace arcanum::autofill
