#include "kdbx/InnerRandomStream.h"

#include "crypto/Sodium.h"
#include "kdbx/KdbxHash.h"

#include <cstring>
#include <sodium.h>

namespace arcanum {

namespace {

constexpr std::size_t keyOffset = 0;
constexpr std::size_t nonceOffset = 32;
constexpr std::size_t keystreamOffset = 64;
constexpr std::size_t keystreamBytes = 1024; // 16 cipher blocks per refill
constexpr std::size_t cipherBlockBytes = 64;

} // namespace

Result<InnerRandomStream> InnerRandomStream::create(SecretArena& arena,
                                                    kdbx::InnerStreamAlgorithm algorithm,
                                                    std::span<const std::uint8_t> key)
{
    using kdbx::InnerStreamAlgorithm;
    if (algorithm != InnerStreamAlgorithm::ChaCha20 && algorithm != InnerStreamAlgorithm::Salsa20 &&
        algorithm != InnerStreamAlgorithm::None)
        return Error{ErrorCode::Unsupported,
                     "The database protects fields with inner stream " +
                         std::to_string(static_cast<std::uint32_t>(algorithm)) +
                         (algorithm == InnerStreamAlgorithm::ArcFourVariant ? " (ArcFour)" : "") +
                         ", which Arcanum does not support (Salsa20 and ChaCha20)."};
    Sodium::ensureInitialized();
    auto state = arena.allocate(keystreamOffset + keystreamBytes);
    if (!state)
        return state.error();
    if (algorithm == InnerStreamAlgorithm::ChaCha20) {
        auto digest = arena.allocate(64);
        if (!digest)
            return digest.error();
        if (auto hashed = KdbxHash::sha512(arena, {key}, digest->bytes()); !hashed)
            return hashed.error();
        std::memcpy(state->data() + keyOffset, digest->data(), 32);
        std::memcpy(state->data() + nonceOffset, digest->data() + 32, 12);
    } else if (algorithm == InnerStreamAlgorithm::Salsa20) {
        if (auto hashed = KdbxHash::sha256(arena, {key}, std::span(state->data() + keyOffset, 32));
            !hashed)
            return hashed.error();
        std::memcpy(state->data() + nonceOffset, kdbx::salsa20InnerNonce, 8);
    }
    InnerRandomStream stream(algorithm, std::move(state.value()));
    stream.m_used = keystreamBytes; // the first apply() generates the first kilobyte
    return stream;
}

void InnerRandomStream::refill()
{
    std::uint8_t* keystream = m_state.data() + keystreamOffset;
    const std::uint8_t* key = m_state.data() + keyOffset;
    const std::uint8_t* nonce = m_state.data() + nonceOffset;
    std::memset(keystream, 0, keystreamBytes);
    if (m_algorithm == kdbx::InnerStreamAlgorithm::ChaCha20)
        crypto_stream_chacha20_ietf_xor_ic(keystream, keystream, keystreamBytes, nonce,
                                           static_cast<std::uint32_t>(m_nextBlock), key);
    else if (m_algorithm == kdbx::InnerStreamAlgorithm::Salsa20)
        crypto_stream_salsa20_xor_ic(keystream, keystream, keystreamBytes, nonce, m_nextBlock, key);
    m_nextBlock += keystreamBytes / cipherBlockBytes;
    m_used = 0;
}

void InnerRandomStream::apply(std::span<std::uint8_t> data)
{
    const std::uint8_t* keystream = m_state.data() + keystreamOffset;
    for (std::uint8_t& byte : data) {
        if (m_used == keystreamBytes)
            refill();
        byte ^= keystream[m_used++];
    }
}

} // namespace arcanum
