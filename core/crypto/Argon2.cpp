#include "crypto/Argon2.h"

#include "crypto/Random.h"

#include <algorithm>
#include <argon2.h>
#include <sodium.h>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

namespace arcanum {

namespace {

// Argon2's blocks are functions of the password: keep them off the heap, out of core dumps and
// out of forked children, and unmap them when done.
int allocateBlocks(std::uint8_t** memory, std::size_t bytes)
{
    void* mapped = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) {
        *memory = nullptr;
        return ARGON2_MEMORY_ALLOCATION_ERROR;
    }
    (void)madvise(mapped, bytes, MADV_DONTDUMP);
    (void)madvise(mapped, bytes, MADV_DONTFORK);
    *memory = static_cast<std::uint8_t*>(mapped);
    return ARGON2_OK;
}

void freeBlocks(std::uint8_t* memory, std::size_t bytes)
{
    if (memory == nullptr)
        return;
    sodium_memzero(memory, bytes); // libargon2 clears too; this does not depend on its flags
    munmap(memory, bytes);
}

std::uint32_t clampedSize(std::size_t size)
{
    return static_cast<std::uint32_t>(std::min<std::size_t>(size, UINT32_MAX));
}

} // namespace

Result<void> Argon2::hashRaw(SecretSpan password, const RawInput& input,
                             std::span<std::uint8_t> out)
{
    if (out.size() < ARGON2_MIN_OUTLEN || input.salt.size() < ARGON2_MIN_SALT_LENGTH)
        return Error{ErrorCode::InvalidParameters,
                     "Argon2 needs at least a 4-byte output and an 8-byte salt."};
    argon2_context context{};
    context.out = out.data();
    context.outlen = clampedSize(out.size());
    // libargon2 only reads these; the casts drop const for its C interface.
    context.pwd = const_cast<std::uint8_t*>(password.data());
    context.pwdlen = clampedSize(password.size());
    context.salt = const_cast<std::uint8_t*>(input.salt.data());
    context.saltlen = clampedSize(input.salt.size());
    context.secret = const_cast<std::uint8_t*>(input.secret.data());
    context.secretlen = clampedSize(input.secret.size());
    context.ad = const_cast<std::uint8_t*>(input.associatedData.data());
    context.adlen = clampedSize(input.associatedData.size());
    context.t_cost = input.iterations;
    context.m_cost = input.memoryKiB;
    context.lanes = input.lanes;
    context.threads = input.lanes;
    context.version = input.version;
    context.allocate_cbk = allocateBlocks;
    context.free_cbk = freeBlocks;
    context.flags = ARGON2_DEFAULT_FLAGS; // never wipe the caller's password or secret

    const argon2_type type = input.variant == Variant::Argon2id ? Argon2_id : Argon2_d;
    const int status = argon2_ctx(&context, type);
    if (status == ARGON2_OK)
        return {};
    const ErrorCode code =
        status == ARGON2_MEMORY_ALLOCATION_ERROR ? ErrorCode::OutOfMemory : ErrorCode::KdfFailed;
    return Error{code, std::string("Argon2 failed: ") + argon2_error_message(status)};
}

Result<void> Argon2::deriveKey(SecretSpan password, const Argon2Params& params,
                               std::span<std::uint8_t> out)
{
    if (auto valid = params.validate(); !valid)
        return valid.error();
    RawInput input;
    input.memoryKiB = params.memoryKiB;
    input.iterations = params.iterations;
    input.lanes = params.lanes;
    input.salt = params.salt;
    return hashRaw(password, input, out);
}

Result<Argon2Params> Argon2::calibrate(const Calibration& calibration)
{
    using Clock = std::chrono::steady_clock;
    const std::uint32_t lanes =
        calibration.lanes != 0 ? calibration.lanes : Argon2Params::defaultLanes();
    const auto ramCap = static_cast<std::uint32_t>(
        std::min<std::uint64_t>(Argon2Params::physicalMemoryKiB() / 8, Argon2Params::maxMemoryKiB));
    std::uint32_t memoryKiB =
        std::max<std::uint32_t>(std::min(calibration.maxMemoryKiB, ramCap), 8 * lanes);
    const double targetMs = static_cast<double>(calibration.target.count());

    // A fixed, non-secret probe password: calibration measures cost, not a real key.
    static constexpr std::uint8_t probe[] = {'c', 'a', 'l', 'i', 'b', 'r', 'a', 't', 'e'};
    std::uint8_t key[32];
    for (;;) {
        Argon2Params params = Argon2Params::withRandomSalt(memoryKiB, 1, lanes);
        const auto start = Clock::now();
        auto hashed = deriveKey(SecretSpan(probe, sizeof probe), params, key);
        const double onePassMs =
            std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        if (!hashed)
            return hashed.error();
        // Too slow for even one pass: halve the memory, down to a floor of 8 MiB.
        if (onePassMs > targetMs && memoryKiB > 8 * 1024) {
            memoryKiB = std::max<std::uint32_t>(memoryKiB / 2, 8 * 1024);
            continue;
        }
        // A pass costs roughly the same each time; the first also pays for page faults, so
        // measuring one pass slightly under-counts passes, which errs on the fast side.
        // Never more than a reader accepts (Argon2Params::checkLimits).
        const auto passes = static_cast<std::uint32_t>(
            std::clamp(targetMs / std::max(onePassMs, 1.0), 1.0,
                       double(Argon2Params::maxIterationsFor(memoryKiB))));
        params.iterations = passes;
        Random::fill(params.salt);
        sodium_memzero(key, sizeof key);
        return params;
    }
}

} // namespace arcanum
