#include "crypto/SecretStream.h"

#include "crypto/Sodium.h"

#include <sodium.h>

namespace arcanum {

namespace {

static_assert(SecretStream::keyBytes == crypto_secretstream_xchacha20poly1305_KEYBYTES);
static_assert(SecretStream::headerBytes == crypto_secretstream_xchacha20poly1305_HEADERBYTES);
static_assert(SecretStream::overheadBytes == crypto_secretstream_xchacha20poly1305_ABYTES);
static_assert(std::uint8_t(SecretStream::Tag::Final) ==
              crypto_secretstream_xchacha20poly1305_TAG_FINAL);
static_assert(alignof(crypto_secretstream_xchacha20poly1305_state) == 1,
              "the state is placed at any arena address");

using State = crypto_secretstream_xchacha20poly1305_state;

State* stateIn(SecretBuffer& buffer)
{
    return reinterpret_cast<State*>(buffer.data());
}

} // namespace

Result<SecretStream> SecretStream::start(SecretSpan key, SecretArena& arena)
{
    Sodium::ensureInitialized();
    if (key.size() != keyBytes)
        return Error{ErrorCode::InvalidParameters, "A secret stream needs a 32-byte key."};
    auto state = arena.allocate(sizeof(State));
    if (!state)
        return state.error();
    return SecretStream(std::move(state.value()));
}

Result<SecretStream> SecretStream::push(SecretSpan key, std::span<std::uint8_t, headerBytes> header,
                                        SecretArena& arena)
{
    auto stream = start(key, arena);
    if (stream)
        crypto_secretstream_xchacha20poly1305_init_push(stateIn(stream->m_state), header.data(),
                                                        key.data());
    return stream;
}

Result<SecretStream> SecretStream::pull(SecretSpan key,
                                        std::span<const std::uint8_t, headerBytes> header,
                                        SecretArena& arena)
{
    auto stream = start(key, arena);
    if (stream && crypto_secretstream_xchacha20poly1305_init_pull(stateIn(stream->m_state),
                                                                  header.data(), key.data()) != 0)
        return Error{ErrorCode::InvalidParameters, "The secret stream header was refused."};
    return stream;
}

Result<void> SecretStream::encrypt(SecretSpan plaintext,
                                   std::span<const std::uint8_t> associatedData, Tag tag,
                                   std::span<std::uint8_t> out)
{
    if (out.size() != plaintext.size() + overheadBytes)
        return Error{ErrorCode::InvalidParameters,
                     "The ciphertext buffer does not match the chunk's size."};
    crypto_secretstream_xchacha20poly1305_push(
        stateIn(m_state), out.data(), nullptr, plaintext.data(), plaintext.size(),
        associatedData.data(), associatedData.size(), static_cast<unsigned char>(tag));
    return {};
}

Result<SecretStream::Tag> SecretStream::decrypt(std::span<const std::uint8_t> ciphertext,
                                                std::span<const std::uint8_t> associatedData,
                                                std::span<std::uint8_t> out)
{
    if (ciphertext.size() < overheadBytes || out.size() != ciphertext.size() - overheadBytes)
        return Error{ErrorCode::InvalidParameters,
                     "The plaintext buffer does not match the chunk's size."};
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(
            stateIn(m_state), out.data(), nullptr, &tag, ciphertext.data(), ciphertext.size(),
            associatedData.data(), associatedData.size()) != 0)
        return Error{ErrorCode::AuthenticationFailed,
                     "A chunk of encrypted data did not authenticate: it was changed, moved or "
                     "damaged."};
    return static_cast<Tag>(tag);
}

} // namespace arcanum
