// KdbxFormat: the constants of the KeePass 2 file format (KDBX 3.1 and 4.x) in one place:
// signatures, versions, header field ids, cipher and KDF UUIDs, inner-stream ids.
//
// Sources: KeePass 2's KdbxFile.cs and KeePassXC's KeePass2.cpp (read to learn the format; this
// is our own code). All integers in a KDBX file are little-endian.
#pragma once

#include "kdbx/KdbxUuid.h"

#include <cstdint>

namespace arcanum::kdbx {

inline constexpr std::uint32_t signature1 = 0x9AA2D903;
inline constexpr std::uint32_t signature2 = 0xB54BFB67;
// KeePass 1.x (.kdb) and the KDBX 2 pre-release use these second signatures.
inline constexpr std::uint32_t signature2KeePass1 = 0xB54BFB65;
inline constexpr std::uint32_t signature2PreRelease = 0xB54BFB66;

inline constexpr std::uint32_t version31 = 0x00030001;
inline constexpr std::uint32_t version40 = 0x00040000;
inline constexpr std::uint32_t version41 = 0x00040001;
inline constexpr std::uint32_t majorVersionMask = 0xFFFF0000;

enum class HeaderField : std::uint8_t
{
    EndOfHeader = 0,
    Comment = 1,
    CipherId = 2,
    CompressionFlags = 3,
    MasterSeed = 4,
    TransformSeed = 5,   // KDBX 3
    TransformRounds = 6, // KDBX 3
    EncryptionIv = 7,
    ProtectedStreamKey = 8,   // KDBX 3
    StreamStartBytes = 9,     // KDBX 3
    InnerRandomStreamId = 10, // KDBX 3
    KdfParameters = 11,       // KDBX 4
    PublicCustomData = 12,    // KDBX 4
};

enum class InnerHeaderField : std::uint8_t
{
    End = 0,
    InnerRandomStreamId = 1,
    InnerRandomStreamKey = 2,
    Binary = 3,
};

enum class InnerStreamAlgorithm : std::uint32_t
{
    None = 0,
    ArcFourVariant = 1,
    Salsa20 = 2,
    ChaCha20 = 3,
};

enum class CompressionAlgorithm : std::uint32_t
{
    None = 0,
    Gzip = 1,
};

// 0x01 in the first byte of an inner-header binary: "protect in memory".
inline constexpr std::uint8_t binaryFlagProtected = 0x01;

inline constexpr KdbxUuid cipherAes256{{0x31, 0xc1, 0xf2, 0xe6, 0xbf, 0x71, 0x43, 0x50, 0xbe, 0x58,
                                        0x05, 0x21, 0x6a, 0xfc, 0x5a, 0xff}};
inline constexpr KdbxUuid cipherAes128{{0x61, 0xab, 0x05, 0xa1, 0x94, 0x64, 0x41, 0xc3, 0x8d, 0x74,
                                        0x3a, 0x56, 0x3d, 0xf8, 0xdd, 0x35}};
inline constexpr KdbxUuid cipherTwofish{{0xad, 0x68, 0xf2, 0x9f, 0x57, 0x6f, 0x4b, 0xb9, 0xa3, 0x6a,
                                         0xd4, 0x7a, 0xf9, 0x65, 0x34, 0x6c}};
inline constexpr KdbxUuid cipherChaCha20{{0xd6, 0x03, 0x8a, 0x2b, 0x8b, 0x6f, 0x4c, 0xb5, 0xa5,
                                          0x24, 0x33, 0x9a, 0x31, 0xdb, 0xb5, 0x9a}};

// AES-KDF has two UUIDs; KeePass and KeePassXC write the KDBX 3 one in KDBX 4 files as well.
inline constexpr KdbxUuid kdfAesKdbx3{{0xc9, 0xd9, 0xf3, 0x9a, 0x62, 0x8a, 0x44, 0x60, 0xbf, 0x74,
                                       0x0d, 0x08, 0xc1, 0x8a, 0x4f, 0xea}};
inline constexpr KdbxUuid kdfAesKdbx4{{0x7c, 0x02, 0xbb, 0x82, 0x79, 0xa7, 0x4a, 0xc0, 0x92, 0x7d,
                                       0x11, 0x4a, 0x00, 0x64, 0x82, 0x38}};
inline constexpr KdbxUuid kdfArgon2d{{0xef, 0x63, 0x6d, 0xdf, 0x8c, 0x29, 0x44, 0x4b, 0x91, 0xf7,
                                      0xa9, 0xa4, 0x03, 0xe3, 0x0a, 0x0c}};
inline constexpr KdbxUuid kdfArgon2id{{0x9e, 0x29, 0x8b, 0x19, 0x56, 0xdb, 0x47, 0x73, 0xb2, 0x3d,
                                       0xfc, 0x3e, 0xc6, 0xf0, 0xa1, 0xe6}};

// The fixed nonce of the Salsa20 inner stream (KeePass's CryptoRandomStream).
inline constexpr std::uint8_t salsa20InnerNonce[8] = {0xe8, 0x30, 0x09, 0x4b,
                                                      0x97, 0x20, 0x5d, 0x2a};

// KDBX 4 HMAC blocks as KeePass and KeePassXC write them.
inline constexpr std::size_t hmacBlockBytes = 1024 * 1024;

// Seconds from 0001-01-01T00:00:00Z (KDBX 4 time stamps) to the Unix epoch.
inline constexpr std::int64_t unixEpochInKdbxSeconds = 62135596800;

[[nodiscard]] inline std::uint16_t readLe16(const std::uint8_t* p)
{
    return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}
[[nodiscard]] inline std::uint32_t readLe32(const std::uint8_t* p)
{
    return std::uint32_t(p[0]) | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16) |
           (std::uint32_t(p[3]) << 24);
}
[[nodiscard]] inline std::uint64_t readLe64(const std::uint8_t* p)
{
    return std::uint64_t(readLe32(p)) | (std::uint64_t(readLe32(p + 4)) << 32);
}
inline void writeLe32(std::uint8_t* p, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
inline void writeLe64(std::uint8_t* p, std::uint64_t v)
{
    for (int i = 0; i < 8; ++i)
        p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

} // namespace arcanum::kdbx
