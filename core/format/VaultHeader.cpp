#include "format/VaultHeader.h"

#include "crypto/Aead.h"
#include "crypto/ConstantTime.h"
#include "crypto/Sodium.h"
#include "format/ChunkLayout.h"

#include <cstring>
#include <sodium.h>
#include <string>

namespace arcanum {

namespace {

std::uint16_t u16(const std::uint8_t* p)
{
    return static_cast<std::uint16_t>(p[0] | p[1] << 8);
}

std::uint32_t u32(const std::uint8_t* p)
{
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 |
           std::uint32_t(p[3]) << 24;
}

std::uint64_t u64(const std::uint8_t* p)
{
    return std::uint64_t(u32(p)) | std::uint64_t(u32(p + 4)) << 32;
}

void put(std::uint8_t* p, std::uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        p[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

std::array<std::uint8_t, 16> checksum(const std::uint8_t* header)
{
    Sodium::ensureInitialized();
    std::array<std::uint8_t, 16> sum{};
    crypto_generichash(sum.data(), sum.size(), header, VaultHeader::checksumOffset, nullptr, 0);
    return sum;
}

Error truncated(std::size_t size, std::size_t needed)
{
    return Error{ErrorCode::FileTruncated,
                 "The vault file is truncated: it has " + std::to_string(size) +
                     " bytes, but its header alone needs " + std::to_string(needed) +
                     ". Restore it from the backup (.bak) beside it."};
}

Error newerWriter(const std::string& what)
{
    return Error{ErrorCode::UnsupportedVersion,
                 "The vault uses " + what +
                     ", which this version of Arcanum does not know. It was written by a newer "
                     "Arcanum; update Arcanum to open it."};
}

} // namespace

Result<VaultHeader> VaultHeader::parse(std::span<const std::uint8_t> file)
{
    if (file.empty())
        return Error{ErrorCode::FileTruncated,
                     "The vault file is empty (0 bytes). Restore it from the backup (.bak) "
                     "beside it."};
    const std::size_t prefix = std::min(file.size(), magic.size());
    if (std::memcmp(file.data(), magic.data(), prefix) != 0)
        return Error{ErrorCode::NotAnArcanumFile,
                     "This is not an Arcanum vault (it does not start with the Arcanum "
                     "signature)."};
    if (file.size() < 12)
        return truncated(file.size(), size);
    VaultHeader header;
    header.version = u16(file.data() + 8);
    if (header.version != version1 && header.version != version2)
        return Error{ErrorCode::UnsupportedVersion,
                     "The vault has format version " + std::to_string(header.version) +
                         "; this Arcanum reads versions 1 and 2. " +
                         (header.version > currentVersion
                              ? "Update Arcanum to open it."
                              : "The file is damaged or was not written by Arcanum.")};
    if (file.size() < size)
        return truncated(file.size(), size);

    const std::uint8_t* h = file.data();
    const auto sum = checksum(h);
    if (!ConstantTime::equal(sum, std::span(h + checksumOffset, 16)))
        return Error{ErrorCode::FileDamaged,
                     "The vault's header is damaged (its checksum does not match). Restore the "
                     "file from the backup (.bak) beside it."};
    if (u16(h + 10) != 0)
        return newerWriter("feature flags " + std::to_string(u16(h + 10)));
    if (h[12] != kdfArgon2id)
        return newerWriter("key-derivation function " + std::to_string(h[12]));
    if (h[13] != (header.version == version1 ? aeadXChaCha20Poly1305 : aeadSecretStream))
        return newerWriter("cipher " + std::to_string(h[13]) + " with format version " +
                           std::to_string(header.version));
    if (u16(h + 14) != 0 || u32(h + 28) != 0)
        return newerWriter("reserved header fields");

    header.kdf.memoryKiB = u32(h + 16);
    header.kdf.iterations = u32(h + 20);
    header.kdf.lanes = u32(h + 24);
    std::memcpy(header.kdf.salt.data(), h + 32, 32);
    if (auto valid = header.kdf.validate(); !valid)
        return Error{ErrorCode::FileDamaged,
                     "The vault's key-derivation settings are out of bounds: " +
                         valid.error().message};
    std::memcpy(header.nonce.data(), h + 64, 24);
    header.ciphertextLength = u64(h + 88);
    std::memcpy(header.keyCheck.data(), h + keyCheckOffset, 32);

    const bool possible = header.version == version1
                              ? header.ciphertextLength >= Aead::tagBytes
                              : ChunkLayout::forCiphertext(header.ciphertextLength).has_value();
    if (!possible || header.ciphertextLength > maxCiphertextBytes)
        return Error{ErrorCode::FileDamaged,
                     "The vault's header gives an impossible content length (" +
                         std::to_string(header.ciphertextLength) + " bytes)."};
    const std::uint64_t expected = size + header.ciphertextLength;
    if (file.size() < expected)
        return Error{ErrorCode::FileTruncated,
                     "The vault file is truncated: it has " + std::to_string(file.size()) +
                         " bytes of the " + std::to_string(expected) +
                         " its header announces. Restore it from the backup (.bak) beside it."};
    if (file.size() > expected)
        return Error{ErrorCode::FileDamaged, "The vault file has " +
                                                 std::to_string(file.size() - expected) +
                                                 " unexpected bytes after its end."};
    return header;
}

std::array<std::uint8_t, VaultHeader::size> VaultHeader::serialize() const
{
    std::array<std::uint8_t, size> h{};
    std::memcpy(h.data(), magic.data(), magic.size());
    put(h.data() + 8, version, 2);
    h[12] = kdfArgon2id;
    h[13] = version == version1 ? aeadXChaCha20Poly1305 : aeadSecretStream;
    put(h.data() + 16, kdf.memoryKiB, 4);
    put(h.data() + 20, kdf.iterations, 4);
    put(h.data() + 24, kdf.lanes, 4);
    std::memcpy(h.data() + 32, kdf.salt.data(), 32);
    std::memcpy(h.data() + 64, nonce.data(), 24);
    put(h.data() + 88, ciphertextLength, 8);
    std::memcpy(h.data() + keyCheckOffset, keyCheck.data(), keyCheck.size());
    const auto sum = checksum(h.data()); // covers the key check too
    std::memcpy(h.data() + checksumOffset, sum.data(), sum.size());
    return h;
}

std::uint64_t VaultHeader::payloadLength() const
{
    if (version == version1)
        return ciphertextLength >= Aead::tagBytes ? ciphertextLength - Aead::tagBytes : 0;
    const auto layout = ChunkLayout::forCiphertext(ciphertextLength);
    return layout ? layout->payloadBytes : 0;
}

} // namespace arcanum
