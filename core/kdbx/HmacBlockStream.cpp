#include "kdbx/HmacBlockStream.h"

#include "kdbx/KdbxFormat.h"
#include "kdbx/KdbxHash.h"

#include <sodium.h>

namespace arcanum {

namespace {

constexpr std::size_t hmacBytes = 32;
constexpr std::size_t blockHeaderBytes = hmacBytes + 4;

// HMAC of block `index` = HMAC-SHA-256(blockKey, index u64 ‖ length u32 ‖ data).
Result<void> blockHmac(SecretArena& arena, SecretSpan hmacKey, std::uint64_t index,
                       std::span<const std::uint8_t> data, std::span<std::uint8_t> out)
{
    auto key = arena.allocate(64);
    if (!key)
        return key.error();
    if (auto made = HmacBlockStream::blockKey(arena, hmacKey, index, key->bytes()); !made)
        return made.error();
    std::uint8_t prefix[12];
    kdbx::writeLe64(prefix, index);
    kdbx::writeLe32(prefix + 8, static_cast<std::uint32_t>(data.size()));
    return KdbxHash::hmacSha256(arena, key->bytes(), {prefix, data}, out);
}

} // namespace

Result<void> HmacBlockStream::blockKey(SecretArena& arena, SecretSpan hmacKey, std::uint64_t index,
                                       std::span<std::uint8_t> out)
{
    std::uint8_t indexBytes[8];
    kdbx::writeLe64(indexBytes, index);
    return KdbxHash::sha512(arena, {indexBytes, hmacKey.bytes()}, out);
}

Result<std::vector<std::uint8_t>> HmacBlockStream::unwrap(SecretArena& arena, SecretSpan hmacKey,
                                                          std::span<const std::uint8_t> stream)
{
    // First walk the lengths alone, to know how many blocks there are (for messages) and how big
    // the ciphertext is, and to report truncation before spending time on HMACs.
    std::size_t blocks = 0, total = 0, at = 0;
    for (;;) {
        if (stream.size() - at < blockHeaderBytes)
            return Error{ErrorCode::FileTruncated,
                         "The file ends inside block " + std::to_string(blocks + 1) +
                             " of its encrypted data, before the final block: it is truncated."};
        const std::uint32_t length = kdbx::readLe32(stream.data() + at + hmacBytes);
        at += blockHeaderBytes;
        if (length > INT32_MAX || stream.size() - at < length)
            return Error{ErrorCode::FileTruncated,
                         "Block " + std::to_string(blocks + 1) +
                             " of the encrypted data runs past the end of the file: it is "
                             "truncated."};
        at += length;
        total += length;
        ++blocks;
        if (length == 0)
            break;
    }

    std::vector<std::uint8_t> ciphertext;
    ciphertext.reserve(total);
    std::uint8_t computed[hmacBytes];
    at = 0;
    for (std::size_t index = 0; index < blocks; ++index) {
        const std::uint8_t* stored = stream.data() + at;
        const std::uint32_t length = kdbx::readLe32(stream.data() + at + hmacBytes);
        const std::span<const std::uint8_t> data = stream.subspan(at + blockHeaderBytes, length);
        if (auto hashed = blockHmac(arena, hmacKey, index, data, computed); !hashed)
            return hashed.error();
        if (sodium_memcmp(computed, stored, hmacBytes) != 0)
            return Error{ErrorCode::FileDamaged,
                         "Block " + std::to_string(index + 1) + " of " + std::to_string(blocks) +
                             " of the encrypted data fails its HMAC check: the file is damaged "
                             "there."};
        ciphertext.insert(ciphertext.end(), data.begin(), data.end());
        at += blockHeaderBytes + length;
    }
    return ciphertext;
}

Result<void> HmacBlockStream::wrap(SecretArena& arena, SecretSpan hmacKey,
                                   std::span<const std::uint8_t> ciphertext,
                                   std::vector<std::uint8_t>& out, std::size_t blockBytes)
{
    std::size_t at = 0;
    std::uint64_t index = 0;
    out.reserve(out.size() + ciphertext.size() +
                (ciphertext.size() / blockBytes + 2) * blockHeaderBytes);
    for (;;) {
        const std::size_t length = std::min(blockBytes, ciphertext.size() - at);
        const std::span<const std::uint8_t> data = ciphertext.subspan(at, length);
        std::uint8_t header[blockHeaderBytes];
        if (auto hashed = blockHmac(arena, hmacKey, index, data, std::span(header, hmacBytes));
            !hashed)
            return hashed.error();
        kdbx::writeLe32(header + hmacBytes, static_cast<std::uint32_t>(length));
        out.insert(out.end(), header, header + blockHeaderBytes);
        out.insert(out.end(), data.begin(), data.end());
        at += length;
        ++index;
        if (length == 0)
            return {};
    }
}

} // namespace arcanum
