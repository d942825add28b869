#include "kdbx/HashedBlockStream.h"

#include "kdbx/KdbxFormat.h"
#include "kdbx/KdbxHash.h"

#include <cstring>
#include <sodium.h>

namespace arcanum {

Result<void> HashedBlockStream::unwrap(SecretArena& arena, SecretBuffer& payload, std::size_t from)
{
    constexpr std::size_t headerBytes = 4 + 32 + 4;
    std::uint8_t* const data = payload.data();
    const std::size_t size = payload.size();
    std::uint8_t computed[32];
    std::size_t read = from, written = 0;
    for (std::uint32_t index = 0;; ++index) {
        const std::string block = "Block " + std::to_string(index + 1);
        if (size < read || size - read < headerBytes)
            return Error{ErrorCode::FileTruncated,
                         "The decrypted data ends inside block " + std::to_string(index + 1) +
                             ", before the final block: the file is truncated."};
        if (kdbx::readLe32(data + read) != index)
            return Error{ErrorCode::FileDamaged,
                         block +
                             " of the decrypted data has the wrong index: the file is damaged."};
        const std::uint8_t* hash = data + read + 4;
        const std::uint32_t length = kdbx::readLe32(data + read + 36);
        read += headerBytes;
        if (length == 0) {
            bool zero = true;
            for (std::size_t i = 0; i < 32; ++i)
                zero = zero && hash[i] == 0;
            if (!zero)
                return Error{ErrorCode::FileDamaged,
                             "The final block of the decrypted data has a non-zero hash: the "
                             "file is damaged."};
            break;
        }
        if (size - read < length)
            return Error{ErrorCode::FileTruncated,
                         block + " of the decrypted data runs past its end: the file is "
                                 "truncated."};
        if (auto hashed = KdbxHash::sha256(arena, {std::span(data + read, length)}, computed);
            !hashed)
            return hashed.error();
        if (sodium_memcmp(computed, hash, 32) != 0)
            return Error{ErrorCode::FileDamaged,
                         block + " of the decrypted data fails its SHA-256 check: the file is "
                                 "damaged there."};
        std::memmove(data + written, data + read, length);
        written += length;
        read += length;
    }
    return payload.resize(written); // wipes what lay behind the compacted data
}

} // namespace arcanum
