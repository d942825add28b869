#include "format/PayloadSealer.h"

#include <algorithm>
#include <cstring>

namespace arcanum {

PayloadSealer::PayloadSealer(SecretStream stream,
                             const std::array<std::uint8_t, VaultHeader::size>& header,
                             ChunkLayout layout, SecretArena& arena)
    : m_stream(std::move(stream)), m_header(header), m_layout(layout), m_arena(&arena)
{
    m_file.reserve(VaultHeader::size + layout.ciphertextBytes);
    m_file.assign(header.begin(), header.end());
}

Result<PayloadSealer> PayloadSealer::begin(const VaultKeys& keys, const Argon2Params& kdf,
                                           std::uint64_t payloadBytes, SecretArena& arena)
{
    const ChunkLayout layout = ChunkLayout::forPayload(payloadBytes);
    if (layout.ciphertextBytes > VaultHeader::maxCiphertextBytes)
        return Error{ErrorCode::InvalidArgument,
                     "The vault's content (" + std::to_string(payloadBytes) +
                         " bytes) is larger than a vault file can hold (1 GiB)."};
    VaultHeader header;
    header.version = VaultHeader::version2;
    header.kdf = kdf;
    header.ciphertextLength = layout.ciphertextBytes;
    auto stream = SecretStream::push(
        keys.streamKey(), std::span<std::uint8_t, SecretStream::headerBytes>(header.nonce), arena);
    if (!stream)
        return stream.error();
    const auto prefix = header.serialize();
    auto keyCheck = keys.keyCheck(std::span(prefix).first(VaultHeader::keyCheckOffset));
    if (!keyCheck)
        return keyCheck.error();
    header.keyCheck = *keyCheck;
    return PayloadSealer(std::move(stream.value()), header.serialize(), layout, arena);
}

Result<void> PayloadSealer::sealChunk(SecretSpan plaintext)
{
    const bool last = m_chunk + 1 == m_layout.chunks;
    const std::size_t at = m_file.size();
    m_file.resize(at + plaintext.size() + ChunkLayout::overheadBytes);
    if (auto sealed = m_stream.encrypt(plaintext, m_header,
                                       last ? SecretStream::Tag::Final : SecretStream::Tag::Message,
                                       std::span(m_file).subspan(at));
        !sealed)
        return sealed;
    ++m_chunk;
    return {};
}

Result<void> PayloadSealer::write(SecretSpan bytes)
{
    if (bytes.size() > m_layout.payloadBytes - m_written)
        return Error{ErrorCode::InvalidArgument,
                     "More payload was written than the vault header announced."};
    while (!bytes.empty()) {
        const std::size_t chunkBytes = m_layout.plainBytesOf(m_chunk);
        if (m_staged == 0 && bytes.size() >= chunkBytes) {
            if (auto sealed = sealChunk(bytes.sub(0, chunkBytes)); !sealed)
                return sealed;
            bytes = bytes.sub(chunkBytes);
            m_written += chunkBytes;
            continue;
        }
        if (m_staging.isNull()) {
            auto staging = m_arena->allocate(ChunkLayout::plainBytes);
            if (!staging)
                return staging.error();
            m_staging = std::move(staging.value());
        }
        const std::size_t take = std::min(bytes.size(), chunkBytes - m_staged);
        std::memcpy(m_staging.data() + m_staged, bytes.data(), take);
        m_staged += take;
        m_written += take;
        bytes = bytes.sub(take);
        if (m_staged == chunkBytes) {
            if (auto sealed = sealChunk(m_staging.span().sub(0, chunkBytes)); !sealed)
                return sealed;
            m_staged = 0;
        }
    }
    return {};
}

Result<std::vector<std::uint8_t>> PayloadSealer::finish()
{
    if (m_written != m_layout.payloadBytes)
        return Error{ErrorCode::InvalidArgument,
                     "Less payload was written than the vault header announced."};
    if (m_chunk < m_layout.chunks) { // only an empty payload's single, empty chunk is left
        if (auto sealed = sealChunk({}); !sealed)
            return sealed.error();
    }
    m_staging.reset();
    return std::move(m_file);
}

} // namespace arcanum
