// Argon2: password hashing through libargon2 (multi-lane, one thread per lane).
//
// The password is read from the arena and the key is written straight into the caller's arena
// span. Argon2's working memory (derived from the password, never the password itself) is
// mmap'ed outside the heap on a 2 MiB boundary with MADV_HUGEPAGE + MADV_DONTDUMP +
// MADV_DONTFORK, wiped (by libargon2; checked, and wiped here if it was not) and unmapped as soon
// as the hash is done (docs/SECURITY.md).
#pragma once

#include "common/Result.h"
#include "crypto/Argon2Params.h"
#include "secret/SecretSpan.h"

#include <chrono>
#include <cstdint>
#include <span>

namespace arcanum {

class Argon2
{
public:
    enum class Variant
    {
        Argon2id,
        Argon2d
    };

    // Every input of libargon2, for known-answer tests and for importing other formats
    // (KDBX 4 uses Argon2d and version 0x10 or 0x13).
    struct RawInput
    {
        Variant variant = Variant::Argon2id;
        std::uint32_t version = 0x13;
        std::uint32_t memoryKiB = 0;
        std::uint32_t iterations = 0;
        std::uint32_t lanes = 0;
        std::span<const std::uint8_t> salt;
        std::span<const std::uint8_t> secret; // optional key ("pepper")
        std::span<const std::uint8_t> associatedData;
    };

    // Argon2id over the vault parameters into `out` (arena memory, typically 32 bytes).
    [[nodiscard]] static Result<void> deriveKey(SecretSpan password, const Argon2Params& params,
                                                std::span<std::uint8_t> out);

    [[nodiscard]] static Result<void> hashRaw(SecretSpan password, const RawInput& input,
                                              std::span<std::uint8_t> out);

    struct Calibration
    {
        std::chrono::milliseconds target{1000};
        std::uint32_t maxMemoryKiB = 256 * 1024;
        std::uint32_t lanes = 0; // 0 = Argon2Params::defaultLanes()
    };
    // Picks memory and iterations so that deriveKey takes about `target` on this machine:
    // the largest memory up to maxMemoryKiB (and 1/8 of RAM) whose single pass fits, then
    // as many passes as fit. Runs the KDF a few times (well under `target` in total).
    [[nodiscard]] static Result<Argon2Params> calibrate(const Calibration& calibration);
};

} // namespace arcanum
