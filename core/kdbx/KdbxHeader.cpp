#include "kdbx/KdbxHeader.h"

#include "kdbx/KdbxKdfLimits.h"

#include <optional>
#include <sodium.h>

namespace arcanum {

namespace {

using kdbx::HeaderField;

Error truncated()
{
    return Error{ErrorCode::FileTruncated,
                 "The file ends inside the KeePass header: it is truncated."};
}

Error damaged(const std::string& what)
{
    return Error{ErrorCode::FileDamaged, "The KeePass header is damaged: " + what + "."};
}

Error fieldSize(const char* field, std::size_t size, const char* expected)
{
    return damaged(std::string(field) + " has " + std::to_string(size) + " bytes, expected " +
                   expected);
}

std::string versionText(std::uint32_t version)
{
    return std::to_string(version >> 16) + "." + std::to_string(version & 0xffff);
}

std::optional<KdbxHeader::Cipher> cipherFor(const KdbxUuid& uuid)
{
    if (uuid == kdbx::cipherAes256)
        return KdbxHeader::Cipher::Aes256Cbc;
    if (uuid == kdbx::cipherTwofish)
        return KdbxHeader::Cipher::Twofish256Cbc;
    if (uuid == kdbx::cipherChaCha20)
        return KdbxHeader::Cipher::ChaCha20;
    return std::nullopt;
}

const KdbxUuid& uuidFor(KdbxHeader::Cipher cipher)
{
    switch (cipher) {
    case KdbxHeader::Cipher::Aes256Cbc:
        return kdbx::cipherAes256;
    case KdbxHeader::Cipher::Twofish256Cbc:
        return kdbx::cipherTwofish;
    case KdbxHeader::Cipher::ChaCha20:
        break;
    }
    return kdbx::cipherChaCha20;
}

Result<void> checkSignatures(std::span<const std::uint8_t> file)
{
    if (file.empty())
        return Error{ErrorCode::NotAKeePassFile, "The file is empty, not a KeePass database."};
    const std::uint8_t firstSignature[4] = {0x03, 0xd9, 0xa2, 0x9a};
    for (std::size_t i = 0; i < 4; ++i)
        if (i >= file.size() || file[i] != firstSignature[i])
            return i >= file.size() ? truncated()
                                    : Error{ErrorCode::NotAKeePassFile,
                                            "This is not a KeePass database (it does not start "
                                            "with the KDBX signature)."};
    if (file.size() < 12)
        return truncated();
    const std::uint32_t second = kdbx::readLe32(file.data() + 4);
    if (second == kdbx::signature2KeePass1)
        return Error{ErrorCode::UnsupportedVersion,
                     "This is a KeePass 1.x database (.kdb), which Arcanum does not read. Open it "
                     "in KeePassXC or KeePass 2 and save it as KDBX first."};
    if (second == kdbx::signature2PreRelease)
        return Error{ErrorCode::UnsupportedVersion,
                     "This is a KeePass 2 pre-release database, which Arcanum does not read."};
    if (second != kdbx::signature2)
        return Error{ErrorCode::NotAKeePassFile,
                     "This is not a KeePass database (its second signature is unknown)."};
    const std::uint32_t version = kdbx::readLe32(file.data() + 8);
    const std::uint32_t major = version >> 16;
    if (major < 3)
        return Error{ErrorCode::UnsupportedVersion,
                     "The database is KDBX " + versionText(version) +
                         ", older than Arcanum reads (3.1 and 4.x). Save it again in KeePassXC or "
                         "KeePass 2 first."};
    if (major > 4)
        return Error{ErrorCode::UnsupportedVersion,
                     "The database is KDBX " + versionText(version) +
                         ", newer than Arcanum reads (3.1 and 4.x)."};
    return {};
}

} // namespace

std::size_t KdbxHeader::ivBytes(Cipher cipher)
{
    return cipher == Cipher::ChaCha20 ? 12 : 16;
}

const char* KdbxHeader::cipherName(Cipher cipher)
{
    switch (cipher) {
    case Cipher::Aes256Cbc:
        return "AES-256";
    case Cipher::Twofish256Cbc:
        return "Twofish";
    case Cipher::ChaCha20:
        break;
    }
    return "ChaCha20";
}

std::string KdbxHeader::describe() const
{
    return "KDBX " + versionText(version) + ", " + cipherName(cipher) + ", " + kdf.describe();
}

Result<KdbxHeader> KdbxHeader::parse(std::span<const std::uint8_t> file)
{
    if (auto signatures = checkSignatures(file); !signatures)
        return signatures.error();
    KdbxHeader header;
    header.version = kdbx::readLe32(file.data() + 8);
    const bool v4 = header.isKdbx4();
    const std::size_t lengthBytes = v4 ? 4 : 2;

    bool haveCipher = false, haveSeed = false, haveIv = false, haveKdf = false;
    bool haveTransformSeed = false, haveRounds = false, haveStreamKey = false,
         haveStartBytes = false, haveStreamId = false;
    std::size_t at = 12;
    for (;;) {
        if (file.size() - at < 1 + lengthBytes)
            return truncated();
        const std::uint8_t id = file[at];
        const std::size_t length =
            v4 ? kdbx::readLe32(file.data() + at + 1) : kdbx::readLe16(file.data() + at + 1);
        at += 1 + lengthBytes;
        if (file.size() - at < length)
            return truncated();
        const std::span<const std::uint8_t> data = file.subspan(at, length);
        at += length;

        const auto field = static_cast<HeaderField>(id);
        if (field == HeaderField::EndOfHeader)
            break;
        const bool v3Only =
            field == HeaderField::TransformSeed || field == HeaderField::TransformRounds ||
            field == HeaderField::ProtectedStreamKey || field == HeaderField::StreamStartBytes ||
            field == HeaderField::InnerRandomStreamId;
        const bool v4Only =
            field == HeaderField::KdfParameters || field == HeaderField::PublicCustomData;
        if ((v4 && v3Only) || (!v4 && v4Only))
            return damaged("field " + std::to_string(id) + " does not belong in a KDBX " +
                           versionText(header.version) + " header");
        switch (field) {
        case HeaderField::CipherId: {
            if (length != 16)
                return fieldSize("the cipher id", length, "16");
            const KdbxUuid uuid = KdbxUuid::fromBytes(data);
            const auto cipher = cipherFor(uuid);
            if (!cipher)
                return Error{
                    ErrorCode::Unsupported,
                    "The database is encrypted with a cipher Arcanum does not support (" +
                        std::string(uuid == kdbx::cipherAes128 ? "AES-128" : uuid.toString()) +
                        "); it reads AES-256, Twofish and ChaCha20."};
            header.cipher = *cipher;
            haveCipher = true;
            break;
        }
        case HeaderField::CompressionFlags: {
            if (length != 4)
                return fieldSize("the compression flags", length, "4");
            const std::uint32_t value = kdbx::readLe32(data.data());
            if (value > 1)
                return Error{ErrorCode::Unsupported,
                             "The database uses compression algorithm " + std::to_string(value) +
                                 ", which Arcanum does not know (only gzip)."};
            header.compression = static_cast<kdbx::CompressionAlgorithm>(value);
            break;
        }
        case HeaderField::MasterSeed:
            if (length != header.masterSeed.size())
                return fieldSize("the master seed", length, "32");
            std::copy(data.begin(), data.end(), header.masterSeed.begin());
            haveSeed = true;
            break;
        case HeaderField::EncryptionIv:
            header.encryptionIv.assign(data.begin(), data.end());
            haveIv = true;
            break;
        case HeaderField::TransformSeed:
            if (length != header.kdf.aesSeed.size())
                return fieldSize("the transform seed", length, "32");
            std::copy(data.begin(), data.end(), header.kdf.aesSeed.begin());
            haveTransformSeed = true;
            break;
        case HeaderField::TransformRounds:
            if (length != 8)
                return fieldSize("the transform rounds", length, "8");
            header.kdf.aesRounds = kdbx::readLe64(data.data());
            haveRounds = true;
            break;
        case HeaderField::ProtectedStreamKey:
            if (length == 0)
                return fieldSize("the protected stream key", length, "32");
            header.protectedStreamKey.assign(data.begin(), data.end());
            haveStreamKey = true;
            break;
        case HeaderField::StreamStartBytes:
            if (length != header.streamStartBytes.size())
                return fieldSize("the stream start bytes", length, "32");
            std::copy(data.begin(), data.end(), header.streamStartBytes.begin());
            haveStartBytes = true;
            break;
        case HeaderField::InnerRandomStreamId: {
            if (length != 4)
                return fieldSize("the inner stream id", length, "4");
            const std::uint32_t value = kdbx::readLe32(data.data());
            if (value == 1 || value > 3)
                return Error{ErrorCode::Unsupported,
                             "The database protects fields with inner stream " +
                                 std::to_string(value) + (value == 1 ? " (ArcFour)" : "") +
                                 ", which Arcanum does not support (Salsa20 and ChaCha20)."};
            header.innerStream = static_cast<kdbx::InnerStreamAlgorithm>(value);
            haveStreamId = true;
            break;
        }
        case HeaderField::KdfParameters: {
            auto map = VariantMap::parse(data, "KDF parameters");
            if (!map)
                return map.error();
            auto kdf = KdbxKdfParameters::fromVariantMap(*map);
            if (!kdf)
                return kdf.error();
            header.kdf = std::move(kdf.value());
            haveKdf = true;
            break;
        }
        case HeaderField::PublicCustomData: {
            auto map = VariantMap::parse(data, "public custom data");
            if (!map)
                return map.error();
            header.publicCustomData = std::move(map.value());
            break;
        }
        case HeaderField::EndOfHeader:
        case HeaderField::Comment:
        default:
            break; // comments and unknown fields are skipped, as KeePass does
        }
    }
    header.size = at;

    if (!haveCipher)
        return damaged("it names no cipher");
    if (!haveSeed)
        return damaged("it has no master seed");
    if (!haveIv)
        return damaged("it has no encryption IV");
    if (header.encryptionIv.size() != ivBytes(header.cipher))
        return fieldSize("the encryption IV", header.encryptionIv.size(),
                         header.cipher == Cipher::ChaCha20 ? "12 for ChaCha20"
                                                           : "16 for a block cipher");
    if (v4) {
        if (!haveKdf)
            return damaged("it has no KDF parameters");
        if (file.size() - at < 64)
            return truncated();
        std::uint8_t digest[crypto_hash_sha256_BYTES];
        crypto_hash_sha256(digest, file.data(), at);
        if (sodium_memcmp(digest, file.data() + at, sizeof digest) != 0)
            return damaged("its SHA-256 checksum does not match");
    } else {
        if (!haveTransformSeed || !haveRounds)
            return damaged("it lacks the AES-KDF seed or rounds");
        if (!haveStreamKey || !haveStreamId)
            return damaged("it lacks the inner stream settings");
        if (!haveStartBytes)
            return damaged("it has no stream start bytes");
        header.kdf.algorithm = KdbxKdfParameters::Algorithm::AesKdf;
        header.kdf.uuid = kdbx::kdfAesKdbx3;
    }
    if (auto sane = KdbxKdfLimits::check(header.kdf); !sane)
        return sane.error();
    return header;
}

std::vector<std::uint8_t> KdbxHeader::serialize() const
{
    std::vector<std::uint8_t> out(12);
    kdbx::writeLe32(out.data(), kdbx::signature1);
    kdbx::writeLe32(out.data() + 4, kdbx::signature2);
    kdbx::writeLe32(out.data() + 8, version);
    auto field = [&out](HeaderField id, std::span<const std::uint8_t> data) {
        out.push_back(static_cast<std::uint8_t>(id));
        std::uint8_t length[4];
        kdbx::writeLe32(length, static_cast<std::uint32_t>(data.size()));
        out.insert(out.end(), length, length + 4);
        out.insert(out.end(), data.begin(), data.end());
    };
    field(HeaderField::CipherId, uuidFor(cipher).bytes);
    std::uint8_t compressionFlags[4];
    kdbx::writeLe32(compressionFlags, static_cast<std::uint32_t>(compression));
    field(HeaderField::CompressionFlags, compressionFlags);
    field(HeaderField::MasterSeed, masterSeed);
    field(HeaderField::EncryptionIv, encryptionIv);
    field(HeaderField::KdfParameters, kdf.toVariantMap().serialize());
    if (!publicCustomData.items().empty())
        field(HeaderField::PublicCustomData, publicCustomData.serialize());
    const std::uint8_t endOfHeader[4] = {'\r', '\n', '\r', '\n'};
    field(HeaderField::EndOfHeader, endOfHeader);
    return out;
}

} // namespace arcanum
