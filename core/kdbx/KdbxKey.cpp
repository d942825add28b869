#include "kdbx/KdbxKey.h"

#include "kdbx/KdbxHash.h"

namespace arcanum {

Error KdbxKey::challengeResponseUnsupported()
{
    return Error{ErrorCode::Unsupported,
                 "This database needs a challenge-response key (a YubiKey), which Arcanum does "
                 "not support. In KeePassXC, remove the YubiKey from the database's credentials "
                 "(or export a copy without it) and import that."};
}

Result<KdbxKey> KdbxKey::create(SecretArena& arena, const Parts& parts)
{
    if (parts.challengeResponse)
        return challengeResponseUnsupported();
    if (!parts.password && parts.keyFile == nullptr)
        return Error{ErrorCode::InvalidArgument,
                     "A KeePass database needs a password, a key file or both."};
    auto passwordHash = arena.allocate(32);
    auto composite = arena.allocate(32);
    if (!passwordHash)
        return passwordHash.error();
    if (!composite)
        return composite.error();
    std::span<const std::uint8_t> passwordPart;
    if (parts.password) {
        if (auto hashed = KdbxHash::sha256(arena, {parts.password->bytes()}, passwordHash->bytes());
            !hashed)
            return hashed.error();
        passwordPart = passwordHash->bytes();
    }
    std::span<const std::uint8_t> keyFilePart;
    if (parts.keyFile != nullptr)
        keyFilePart = parts.keyFile->key().bytes();
    if (auto hashed = KdbxHash::sha256(arena, {passwordPart, keyFilePart}, composite->bytes());
        !hashed)
        return hashed.error();
    return KdbxKey(std::move(composite.value()), parts.password.has_value(),
                   parts.keyFile != nullptr);
}

Result<KdbxKey> KdbxKey::fromPassword(SecretArena& arena, SecretSpan password)
{
    Parts parts;
    parts.password = password;
    return create(arena, parts);
}

} // namespace arcanum
