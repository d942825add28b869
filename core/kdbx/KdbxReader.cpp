#include "kdbx/KdbxReader.h"

#include "format/AtomicFile.h"
#include "kdbx/HashedBlockStream.h"
#include "kdbx/HmacBlockStream.h"
#include "kdbx/KdbxCipher.h"
#include "kdbx/KdbxHash.h"
#include "kdbx/KdbxKdf.h"
#include "kdbx/KdbxPayloadReader.h"

#include <algorithm>
#include <sodium.h>
#include <thread>

namespace arcanum {

namespace {

struct DerivedKeys
{
    SecretBuffer cipherKey; // SHA-256(masterSeed ‖ transformedKey)
    SecretBuffer hmacKey;   // KDBX 4: SHA-512(masterSeed ‖ transformedKey ‖ 0x01)
};

Result<DerivedKeys> deriveKeys(SecretArena& arena, const KdbxHeader& header,
                               SecretSpan transformedKey)
{
    DerivedKeys keys;
    auto cipherKey = arena.allocate(32);
    if (!cipherKey)
        return cipherKey.error();
    keys.cipherKey = std::move(cipherKey.value());
    if (auto hashed = KdbxHash::sha256(arena, {header.masterSeed, transformedKey.bytes()},
                                       keys.cipherKey.bytes());
        !hashed)
        return hashed.error();
    if (header.isKdbx4()) {
        auto hmacKey = arena.allocate(64);
        if (!hmacKey)
            return hmacKey.error();
        keys.hmacKey = std::move(hmacKey.value());
        const std::uint8_t one = 0x01;
        if (auto hashed =
                KdbxHash::sha512(arena, {header.masterSeed, transformedKey.bytes(), {&one, 1}},
                                 keys.hmacKey.bytes());
            !hashed)
            return hashed.error();
    }
    return keys;
}

Result<KdbxReader::DecryptedPayload> decryptKdbx4(SecretArena& arena,
                                                  std::span<const std::uint8_t> file,
                                                  const KdbxHeader& header, const DerivedKeys& keys)
{
    auto headerKey = arena.allocate(64);
    if (!headerKey)
        return headerKey.error();
    if (auto made = HmacBlockStream::blockKey(
            arena, keys.hmacKey.span(), HmacBlockStream::headerBlockIndex, headerKey->bytes());
        !made)
        return made.error();
    std::uint8_t headerHmac[32];
    if (auto hashed =
            KdbxHash::hmacSha256(arena, headerKey->bytes(), {file.first(header.size)}, headerHmac);
        !hashed)
        return hashed.error();
    if (sodium_memcmp(headerHmac, file.data() + header.size + 32, sizeof headerHmac) != 0)
        return KdbxReader::wrongKey();

    auto ciphertext =
        HmacBlockStream::unwrap(arena, keys.hmacKey.span(), file.subspan(header.payloadOffset()));
    if (!ciphertext)
        return ciphertext.error();
    auto plaintext = KdbxCipher::decrypt(arena, header.cipher, keys.cipherKey.span(),
                                         header.encryptionIv, *ciphertext);
    if (!plaintext)
        return plaintext.error();
    if (auto unpadded = KdbxCipher::removePadding(header.cipher, *plaintext); !unpadded)
        return unpadded.error();

    KdbxReader::DecryptedPayload payload;
    payload.bytes = std::move(plaintext.value());
    payload.input.version = header.version;
    payload.input.compressed = header.compression == kdbx::CompressionAlgorithm::Gzip;
    payload.input.payload = payload.bytes.span();
    return payload;
}

Result<KdbxReader::DecryptedPayload> decryptKdbx3(SecretArena& arena,
                                                  std::span<const std::uint8_t> file,
                                                  const KdbxHeader& header, const DerivedKeys& keys)
{
    auto plaintext = KdbxCipher::decrypt(arena, header.cipher, keys.cipherKey.span(),
                                         header.encryptionIv, file.subspan(header.size));
    if (!plaintext)
        return plaintext.error();
    constexpr std::size_t startBytes = 32;
    if (plaintext->size() < startBytes)
        return Error{ErrorCode::FileTruncated,
                     "The encrypted data is shorter than its start marker: the file is "
                     "truncated."};
    if (sodium_memcmp(plaintext->data(), header.streamStartBytes.data(), startBytes) != 0)
        return KdbxReader::wrongKey();
    if (auto unpadded = KdbxCipher::removePadding(header.cipher, *plaintext); !unpadded)
        return unpadded.error();
    if (auto unwrapped = HashedBlockStream::unwrap(arena, *plaintext, startBytes); !unwrapped)
        return unwrapped.error();

    KdbxReader::DecryptedPayload payload;
    payload.bytes = std::move(plaintext.value());
    payload.input.version = header.version;
    payload.input.compressed = header.compression == kdbx::CompressionAlgorithm::Gzip;
    payload.input.payload = payload.bytes.span();
    payload.input.innerStream = header.innerStream;
    payload.input.innerStreamKey = header.protectedStreamKey;
    std::array<std::uint8_t, 32> headerHash;
    crypto_hash_sha256(headerHash.data(), file.data(), header.size);
    payload.input.headerHash = headerHash;
    return payload;
}

} // namespace

Error KdbxReader::wrongKey()
{
    return Error{ErrorCode::WrongPassword,
                 "Wrong password or key file for this KeePass database. (A database that also "
                 "needs a YubiKey cannot be opened by Arcanum.)"};
}

Result<std::vector<std::uint8_t>> KdbxReader::readFile(const std::string& path)
{
    return AtomicFile::readAll(path, maxFileBytes);
}

Result<KdbxHeader> KdbxReader::readHeader(std::span<const std::uint8_t> file)
{
    return KdbxHeader::parse(file);
}

Result<SecretBuffer> KdbxReader::transformKey(SecretArena& arena, const KdbxHeader& header,
                                              const KdbxKey& key, std::size_t prefaultBytes)
{
    // Joined before returning: the arena outlives it.
    std::jthread pageIn;
    if (prefaultBytes > 0)
        pageIn = std::jthread([&arena, prefaultBytes] { (void)arena.prefault(prefaultBytes); });
    return KdbxKdf::transform(arena, key.composite(), header.kdf);
}

std::size_t KdbxReader::secretBytesToRead(std::size_t fileBytes)
{
    return std::min(fileBytes * 7 / 2, maxPrefaultBytes);
}

Result<KdbxReader::DecryptedPayload> KdbxReader::decryptPayload(SecretArena& arena,
                                                                std::span<const std::uint8_t> file,
                                                                const KdbxHeader& header,
                                                                SecretSpan transformedKey)
{
    if (file.size() < header.payloadOffset())
        return Error{ErrorCode::FileTruncated, "The file ends inside the KeePass header."};
    auto keys = deriveKeys(arena, header, transformedKey);
    if (!keys)
        return keys.error();
    return header.isKdbx4() ? decryptKdbx4(arena, file, header, *keys)
                            : decryptKdbx3(arena, file, header, *keys);
}

Result<KdbxDatabase> KdbxReader::decrypt(SecretArena& arena, std::span<const std::uint8_t> file,
                                         const KdbxHeader& header, SecretSpan transformedKey,
                                         const KdbxReadOptions& options)
{
    auto payload = decryptPayload(arena, file, header, transformedKey);
    if (!payload)
        return payload.error();
    auto database = KdbxPayloadReader::read(arena, payload->input, options);
    if (!database)
        return database.error();
    database->header = header;
    return database;
}

Result<KdbxDatabase> KdbxReader::read(SecretArena& arena, std::span<const std::uint8_t> file,
                                      const KdbxKey& key, const KdbxReadOptions& options)
{
    auto header = readHeader(file);
    if (!header)
        return header.error();
    auto transformed = transformKey(arena, *header, key, secretBytesToRead(file.size()));
    if (!transformed)
        return transformed.error();
    return decrypt(arena, file, *header, transformed->span(), options);
}

} // namespace arcanum
