// PayloadOpener: decrypts the payload of a vault file whose header has been parsed — version 1
// (one XChaCha20-Poly1305 message) or version 2 (secretstream chunks, docs/FORMAT.md §2.1) —
// straight into arena memory, and names what is wrong when it cannot (§5): a chunk that does
// not authenticate, a stream that ends too early or says it ended too soon.
#pragma once

#include "common/Result.h"
#include "format/VaultHeader.h"
#include "format/VaultKeys.h"
#include "secret/SecretArena.h"

#include <cstdint>
#include <span>

namespace arcanum {

class PayloadOpener
{
public:
    // `file`: every byte of the file, whose header parsed as `header`; `out`: arena memory of
    // exactly header.payloadLength() bytes. The version-2 stream state goes into `arena`.
    // FileDamaged or FileTruncated; nothing of a chunk that fails is written.
    [[nodiscard]] static Result<void> open(std::span<const std::uint8_t> file,
                                           const VaultHeader& header, const VaultKeys& keys,
                                           std::span<std::uint8_t> out, SecretArena& arena);
};

} // namespace arcanum
