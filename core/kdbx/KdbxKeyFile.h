// KdbxKeyFile: the 32-byte key a KeePass key file contributes to the composite key.
//
// Recognised as KeePass and KeePassXC do, in this order: an XML key file (version 1.0 with a
// Base64 key, version 2.0 with a hex key and a 4-byte SHA-256 check), exactly 32 bytes (the key
// itself), exactly 64 hex characters (the key in hex), and any other file, whose SHA-256 is the
// key. The file's bytes and the key live in the arena; large files (photos make popular key files)
// are hashed in chunks through an arena buffer instead of being read whole.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

#include <string>

namespace arcanum {

class KdbxKeyFile
{
public:
    enum class Kind
    {
        XmlV1,
        XmlV2,
        Binary32,
        Hex64,
        Hashed,
    };
    static constexpr std::size_t keyBytes = 32;

    // Errors: NotFound / PermissionDenied / IoError (naming the path), FileDamaged (an XML key
    // file whose data or check hash is wrong), Unsupported (an XML key file of another version).
    [[nodiscard]] static Result<KdbxKeyFile> read(SecretArena& arena, const std::string& path);
    [[nodiscard]] static Result<KdbxKeyFile> fromContents(SecretArena& arena, SecretSpan contents);

    // A new XML key file (version 2.0) holding `key` (32 bytes), as KeePassXC writes .keyx files.
    [[nodiscard]] static Result<SecretBuffer> makeXmlV2(SecretArena& arena, SecretSpan key);

    [[nodiscard]] SecretSpan key() const { return m_key.span(); }
    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] static const char* kindName(Kind kind);

private:
    KdbxKeyFile(SecretBuffer key, Kind kind) : m_key(std::move(key)), m_kind(kind) {}

    SecretBuffer m_key;
    Kind m_kind;
};

} // namespace arcanum
