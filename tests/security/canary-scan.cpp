// arcanum-canary-scan: scans a running process for canary strings outside its secret memory.
//
//   arcanum-canary-scan --pid PID (--patterns-fd N | --patterns-file PATH)...
//
// Patterns are read with read(2) straight into secret memory (one per line, "label<TAB>pattern"
// or "pattern") and never printed: the table shows labels. Exit codes: 0 no hit and no secret
// mapping readable, 1 hits, 2 a secret mapping was readable (wins over 1), 3 usage or system
// error. See tests/security/README.md.
#include "canary/CanaryScanner.h"
#include "hardening/ProcessHardening.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string_view>
#include <unistd.h>

using namespace arcanum;

namespace {

enum ExitCode
{
    Clean = 0,
    HitsFound = 1,
    SecretReadable = 2,
    UsageOrSystemError = 3
};

const char usage[] =
    "usage: arcanum-canary-scan --pid PID (--patterns-fd N | --patterns-file PATH)...\n"
    "\n"
    "Scans every readable mapping of process PID, outside its secret (memfd_secret) memory,\n"
    "for each pattern in UTF-8 and UTF-16LE, and tries to read its secret mappings.\n"
    "Pattern input: one per line, \"label<TAB>pattern\" or just \"pattern\".\n"
    "Run as root (or with CAP_SYS_PTRACE): Arcanum makes itself non-dumpable.\n"
    "\n"
    "exit codes: 0 no hits and secret memory unreadable, 1 hits,\n"
    "            2 a secret mapping was readable, 3 usage or system error\n";

int fail(const std::string& message)
{
    std::fprintf(stderr, "arcanum-canary-scan: %s\n", message.c_str());
    return UsageOrSystemError;
}

bool parseInt(std::string_view text, int& out)
{
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

void printReport(const ScanReport& report)
{
    if (!report.hits.empty()) {
        std::printf("%-24s %-9s %-18s %-10s %-5s %s\n", "LABEL", "ENCODING", "ADDRESS", "KIND",
                    "PERMS", "MAPPING");
        for (const CanaryHit& hit : report.hits)
            std::printf("%-24s %-9s 0x%016llx %-10s %-5s %s\n", hit.label.c_str(),
                        canaryEncodingName(hit.encoding),
                        static_cast<unsigned long long>(hit.address),
                        mappingKindName(hit.mapping.kind), hit.mapping.perms.c_str(),
                        hit.mapping.name.c_str());
        if (report.hitsNotListed != 0)
            std::printf("... and %zu more hits not listed\n", report.hitsNotListed);
    }
    std::printf("hits: %zu\n", report.hitCount());
    std::printf("scanned: %llu bytes in %zu of %zu mappings (%zu unreadable pages skipped",
                static_cast<unsigned long long>(report.bytesScanned), report.mappingsScanned,
                report.mappingsTotal, report.unreadablePages);
    if (report.hugeMappingsSkipped != 0)
        std::printf(", %zu huge mappings not scanned", report.hugeMappingsSkipped);
    std::printf(")\nsecret mappings: %zu, readable: %s\n", report.secretMappings,
                report.secretMappingsReadable == 0 ? "no" : "YES");
}

} // namespace

int main(int argc, char** argv)
{
    (void)ProcessHardening::apply();

    auto set = CanarySet::create();
    if (!set)
        return fail(set.error().message);
    int pid = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string_view option = argv[i];
        if (option == "--help" || option == "-h") {
            std::fputs(usage, stdout);
            return Clean;
        }
        if (i + 1 >= argc)
            return fail("unknown option or missing value: " + std::string(option) + "\n" + usage);
        const std::string_view value = argv[++i];
        if (option == "--pid") {
            if (!parseInt(value, pid) || pid <= 0)
                return fail("--pid needs a process id, not \"" + std::string(value) + "\"");
        } else if (option == "--patterns-fd") {
            int fd = -1;
            if (!parseInt(value, fd) || fd < 0)
                return fail("--patterns-fd needs a descriptor number, not \"" + std::string(value) +
                            "\"");
            if (auto added = set->addFromFd(fd); !added)
                return fail(added.error().message);
            close(fd);
        } else if (option == "--patterns-file") {
            const int fd = open(argv[i], O_RDONLY | O_CLOEXEC);
            if (fd < 0)
                return fail("cannot open " + std::string(value) + ": " + std::strerror(errno));
            auto added = set->addFromFd(fd);
            close(fd);
            if (!added)
                return fail(added.error().message);
        } else {
            return fail("unknown option: " + std::string(option) + "\n" + usage);
        }
    }
    if (pid == 0)
        return fail(std::string("--pid is required\n") + usage);
    if (set->empty())
        return fail("no patterns: give --patterns-fd or --patterns-file with at least one line");

    auto report = CanaryScanner::scanProcess(pid, set.value());
    if (!report)
        return fail(report.error().message);
    std::printf("pid %d, %zu pattern(s) in UTF-8 and UTF-16LE\n", pid, set->size());
    printReport(report.value());
    if (report->secretMappingsReadable != 0)
        return SecretReadable;
    return report->hitCount() != 0 ? HitsFound : Clean;
}
