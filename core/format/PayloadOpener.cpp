#include "format/PayloadOpener.h"

#include "crypto/Aead.h"
#include "crypto/SecretStream.h"
#include "format/ChunkLayout.h"

#include <string>

namespace arcanum {

namespace {

constexpr const char* restoreHint = " Restore the file from the backup (.bak) beside it.";

Error chunkError(ErrorCode code, const std::string& what, std::uint64_t chunk, std::uint64_t of)
{
    return Error{code, "The vault's encrypted content is " + what + " (chunk " +
                           std::to_string(chunk + 1) + " of " + std::to_string(of) + ")." +
                           restoreHint};
}

} // namespace

Result<void> PayloadOpener::open(std::span<const std::uint8_t> file, const VaultHeader& header,
                                 const VaultKeys& keys, std::span<std::uint8_t> out,
                                 SecretArena& arena)
{
    const auto headerBytes = file.first(VaultHeader::size);
    const auto ciphertext = file.subspan(VaultHeader::size);
    if (header.version == VaultHeader::version1) {
        if (!Aead::openInto(ciphertext, headerBytes, keys.encryptionKey(), header.nonce, out))
            return Error{ErrorCode::FileDamaged,
                         std::string("The vault's encrypted content is damaged (the password is "
                                     "right, but the content failed authentication).") +
                             restoreHint};
        return {};
    }
    const auto layout = ChunkLayout::forCiphertext(header.ciphertextLength);
    if (!layout || ciphertext.size() != layout->ciphertextBytes ||
        out.size() != layout->payloadBytes)
        return Error{ErrorCode::InvalidParameters,
                     "The payload buffer does not match the vault header."}; // a caller's bug
    auto stream = SecretStream::pull(
        keys.streamKey(), std::span<const std::uint8_t, SecretStream::headerBytes>(header.nonce),
        arena);
    if (!stream)
        return stream.error();
    for (std::uint64_t chunk = 0; chunk < layout->chunks; ++chunk) {
        const std::size_t plain = layout->plainBytesOf(chunk);
        auto tag =
            stream->decrypt(ciphertext.subspan(chunk * ChunkLayout::cipherBytes,
                                               plain + ChunkLayout::overheadBytes),
                            headerBytes, out.subspan(chunk * ChunkLayout::plainBytes, plain));
        if (!tag)
            return chunkError(ErrorCode::FileDamaged,
                              "damaged: the password is right, but a chunk failed authentication",
                              chunk, layout->chunks);
        const bool last = chunk + 1 == layout->chunks;
        if (!last && *tag != SecretStream::Tag::Message)
            return chunkError(ErrorCode::FileDamaged,
                              "damaged: a chunk before the last one says the content ends there",
                              chunk, layout->chunks);
        if (last && *tag == SecretStream::Tag::Message)
            return chunkError(ErrorCode::FileTruncated, "cut short: its last chunk is missing",
                              chunk, layout->chunks);
        if (last && *tag != SecretStream::Tag::Final)
            return chunkError(ErrorCode::FileDamaged, "damaged: its last chunk has a wrong mark",
                              chunk, layout->chunks);
    }
    return {};
}

} // namespace arcanum
