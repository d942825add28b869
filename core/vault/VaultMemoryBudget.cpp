#include "vault/VaultMemoryBudget.h"

#include "secret/MemoryLockLimit.h"

#include <string>
#include <unistd.h>

namespace arcanum {

namespace {

std::size_t pageSize()
{
    static const std::size_t size = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    return size;
}

// 12345 -> "12,345"
std::string grouped(std::uint64_t value)
{
    const std::string digits = std::to_string(value);
    std::string text;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            text += ',';
        text += digits[i];
    }
    return text;
}

} // namespace

std::size_t VaultMemoryBudget::arenaBytes(std::uint64_t payloadBytes)
{
    const std::size_t bytes = static_cast<std::size_t>(payloadBytes) + saveBytes + editBytes;
    return (bytes + pageSize() - 1) / pageSize() * pageSize();
}

std::size_t VaultMemoryBudget::largestPayload(std::size_t availableBytes)
{
    const std::size_t pages = availableBytes / pageSize() * pageSize();
    return pages > saveBytes + editBytes ? pages - saveBytes - editBytes : 0;
}

std::size_t VaultMemoryBudget::entriesThatFit(std::size_t availableBytes)
{
    const std::size_t payload = largestPayload(availableBytes);
    return payload > emptyPayloadBytes ? (payload - emptyPayloadBytes) / typicalEntryBytes : 0;
}

Error VaultMemoryBudget::tooBig(std::uint64_t payloadBytes, const SecretArenaOptions& options)
{
    const bool simulated = options.simulateMemoryLockLimit != 0;
    const std::size_t limit =
        simulated ? options.simulateMemoryLockLimit : MemoryLockLimit::softLimit();
    const std::size_t inUse = simulated ? 0 : MemoryLockLimit::lockedBytes();
    const std::size_t needed = inUse + arenaBytes(payloadBytes);
    const std::size_t fit = entriesThatFit(limit > inUse ? limit - inUse : 0);
    std::string message =
        "This vault is too big for the memory-lock limit (RLIMIT_MEMLOCK, `ulimit -l`), which "
        "is " +
        MemoryLockLimit::bytesText(limit) + ". To open, edit and save its " +
        grouped(payloadBytes) + " bytes of content, Arcanum needs " +
        MemoryLockLimit::bytesText(needed) + " locked in all";
    if (inUse > 0)
        message += " (" + MemoryLockLimit::bytesText(inUse) + " of it in use already)";
    message += ". ";
    if (fit == 0)
        message += "Under this limit not even an empty vault fits. ";
    else
        message += "Under this limit a vault of about " + grouped(fit) +
                   " entries fits (entries of typical size, about " +
                   std::to_string(typicalEntryBytes) +
                   " bytes each; fewer with long notes, history or attachments); this one is "
                   "the size of about " +
                   grouped(payloadBytes / typicalEntryBytes) + ". ";
    message += "Nothing was unlocked. " + MemoryLockLimit::howToRaise(needed);
    return Error{ErrorCode::MemoryLockLimit, message};
}

} // namespace arcanum
