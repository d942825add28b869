#include "secret/SecretRegion.h"

#include "secret/MemoryLockLimit.h"

#include <cerrno>
#include <fcntl.h>
#include <sodium.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_memfd_secret
#define SYS_memfd_secret 447
#endif

namespace arcanum {

namespace {

std::size_t pageSize()
{
    static const std::size_t size = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    return size;
}

std::size_t roundUp(std::size_t value, std::size_t unit)
{
    return (value + unit - 1) / unit * unit;
}

int openMemfdSecret(const SecretArenaOptions& options)
{
    if (options.simulateMemfdSecretErrno != 0) {
        errno = options.simulateMemfdSecretErrno;
        return -1;
    }
    return static_cast<int>(syscall(SYS_memfd_secret, O_CLOEXEC));
}

// Maps `size` bytes at `where` (inside our reservation) with the chosen mechanism.
// Returns 0 or the errno of the step that failed. `holeMayExist` tells the caller that a
// MAP_FIXED mapping over the reservation failed: the kernel unmaps the range it replaces before
// secretmem checks the memory-lock limit (EAGAIN), so the middle may now be a hole that another
// thread's mmap (a thread stack, Argon2's memory) can take at once (releaseAfterFailedMap).
int mapInto(std::uint8_t* where, std::size_t size, ProtectionLevel level,
            const SecretArenaOptions& options, bool& holeMayExist)
{
    holeMayExist = false;
    if (level == ProtectionLevel::SecretMemory) {
        const int fd = openMemfdSecret(options);
        if (fd < 0)
            return errno;
        int error = 0;
        if (ftruncate(fd, static_cast<off_t>(size)) != 0) {
            error = errno;
        } else if (mmap(where, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0) ==
                   MAP_FAILED) {
            error = errno;
            holeMayExist = true;
        }
        close(fd); // the mapping keeps the memory; no secretmem file outlives it
        return error;
    }
    if (mmap(where, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
        MAP_FAILED) {
        holeMayExist = true;
        return errno;
    }
    if (mlock(where, size) != 0) // the range is still all ours: the caller unmaps it whole
        return errno == ENOMEM ? EAGAIN : errno;
    (void)madvise(where, size, MADV_DONTDUMP);
    return 0;
}

// Gives back a reservation whose middle a failed MAP_FIXED may have left unmapped (mapInto):
// the guard pages go, and the middle only if it can be taken back without replacing anything
// (MAP_FIXED_NOREPLACE). If something is there — another thread's mapping, or the reservation
// itself where the kernel kept it — it is left alone: at worst `size` bytes of PROT_NONE
// address space stay reserved.
void releaseAfterFailedMap(std::uint8_t* reservation, std::size_t size)
{
    munmap(reservation, pageSize());
    munmap(reservation + pageSize() + size, pageSize());
    void* back = mmap(reservation + pageSize(), size, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
    if (back != MAP_FAILED) // ours again (or, before Linux 4.17, a fresh mapping elsewhere)
        munmap(back, size);
}

} // namespace

int probeMemfdSecret(const SecretArenaOptions& options)
{
    const int fd = openMemfdSecret(options);
    if (fd < 0)
        return errno;
    close(fd);
    return 0;
}

Result<std::unique_ptr<SecretRegion>> SecretRegion::map(std::size_t bytes, ProtectionLevel level,
                                                        std::size_t alreadyLocked,
                                                        const SecretArenaOptions& options)
{
    const std::size_t size = roundUp(bytes == 0 ? 1 : bytes, pageSize());
    if (options.simulateMemoryLockLimit != 0 &&
        alreadyLocked + size > options.simulateMemoryLockLimit)
        return MemoryLockLimit::exceeded(alreadyLocked + size, options.simulateMemoryLockLimit);

    const std::size_t reservationSize = size + 2 * pageSize();
    void* reservation = mmap(nullptr, reservationSize, PROT_NONE,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (reservation == MAP_FAILED)
        return Error{ErrorCode::OutOfMemory, "Cannot reserve " + std::to_string(reservationSize) +
                                                 " bytes of address space for secret memory."};
    auto* base = static_cast<std::uint8_t*>(reservation);
    std::uint8_t* begin = base + pageSize();

    bool holeMayExist = false;
    const int error = mapInto(begin, size, level, options, holeMayExist);
    if (error != 0) {
        if (holeMayExist) {
            if (options.afterFailedMapForTests != nullptr)
                options.afterFailedMapForTests(begin, size);
            releaseAfterFailedMap(base, size);
        } else {
            munmap(reservation, reservationSize);
        }
        if (error == EAGAIN) // count what the whole process holds, other arenas included
            return MemoryLockLimit::exceeded(MemoryLockLimit::lockedBytes() + size,
                                             MemoryLockLimit::softLimit());
        if (level == ProtectionLevel::SecretMemory &&
            (error == ENOSYS || error == EPERM || error == EINVAL))
            return errnoError("memfd_secret is not available", error);
        return errnoError("Cannot map " + std::to_string(size) + " bytes of protected memory",
                          error);
    }
    // The child of a fork() (QProcess, xdg-open, ...) must never see these pages.
    (void)madvise(reservation, reservationSize, MADV_DONTFORK);
    return std::unique_ptr<SecretRegion>(new SecretRegion(base, reservationSize, begin, size));
}

SecretRegion::SecretRegion(std::uint8_t* reservation, std::size_t reservationSize,
                           std::uint8_t* begin, std::size_t size)
    : m_reservation(reservation), m_reservationSize(reservationSize), m_begin(begin), m_size(size)
{
    insertFree(0, size);
}

SecretRegion::~SecretRegion()
{
    sodium_memzero(m_begin, m_size);
    munmap(m_reservation, m_reservationSize);
}

void SecretRegion::insertFree(std::size_t offset, std::size_t length)
{
    m_freeByOffset.emplace(offset, length);
    m_freeBySize.emplace(length, offset);
}

void SecretRegion::eraseFree(std::map<std::size_t, std::size_t>::iterator it)
{
    m_freeBySize.erase({it->second, it->first});
    m_freeByOffset.erase(it);
}

std::uint8_t* SecretRegion::allocate(std::size_t bytes, bool joinQuickLists)
{
    if (bytes <= quickLimit) {
        std::vector<std::size_t>& list = m_quick[bytes / alignment - 1];
        if (!list.empty()) {
            const std::size_t offset = list.back();
            list.pop_back();
            m_quickBytes -= bytes;
            m_used += bytes;
            return m_begin + offset;
        }
    }
    if (std::uint8_t* found = allocateFromTree(bytes))
        return found;
    if (!joinQuickLists || m_quickBytes == 0)
        return nullptr;
    flushQuickLists();
    return allocateFromTree(bytes);
}

void SecretRegion::flushQuickLists()
{
    for (std::size_t i = 0; i < m_quick.size(); ++i) {
        for (const std::size_t offset : m_quick[i])
            releaseToTree(offset, (i + 1) * alignment);
        m_quick[i].clear();
    }
    m_quickBytes = 0;
}

std::uint8_t* SecretRegion::allocateFromTree(std::size_t bytes)
{
    // Best fit: the smallest free block that is big enough.
    auto fit = m_freeBySize.lower_bound({bytes, 0});
    if (fit == m_freeBySize.end())
        return nullptr;
    const auto [length, offset] = *fit;
    m_used += bytes;
    auto byOffset = m_freeByOffset.find(offset);
    if (length == bytes) {
        eraseFree(byOffset);
        return m_begin + offset;
    }
    // The rest of the block stays free: reuse both table nodes (no allocation), and the offset
    // table's order does not change.
    auto sizeNode = m_freeBySize.extract(fit);
    sizeNode.value() = {length - bytes, offset + bytes};
    m_freeBySize.insert(std::move(sizeNode));
    auto hint = std::next(byOffset);
    auto offsetNode = m_freeByOffset.extract(byOffset);
    offsetNode.key() = offset + bytes;
    offsetNode.mapped() = length - bytes;
    m_freeByOffset.insert(hint, std::move(offsetNode));
    return m_begin + offset;
}

void SecretRegion::free(std::uint8_t* pointer, std::size_t bytes)
{
    sodium_memzero(pointer, bytes);
    m_used -= bytes;
    const auto offset = static_cast<std::size_t>(pointer - m_begin);
    if (bytes <= quickLimit) {
        m_quick[bytes / alignment - 1].push_back(offset);
        m_quickBytes += bytes;
        return;
    }
    releaseToTree(offset, bytes);
}

void SecretRegion::releaseToTree(std::size_t offset, std::size_t bytes)
{
    auto next = m_freeByOffset.lower_bound(offset);
    const bool joinsNext = next != m_freeByOffset.end() && next->first == offset + bytes;
    auto previous = next == m_freeByOffset.begin() ? m_freeByOffset.end() : std::prev(next);
    const bool joinsPrevious =
        previous != m_freeByOffset.end() && previous->first + previous->second == offset;
    if (!joinsNext && !joinsPrevious) {
        insertFree(offset, bytes);
        return;
    }
    // Grow a neighbour's entry in place (its nodes are reused); a block between two free
    // neighbours joins all three into the previous one.
    auto grown = joinsPrevious ? previous : next;
    std::size_t start = joinsPrevious ? previous->first : offset;
    std::size_t length = grown->second + bytes;
    if (joinsPrevious && joinsNext) {
        length += next->second;
        eraseFree(next);
    }
    auto sizeNode = m_freeBySize.extract({grown->second, grown->first});
    sizeNode.value() = {length, start};
    m_freeBySize.insert(std::move(sizeNode));
    if (grown->first == start) {
        grown->second = length;
    } else { // the next block grows downwards: its key changes, its place in order does not
        auto hint = std::next(grown);
        auto offsetNode = m_freeByOffset.extract(grown);
        offsetNode.key() = start;
        offsetNode.mapped() = length;
        m_freeByOffset.insert(hint, std::move(offsetNode));
    }
}

void SecretRegion::wipeAll()
{
    sodium_memzero(m_begin, m_size);
}

bool SecretRegion::contains(const void* pointer) const
{
    const auto* p = static_cast<const std::uint8_t*>(pointer);
    return p >= m_begin && p < m_begin + m_size;
}

} // namespace arcanum
