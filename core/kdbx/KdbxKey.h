// KdbxKey: the composite key that opens a KeePass database, from a password and/or a key file.
//
// composite = SHA-256( SHA-256(password UTF-8) ‖ key file's 32 bytes ), each part present only
// when used (a database may have a password, a key file, or both). Every intermediate lives in
// the arena. Challenge-response keys (a YubiKey's HMAC-SHA1 slot) are not supported: asking for
// one gives a clear Unsupported error instead of a wrong-password one.
#pragma once

#include "common/Result.h"
#include "kdbx/KdbxKeyFile.h"
#include "secret/SecretArena.h"

#include <optional>

namespace arcanum {

class KdbxKey
{
public:
    struct Parts
    {
        std::optional<SecretSpan> password; // none: the database has no password component
        const KdbxKeyFile* keyFile = nullptr;
        bool challengeResponse = false; // the database also needs a YubiKey
    };

    // InvalidArgument when neither a password nor a key file is given; Unsupported for
    // challenge-response.
    [[nodiscard]] static Result<KdbxKey> create(SecretArena& arena, const Parts& parts);
    [[nodiscard]] static Result<KdbxKey> fromPassword(SecretArena& arena, SecretSpan password);

    [[nodiscard]] SecretSpan composite() const { return m_composite.span(); }
    [[nodiscard]] bool hasPassword() const { return m_hasPassword; }
    [[nodiscard]] bool hasKeyFile() const { return m_hasKeyFile; }

    [[nodiscard]] static Error challengeResponseUnsupported();

private:
    KdbxKey(SecretBuffer composite, bool password, bool keyFile)
        : m_composite(std::move(composite)), m_hasPassword(password), m_hasKeyFile(keyFile)
    {}

    SecretBuffer m_composite;
    bool m_hasPassword;
    bool m_hasKeyFile;
};

} // namespace arcanum
