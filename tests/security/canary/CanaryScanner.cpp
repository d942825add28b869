#include "canary/CanaryScanner.h"

#include "canary/ProcessMaps.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace arcanum {

namespace {

struct Range
{
    std::uintptr_t begin = 0;
    std::uintptr_t end = 0;
};

std::size_t pageSize()
{
    static const auto size = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    return size;
}

// The first multiple of `unit` (a power of two) above `address`.
std::uintptr_t nextBoundary(std::uintptr_t address, std::size_t unit)
{
    return (address | (unit - 1)) + 1;
}

std::string hex(std::uintptr_t address)
{
    char text[32];
    std::snprintf(text, sizeof text, "0x%llx", static_cast<unsigned long long>(address));
    return text;
}

std::vector<Range> rangesOf(const AddressRanges& spans)
{
    std::vector<Range> ranges;
    for (const auto& span : spans)
        ranges.push_back({reinterpret_cast<std::uintptr_t>(span.data()),
                          reinterpret_cast<std::uintptr_t>(span.data() + span.size())});
    return ranges;
}

bool overlapsAny(const Mapping& mapping, const std::vector<Range>& ranges)
{
    return std::any_of(ranges.begin(), ranges.end(), [&](const Range& range) {
        return range.begin < mapping.end && mapping.start < range.end;
    });
}

// `range` minus the `excluded` ranges (sorted by begin): the pieces left, in address order.
std::vector<Range> subtract(Range range, const std::vector<Range>& excluded)
{
    std::vector<Range> pieces;
    std::uintptr_t from = range.begin;
    for (const Range& gap : excluded) {
        if (gap.end <= from || gap.begin >= range.end)
            continue;
        if (gap.begin > from)
            pieces.push_back({from, gap.begin});
        from = std::max(from, gap.end);
    }
    if (from < range.end)
        pieces.push_back({from, range.end});
    return pieces;
}

// The first occurrence of `pattern` in [begin, end). Runs in place: the pattern is compared
// where it lives (memchr for its first byte, memcmp for the rest) and never copied.
const std::uint8_t* findPattern(const std::uint8_t* begin, const std::uint8_t* end,
                                SecretSpan pattern)
{
    const std::size_t length = pattern.size();
    while (static_cast<std::size_t>(end - begin) >= length) {
        const auto* candidate = static_cast<const std::uint8_t*>(
            std::memchr(begin, pattern[0], static_cast<std::size_t>(end - begin) - length + 1));
        if (candidate == nullptr)
            return nullptr;
        if (std::memcmp(candidate + 1, pattern.data() + 1, length - 1) == 0)
            return candidate;
        begin = candidate + 1;
    }
    return nullptr;
}

struct Descriptor
{
    int fd = -1;
    ~Descriptor()
    {
        if (fd >= 0)
            close(fd);
    }
};

// One scan of one process: its /proc/PID/mem, its maps, the arena read buffer and the report.
class ScanPass
{
public:
    ScanPass(int memFd, const CanarySet& set, const ProcessMaps& maps, SecretBuffer& buffer,
             const ScanOptions& options, ScanReport& report)
        : m_fd(memFd), m_set(set), m_maps(maps), m_buffer(buffer), m_options(options),
          m_report(report), m_overlap(set.longestPattern() - 1)
    {}

    // Reads `range` and records every pattern in it, including one that starts in the range
    // just searched when that ended where this one begins.
    [[nodiscard]] Result<void> search(Range range)
    {
        if (range.begin != m_carriedUpTo)
            m_carried = 0;
        auto outcome = read(range, true);
        if (!outcome)
            return outcome.error();
        m_report.bytesScanned += outcome->bytesRead;
        m_report.unreadablePages += outcome->unreadablePages;
        m_carriedUpTo = range.end;
        return {};
    }

    // Tries to read every page of `range` (a secret mapping); returns the bytes that came back.
    [[nodiscard]] Result<std::uint64_t> probe(Range range)
    {
        m_carried = 0;
        m_carriedUpTo = 0;
        auto outcome = read(range, false);
        if (!outcome)
            return outcome.error();
        return outcome->bytesRead;
    }

private:
    struct Outcome
    {
        std::uint64_t bytesRead = 0;
        std::size_t unreadablePages = 0;
    };

    // Reads `range` in chunks that end on multiples of chunkBytes, behind the m_carried bytes
    // kept from the previous chunk; skips a page that gives EIO/EFAULT.
    [[nodiscard]] Result<Outcome> read(Range range, bool searching)
    {
        Outcome outcome;
        std::uint8_t* buffer = m_buffer.data();
        for (std::uintptr_t at = range.begin; at < range.end;) {
            const std::size_t want =
                std::min(nextBoundary(at, m_options.chunkBytes), range.end) - at;
            const ssize_t got = pread(m_fd, buffer + m_carried, want, static_cast<off_t>(at));
            if (got < 0 && errno == EINTR)
                continue;
            if (got == 0)
                return Error{ErrorCode::NotFound,
                             "process " + std::to_string(m_report.pid) + " exited during the scan"};
            if (got < 0) {
                if (errno != EIO && errno != EFAULT)
                    return errnoError("cannot read /proc/" + std::to_string(m_report.pid) +
                                          "/mem at " + hex(at),
                                      errno);
                ++outcome.unreadablePages;
                at = nextBoundary(at, pageSize());
                m_carried = 0;
                continue;
            }
            const auto count = static_cast<std::size_t>(got);
            outcome.bytesRead += count;
            if (searching) {
                const std::size_t filled = m_carried + count;
                searchChunk(at - m_carried, filled, m_carried);
                const std::size_t keep = std::min(m_overlap, filled);
                std::memmove(buffer, buffer + filled - keep, keep);
                m_carried = keep;
            }
            at += count;
        }
        return outcome;
    }

