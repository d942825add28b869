// ChunkLayout: how a version-2 payload is cut into secretstream chunks (docs/FORMAT.md §2.1).
//
// n = max(1, ceil(P / 65536)) chunks of 65,536 plaintext bytes, the last holding the rest (1 to
// 65,536 bytes; 0 only for an empty payload), each 17 bytes longer once encrypted. A reader
// derives the whole layout from the header's ciphertext length before decrypting anything.
#pragma once

#include "crypto/SecretStream.h"

#include <cstdint>
#include <optional>

namespace arcanum {

struct ChunkLayout
{
    static constexpr std::uint64_t plainBytes = 64 * 1024;
    static constexpr std::uint64_t overheadBytes = SecretStream::overheadBytes;
    static constexpr std::uint64_t cipherBytes = plainBytes + overheadBytes;

    std::uint64_t chunks = 1;
    std::uint64_t payloadBytes = 0;
    std::uint64_t ciphertextBytes = overheadBytes;

    [[nodiscard]] static constexpr ChunkLayout forPayload(std::uint64_t payloadBytes)
    {
        const std::uint64_t chunks =
            payloadBytes == 0 ? 1 : (payloadBytes + plainBytes - 1) / plainBytes;
        return {chunks, payloadBytes, payloadBytes + chunks * overheadBytes};
    }
    // The layout a ciphertext length implies, or nothing when no writer could produce that
    // length (a last chunk of 1 to 17 bytes, or of 17 when there are several).
    [[nodiscard]] static constexpr std::optional<ChunkLayout>
    forCiphertext(std::uint64_t ciphertextBytes)
    {
        if (ciphertextBytes < overheadBytes)
            return std::nullopt;
        const std::uint64_t chunks = (ciphertextBytes + cipherBytes - 1) / cipherBytes;
        const std::uint64_t last = ciphertextBytes - (chunks - 1) * cipherBytes;
        if (last < overheadBytes + (chunks > 1 ? 1 : 0))
            return std::nullopt;
        return ChunkLayout{chunks, ciphertextBytes - chunks * overheadBytes, ciphertextBytes};
    }

    // Plaintext bytes of chunk `index` (0-based).
    [[nodiscard]] constexpr std::uint64_t plainBytesOf(std::uint64_t index) const
    {
        return index + 1 < chunks ? plainBytes : payloadBytes - (chunks - 1) * plainBytes;
    }
};

} // namespace arcanum
