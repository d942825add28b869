// Version1Writer: writes payloads and files of vault format version 1 (docs/FORMAT.md §9), which
// Arcanum itself no longer writes, so that tests, tools and the fuzzer can check that version-1
// files still open and convert. Header-only, no Qt.
//
// Version1Payload mirrors RecordWriter with version 1's framing: tag (u8) | length (u32) |
// value, times as u64. sealVersion1() seals a payload the way version 1 did: one
// XChaCha20-Poly1305 message under encKey, the whole header as associated data.
#pragma once

#include "crypto/Aead.h"
#include "crypto/Random.h"
#include "format/VaultHeader.h"
#include "format/VaultKeys.h"
#include "secret/SecretArena.h"

#include <cstdint>
#include <cstring>
#include <vector>

namespace arcanum::test {

class Version1Payload
{
public:
    explicit Version1Payload(SecretArena& arena) : m_arena(arena) {}

    void add(std::uint8_t tag, SecretSpan value)
    {
        std::uint8_t* at = grow(5 + value.size());
        if (at == nullptr)
            return;
        at[0] = tag;
        putU32(at + 1, static_cast<std::uint32_t>(value.size()));
        if (!value.empty())
            std::memcpy(at + 5, value.data(), value.size());
    }
    void addBytes(std::uint8_t tag, const void* bytes, std::size_t size)
    {
        add(tag, SecretSpan(static_cast<const std::uint8_t*>(bytes), size));
    }
    void addU64(std::uint8_t tag, std::uint64_t value)
    {
        std::uint8_t bytes[8];
        for (int i = 0; i < 8; ++i)
            bytes[i] = static_cast<std::uint8_t>(value >> (8 * i));
        addBytes(tag, bytes, 8);
    }
    void addU32(std::uint8_t tag, std::uint32_t value)
    {
        std::uint8_t bytes[4];
        putU32(bytes, value);
        addBytes(tag, bytes, 4);
    }
    void addU8(std::uint8_t tag, std::uint8_t value) { addBytes(tag, &value, 1); }
    void appendRaw(SecretSpan bytes)
    {
        if (std::uint8_t* at = grow(bytes.size()); at != nullptr && !bytes.empty())
            std::memcpy(at, bytes.data(), bytes.size());
    }
    [[nodiscard]] std::size_t begin(std::uint8_t tag)
    {
        const std::size_t mark = m_size;
        if (std::uint8_t* at = grow(5))
            at[0] = tag;
        return mark;
    }
    void end(std::size_t mark)
    {
        if (!m_buffer.isNull())
            putU32(m_buffer.data() + mark + 1, static_cast<std::uint32_t>(m_size - mark - 5));
    }
    // The payload; a null buffer if the arena ran out.
    [[nodiscard]] SecretBuffer finish()
    {
        if (!m_buffer.isNull() && !m_buffer.resize(m_size))
            return {};
        return std::move(m_buffer);
    }

private:
    static void putU32(std::uint8_t* at, std::uint32_t value)
    {
        for (int i = 0; i < 4; ++i)
            at[i] = static_cast<std::uint8_t>(value >> (8 * i));
    }
    std::uint8_t* grow(std::size_t bytes)
    {
        if (m_buffer.size() < m_size + bytes) {
            if (m_buffer.isNull()) {
                auto buffer = m_arena.allocate(std::max<std::size_t>(256, bytes));
                if (!buffer)
                    return nullptr;
                m_buffer = std::move(buffer.value());
            } else if (!m_buffer.resize(std::max(m_size + bytes, m_buffer.size() * 2))) {
                return nullptr;
            }
        }
        std::uint8_t* at = m_buffer.data() + m_size;
        m_size += bytes;
        return at;
    }

    SecretArena& m_arena;
    SecretBuffer m_buffer;
    std::size_t m_size = 0;
};

// A whole version-1 file holding `payload`, with a fresh nonce.
inline std::vector<std::uint8_t> sealVersion1(SecretSpan payload, const VaultKeys& keys,
                                              const Argon2Params& kdf)
{
    VaultHeader header;
    header.version = VaultHeader::version1;
    header.kdf = kdf;
    Random::fill(header.nonce);
    header.ciphertextLength = payload.size() + Aead::tagBytes;
    const auto prefix = header.serialize();
    header.keyCheck = keys.keyCheck(std::span(prefix).first(VaultHeader::keyCheckOffset)).value();
    const auto headerBytes = header.serialize();
    std::vector<std::uint8_t> file(headerBytes.begin(), headerBytes.end());
    const auto sealed =
        Aead::seal(payload, headerBytes, keys.encryptionKey(), header.nonce).value();
    file.insert(file.end(), sealed.begin(), sealed.end());
    return file;
}

} // namespace arcanum::test
