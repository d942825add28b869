#include "secret/SecretArena.h"

#include "secret/SecretRegion.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace arcanum {

namespace {

std::size_t alignUp(std::size_t bytes)
{
    const std::size_t unit = SecretRegion::alignment;
    return bytes == 0 ? unit : (bytes + unit - 1) / unit * unit;
}

} // namespace

Result<std::unique_ptr<SecretArena>> SecretArena::create(const SecretArenaOptions& options,
                                                         std::size_t initialBytes)
{
    ProtectionLevel level = ProtectionLevel::SecretMemory;
    std::string reason;
    if (options.lockedMemoryOnly) {
        level = ProtectionLevel::LockedMemory;
        reason = "locked memory chosen: kept while the vault is locked";
    } else if (const int error = probeMemfdSecret(options); error != 0) {
        if (error != ENOSYS && error != EPERM && error != EINVAL)
            return errnoError("Cannot create secret memory (memfd_secret)", error);
        reason = errnoError("memfd_secret", error).message;
        if (options.fallback == FallbackPolicy::RequireSecretMemory)
            return Error{ErrorCode::SecretMemoryUnavailable,
                         "Secret memory is required but not available (" + reason +
                             "). It needs Linux 6.5 or later, or 5.14-6.4 booted with "
                             "secretmem.enable=1, and no seccomp filter that blocks it."};
        level = ProtectionLevel::LockedMemory;
    }
    std::unique_ptr<SecretArena> arena(new SecretArena(options, level, std::move(reason)));
    {
        std::lock_guard lock(arena->m_mutex);
        if (auto mapped = arena->addRegion(initialBytes); !mapped)
            return mapped.error();
    }
    return arena;
}

SecretArena::SecretArena(const SecretArenaOptions& options, ProtectionLevel level,
                         std::string reason)
    : m_options(options), m_level(level), m_fallbackReason(std::move(reason))
{}

SecretArena::~SecretArena()
{
    release();
}

Result<void> SecretArena::addRegion(std::size_t bytes)
{
    std::size_t mapped = 0;
    for (const auto& region : m_regions)
        mapped += region->size();
    const std::size_t preferred = std::max({bytes, m_options.minimumRegionBytes, mapped / 2});
    auto region = SecretRegion::map(preferred, m_level, mapped, m_options);
    if (!region && preferred > bytes && region.error().code == ErrorCode::MemoryLockLimit)
        region = SecretRegion::map(bytes, m_level, mapped, m_options); // just what is needed
    if (!region)
        return region.error();
    m_regions.push_back(std::move(region.value()));
    return {};
}

Result<SecretBuffer> SecretArena::allocate(std::size_t bytes)
{
    const std::size_t capacity = alignUp(bytes);
    std::lock_guard lock(m_mutex);
    for (auto& region : m_regions) {
        if (std::uint8_t* data = region->allocate(capacity))
            return SecretBuffer(this, data, bytes, capacity, m_generation);
    }
    for (auto& region : m_regions) { // small freed blocks joined up may make room
        if (!region->hasQuickBlocks())
            continue;
        if (std::uint8_t* data = region->allocate(capacity, true))
            return SecretBuffer(this, data, bytes, capacity, m_generation);
    }
    if (auto added = addRegion(capacity); !added)
        return added.error();
    std::uint8_t* data = m_regions.back()->allocate(capacity);
    return SecretBuffer(this, data, bytes, capacity, m_generation);
}

Result<SecretBuffer> SecretArena::copyOf(SecretSpan source)
{
    auto buffer = allocate(source.size());
    if (buffer && !source.empty())
        std::memcpy(buffer->data(), source.data(), source.size());
    return buffer;
}

void SecretArena::free(std::uint8_t* data, std::size_t capacity, std::uint64_t generation)
{
    std::lock_guard lock(m_mutex);
    if (generation != m_generation)
        return; // released since: the bytes are already wiped and unmapped
    for (auto& region : m_regions) {
        if (region->contains(data)) {
            region->free(data, capacity);
            return;
        }
    }
}

std::size_t SecretArena::prefault(std::size_t bytes)
{
    const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    for (std::size_t size = alignUp(bytes); size >= page; size /= 2) {
        auto block = allocate(size);
        if (!block) {
            if (block.error().code != ErrorCode::MemoryLockLimit)
                return 0;
            continue; // a smaller block may still fit under the limit
        }
        volatile std::uint8_t* data = block->data();
        for (std::size_t at = 0; at < size; at += page)
            data[at] = 0;
        return size; // freed (and wiped, now cheaply) here
    }
    return 0;
}

void SecretArena::wipeAll()
{
    std::lock_guard lock(m_mutex);
    for (auto& region : m_regions)
        region->wipeAll();
}

void SecretArena::release()
{
    std::lock_guard lock(m_mutex);
    m_regions.clear(); // each region wipes and unmaps itself
    ++m_generation;
}

std::size_t SecretArena::mappedBytes() const
{
    std::lock_guard lock(m_mutex);
    std::size_t total = 0;
    for (const auto& region : m_regions)
        total += region->size();
    return total;
}

std::size_t SecretArena::usedBytes() const
{
    std::lock_guard lock(m_mutex);
    std::size_t total = 0;
    for (const auto& region : m_regions)
        total += region->usedBytes();
    return total;
}

std::size_t SecretArena::regionCount() const
{
    std::lock_guard lock(m_mutex);
    return m_regions.size();
}

bool SecretArena::contains(const void* pointer) const
{
    std::lock_guard lock(m_mutex);
    for (const auto& region : m_regions)
        if (region->contains(pointer))
            return true;
    return false;
}

std::vector<std::span<const std::uint8_t>> SecretArena::regions() const
{
    std::lock_guard lock(m_mutex);
    std::vector<std::span<const std::uint8_t>> ranges;
    for (const auto& region : m_regions)
        ranges.emplace_back(region->begin(), region->size());
    return ranges;
}

} // namespace arcanum
