#include "kdbx/KdbxWriter.h"

#include "crypto/Random.h"
#include "format/AtomicFile.h"
#include "kdbx/ArenaText.h"
#include "kdbx/GzipDeflater.h"
#include "kdbx/HmacBlockStream.h"
#include "kdbx/InnerRandomStream.h"
#include "kdbx/KdbxCipher.h"
#include "kdbx/KdbxHash.h"
#include "kdbx/KdbxKdf.h"
#include "kdbx/KdbxXmlWriter.h"

#include <sodium.h>

namespace arcanum {

namespace {

constexpr std::size_t innerStreamKeyBytes = 64;

void innerField(ArenaText& out, kdbx::InnerHeaderField id, std::size_t length)
{
    std::uint8_t head[5];
    head[0] = static_cast<std::uint8_t>(id);
    kdbx::writeLe32(head + 1, static_cast<std::uint32_t>(length));
    out.append(SecretSpan(head, sizeof head));
}

// Inner header (stream id, stream key, every binary) followed by the XML document.
Result<SecretBuffer> buildPayload(SecretArena& arena, const KdbxDatabase& database)
{
    auto streamKey = arena.allocate(innerStreamKeyBytes);
    if (!streamKey)
        return streamKey.error();
    Random::fill(streamKey->bytes());
    auto stream =
        InnerRandomStream::create(arena, kdbx::InnerStreamAlgorithm::ChaCha20, streamKey->bytes());
    if (!stream)
        return stream.error();

    std::size_t binaryBytes = 0;
    for (const KdbxBinary& binary : database.binaries)
        binaryBytes += binary.data.size() + 6;
    ArenaText out(arena, binaryBytes + 1024 * (database.entries.size() + 16));
    std::uint8_t streamId[4];
    kdbx::writeLe32(streamId, static_cast<std::uint32_t>(kdbx::InnerStreamAlgorithm::ChaCha20));
    innerField(out, kdbx::InnerHeaderField::InnerRandomStreamId, sizeof streamId);
    out.append(SecretSpan(streamId, sizeof streamId));
    innerField(out, kdbx::InnerHeaderField::InnerRandomStreamKey, streamKey->size());
    out.append(streamKey->span());
    for (const KdbxBinary& binary : database.binaries) {
        innerField(out, kdbx::InnerHeaderField::Binary, binary.data.size() + 1);
        out.append(binary.isProtected ? kdbx::binaryFlagProtected : std::uint8_t(0));
        out.append(binary.data);
    }
    innerField(out, kdbx::InnerHeaderField::End, 0);
    if (auto written = KdbxXmlWriter::write(database, *stream, out); !written)
        return written.error();
    return out.take();
}

} // namespace

Result<std::vector<std::uint8_t>> KdbxWriter::write(SecretArena& arena,
                                                    const KdbxDatabase& database,
                                                    const KdbxKey& key,
                                                    const KdbxWriteOptions& options)
{
    if (options.kdf.algorithm == KdbxKdfParameters::Algorithm::AesKdf)
        return Error{ErrorCode::InvalidArgument, "Arcanum writes KeePass files with Argon2 only."};
    KdbxHeader header;
    header.version = kdbx::version40;
    header.cipher = options.cipher;
    header.compression =
        options.compress ? kdbx::CompressionAlgorithm::Gzip : kdbx::CompressionAlgorithm::None;
    Random::fill(header.masterSeed);
    header.encryptionIv.resize(KdbxHeader::ivBytes(options.cipher));
    Random::fill(header.encryptionIv);
    header.kdf = options.kdf.withFreshSalt();
    const std::vector<std::uint8_t> headerBytes = header.serialize();

    auto transformed = KdbxKdf::transform(arena, key.composite(), header.kdf);
    if (!transformed)
        return transformed.error();
    auto cipherKey = arena.allocate(32);
    auto hmacKey = arena.allocate(64);
    auto headerKey = arena.allocate(64);
    if (!cipherKey)
        return cipherKey.error();
    if (!hmacKey)
        return hmacKey.error();
    if (!headerKey)
        return headerKey.error();
    const std::uint8_t one = 0x01;
    if (auto hashed =
            KdbxHash::sha256(arena, {header.masterSeed, transformed->bytes()}, cipherKey->bytes());
        !hashed)
        return hashed.error();
    if (auto hashed = KdbxHash::sha512(arena, {header.masterSeed, transformed->bytes(), {&one, 1}},
                                       hmacKey->bytes());
        !hashed)
        return hashed.error();
    transformed->reset();

    auto payload = buildPayload(arena, database);
    if (!payload)
        return payload.error();
    if (options.compress) {
        auto compressed = GzipDeflater::compress(arena, payload->span());
        if (!compressed)
            return compressed.error();
        *payload = std::move(compressed.value()); // wipes the uncompressed document
    }
    auto ciphertext = KdbxCipher::encrypt(arena, header.cipher, cipherKey->span(),
                                          header.encryptionIv, payload->span());
    if (!ciphertext)
        return ciphertext.error();
    payload->reset();

    std::vector<std::uint8_t> file = headerBytes;
    std::uint8_t digest[32];
    crypto_hash_sha256(digest, headerBytes.data(), headerBytes.size());
    file.insert(file.end(), digest, digest + sizeof digest);
    if (auto made = HmacBlockStream::blockKey(
            arena, hmacKey->span(), HmacBlockStream::headerBlockIndex, headerKey->bytes());
        !made)
        return made.error();
    if (auto hashed = KdbxHash::hmacSha256(arena, headerKey->bytes(), {headerBytes}, digest);
        !hashed)
        return hashed.error();
    file.insert(file.end(), digest, digest + sizeof digest);
    if (auto wrapped = HmacBlockStream::wrap(arena, hmacKey->span(), *ciphertext, file); !wrapped)
        return wrapped.error();
    return file;
}

Result<void> KdbxWriter::writeFile(SecretArena& arena, const std::string& path,
                                   const KdbxDatabase& database, const KdbxKey& key,
                                   const KdbxWriteOptions& options)
{
    auto file = write(arena, database, key, options);
    if (!file)
        return file.error();
    return AtomicFile::replace(path, *file);
}

} // namespace arcanum