    // Searches the `length` buffered bytes that start at `base` in the process. The first
    // `carried` of them were searched with the previous chunk: only matches that reach past
    // them are new.
    void searchChunk(std::uintptr_t base, std::size_t length, std::size_t carried)
    {
        const std::uint8_t* data = m_buffer.data();
        for (std::size_t index = 0; index < m_set.size(); ++index) {
            for (const CanaryEncoding encoding : CanarySet::encodings) {
                const SecretSpan pattern = m_set.pattern(index, encoding);
                const std::size_t from =
                    carried >= pattern.size() ? carried - pattern.size() + 1 : 0;
                for (const std::uint8_t* hit = findPattern(data + from, data + length, pattern);
                     hit != nullptr; hit = findPattern(hit + 1, data + length, pattern))
                    record(index, encoding, base + static_cast<std::uintptr_t>(hit - data));
            }
        }
    }

    void record(std::size_t index, CanaryEncoding encoding, std::uintptr_t address)
    {
        if (m_report.hits.size() >= m_options.maxHits) {
            ++m_report.hitsNotListed;
            return;
        }
        CanaryHit hit{m_set.label(index), encoding, address, {}};
        if (const Mapping* mapping = m_maps.find(address))
            hit.mapping = *mapping;
        m_report.hits.push_back(std::move(hit));
    }

    int m_fd;
    const CanarySet& m_set;
    const ProcessMaps& m_maps;
    SecretBuffer& m_buffer; // chunkBytes + overlap bytes, in the set's arena
    const ScanOptions& m_options;
    ScanReport& m_report;
    const std::size_t m_overlap;
    std::size_t m_carried = 0;        // bytes at the buffer's start, kept from the last chunk
    std::uintptr_t m_carriedUpTo = 0; // the address just after them
};

Error openError(const std::string& path, int error)
{
    if (error == ENOENT || error == ESRCH)
        return Error{ErrorCode::NotFound, "cannot open " + path + ": no such process"};
    if (error == EACCES || error == EPERM)
        return Error{ErrorCode::PermissionDenied,
                     "cannot open " + path + ": " + std::strerror(error) + " (run as root)"};
    return errnoError("cannot open " + path, error);
}

Result<ScanReport> scan(pid_t pid, const CanarySet& set, const AddressRanges& excluded,
                        const ScanOptions& options, bool self)
{
    if (set.empty())
        return Error{ErrorCode::InvalidArgument, "no canary patterns to scan for"};
    if (options.chunkBytes < pageSize() || !std::has_single_bit(options.chunkBytes))
        return Error{ErrorCode::InvalidArgument,
                     "scan chunk size must be a power of two of at least one page"};
    auto buffer = set.arena().allocate(options.chunkBytes + set.longestPattern() - 1);
    if (!buffer)
        return buffer.error();

    std::vector<Range> skipped = rangesOf(excluded);
    if (self) { // after allocating the buffer, which may have mapped a new region
        for (const Range& range : rangesOf(set.arena().regions()))
            skipped.push_back(range);
    }
    const std::vector<Range> simulatedSecret = rangesOf(options.simulateSecretRanges);
    std::sort(skipped.begin(), skipped.end(),
              [](const Range& a, const Range& b) { return a.begin < b.begin; });

    const std::string memPath = "/proc/" + std::to_string(pid) + "/mem";
    Descriptor mem{open(memPath.c_str(), O_RDONLY | O_CLOEXEC)};
    if (mem.fd < 0)
        return openError(memPath, errno);
    auto maps = ProcessMaps::read(pid);
    if (!maps)
        return maps.error();

    ScanReport report;
    report.pid = pid;
    report.mappingsTotal = maps->mappings().size();
    ScanPass pass(mem.fd, set, maps.value(), buffer.value(), options, report);
    for (const Mapping& mapping : maps->mappings()) {
        if (mapping.kind == MappingKind::Secret || overlapsAny(mapping, simulatedSecret)) {
            ++report.secretMappings;
            auto read = pass.probe({mapping.start, mapping.end});
            if (!read)
                return read.error();
            report.secretBytesRead += read.value();
            report.secretMappingsReadable += read.value() > 0 ? 1 : 0;
            continue;
        }
        if (!mapping.readable() || mapping.kind == MappingKind::Special)
            continue;
        if (mapping.size() > options.maxMappingBytes) {
            ++report.hugeMappingsSkipped;
            continue;
        }
        const std::vector<Range> pieces = subtract({mapping.start, mapping.end}, skipped);
        for (const Range& piece : pieces) {
            if (auto searched = pass.search(piece); !searched)
                return searched.error();
        }
        report.mappingsScanned += pieces.empty() ? 0 : 1;
    }
    return report;
}

} // namespace

Result<ScanReport> CanaryScanner::scanSelf(const CanarySet& set, const AddressRanges& excluded,
                                           const ScanOptions& options)
{
    return scan(getpid(), set, excluded, options, true);
}

Result<ScanReport> CanaryScanner::scanForkedCopy(const CanarySet& set, const ScanOptions& options)
{
    // Fork first, with as little stack in use as possible: the dead stack is what we want.
    const pid_t child = fork();
    if (child < 0)
        return errnoError("cannot fork a copy of this process to scan", errno);
    if (child == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        for (;;)
            pause();
    }
    auto report = scan(child, set, {}, options, false);
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);
    return report;
}

Result<ScanReport> CanaryScanner::scanProcess(pid_t pid, const CanarySet& set,
                                              const AddressRanges& excluded,
                                              const ScanOptions& options)
{
    return scan(pid, set, excluded, options, false);
}

} // namespace arcanum
