// InnerRandomStream: the keystream that hides protected values (passwords, protected custom
// fields) inside a KDBX document, one value after another in document order.
//
// ChaCha20 (KDBX 4): key and nonce are the first 32 and next 12 bytes of SHA-512(streamKey).
// Salsa20 (KDBX 3.1): key = SHA-256(streamKey), fixed nonce E830094B97205D2A. The keys and the
// keystream live in the arena; the keystream is generated a kilobyte at a time by running the
// cipher over zeros in whole 64-byte blocks and XORed here, so plaintext never passes through
// the cipher's own (stack) buffers.
#pragma once

#include "common/Result.h"
#include "kdbx/KdbxFormat.h"
#include "secret/SecretArena.h"

#include <cstdint>
#include <span>

namespace arcanum {

class InnerRandomStream
{
public:
    // Unsupported for ArcFour or an unknown id. InnerStreamAlgorithm::None XORs nothing.
    [[nodiscard]] static Result<InnerRandomStream> create(SecretArena& arena,
                                                          kdbx::InnerStreamAlgorithm algorithm,
                                                          std::span<const std::uint8_t> key);

    // XORs the next data.size() keystream bytes into `data` (arena memory), in place.
    void apply(std::span<std::uint8_t> data);

private:
    InnerRandomStream(kdbx::InnerStreamAlgorithm algorithm, SecretBuffer state)
        : m_algorithm(algorithm), m_state(std::move(state))
    {}
    void refill();

    kdbx::InnerStreamAlgorithm m_algorithm;
    SecretBuffer m_state; // key (32) ‖ nonce (12) ‖ padding ‖ keystream block
    std::uint64_t m_nextBlock = 0;
    std::size_t m_used = 0; // keystream bytes of the current block already consumed
};

} // namespace arcanum
