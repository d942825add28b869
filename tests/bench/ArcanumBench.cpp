// arcanum-bench: how fast Arcanum opens, searches, sorts and saves vaults of 1,000 to 100,000
// entries, and how much secret memory they take (docs/BENCHMARKS.md). Run by hand, as root:
//
//   build/tests/bench/arcanum-bench [--entries 1000,10000,20000,100000] [--quick]
//                                   [--locked-memory] [--seed N] [--keep DIR]
//                                   [--kdf-memory MIB] [--kdf-iterations N] [--kdf-lanes N]
//   build/tests/bench/arcanum-bench --kdbx 20000 [--kdbx-file FILE]... [--quick] [--keep DIR]
//
// With --kdbx (or --kdbx-file) it measures importing KeePass databases instead (KdbxBenchmark):
// synthetic ones of the given sizes, written with Argon2id 64 MiB, 3 passes, 2 lanes unless the
// --kdf-* options say otherwise, and existing files whose password is "bench password".
//
// Prints Markdown tables. Exits 1 if any measurement fails or gives a wrong answer (ctest runs
// it once with --entries 200 --quick so it cannot rot).
#include "bench/KdbxBenchmark.h"
#include "bench/SyntheticVault.h"
#include "bench/VaultBenchmark.h"
#include "format/VaultHeader.h"
#include "hardening/ProcessHardening.h"
#include "secret/MemoryLockLimit.h"
#include "secret/SecretArena.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <sys/utsname.h>
#include <unistd.h>
#include <vector>

using namespace arcanum;
using namespace arcanum::bench;

namespace {

struct Options
{
    std::vector<std::size_t> sizes{1000, 10000, 20000, 100000};
    bool quick = false;
    bool lockedMemory = false;
    std::uint64_t seed = SyntheticVault::defaultSeed;
    std::string keepDirectory;
    std::uint32_t kdfMemoryMiB = 256;
    std::uint32_t kdfIterations = 3;
    std::uint32_t kdfLanes = Argon2Params::defaultLanes();
    bool kdfGiven = false;
    std::vector<std::size_t> kdbxSizes;
    std::vector<std::string> kdbxFiles;
};

constexpr const char* usage =
    "usage: arcanum-bench [--entries N[,N...]] [--quick] [--locked-memory] [--seed N]\n"
    "                     [--keep DIR] [--kdf-memory MIB] [--kdf-iterations N] [--kdf-lanes N]\n"
    "  --entries  vault sizes (default 1000,10000,20000,100000)\n"
    "  --quick    fewer repetitions and an 8 MiB, 1-pass KDF (a smoke test, not a measurement)\n"
    "  --locked-memory  use the mlock fallback, as if memfd_secret were missing\n"
    "  --keep     write the vaults into DIR and keep them (password: \"bench password\")\n"
    "  --kdf-*    the Argon2id cost measured in the KDF column (default 256 MiB, 3 passes)\n"
    "  --kdbx N[,N...]  import KeePass databases of these sizes instead (KDF: Argon2id 64 MiB,\n"
    "             3 passes, 2 lanes unless --kdf-* say otherwise)\n"
    "  --kdbx-file FILE  also time importing FILE (password \"bench password\"); repeatable\n";

std::optional<std::uint64_t> number(const char* text)
{
    char* end = nullptr;
    errno = 0;
    const unsigned long long value = std::strtoull(text, &end, 0);
    if (errno != 0 || end == text || *end != '\0')
        return std::nullopt;
    return value;
}

bool parseSizes(const std::string& list, std::vector<std::size_t>& sizes)
{
    sizes.clear();
    for (std::size_t start = 0; start <= list.size();) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        const auto value = number(list.substr(start, comma - start).c_str());
        if (!value || *value == 0)
            return false;
        sizes.push_back(*value);
        start = comma + 1;
    }
    return true;
}

bool parse(int argc, char** argv, Options& options)
{
    bool& kdfGiven = options.kdfGiven;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--quick") {
            options.quick = true;
        } else if (arg == "--locked-memory") {
            options.lockedMemory = true;
        } else if (arg == "--entries" && hasValue) {
            if (!parseSizes(argv[++i], options.sizes))
                return false;
        } else if (arg == "--kdbx" && hasValue) {
            if (!parseSizes(argv[++i], options.kdbxSizes))
                return false;
        } else if (arg == "--kdbx-file" && hasValue) {
            options.kdbxFiles.push_back(argv[++i]);
        } else if (arg == "--seed" && hasValue) {
            const auto value = number(argv[++i]);
            if (!value)
                return false;
            options.seed = *value;
        } else if (arg == "--keep" && hasValue) {
            options.keepDirectory = argv[++i];
        } else if ((arg == "--kdf-memory" || arg == "--kdf-iterations" || arg == "--kdf-lanes") &&
                   hasValue) {
            const auto value = number(argv[++i]);
            if (!value || *value == 0 || *value > 1u << 22)
                return false;
            const auto v = static_cast<std::uint32_t>(*value);
            (arg == "--kdf-memory"       ? options.kdfMemoryMiB
             : arg == "--kdf-iterations" ? options.kdfIterations
                                         : options.kdfLanes) = v;
            kdfGiven = true;
        } else {
            return false;
        }
    }
    const bool kdbx = !options.kdbxSizes.empty() || !options.kdbxFiles.empty();
    if (kdbx && !kdfGiven) { // the reference of the KDBX import benchmark
        options.kdfMemoryMiB = 64;
        options.kdfIterations = 3;
        options.kdfLanes = 2;
    }
    if (options.quick && !kdfGiven) {
        options.kdfMemoryMiB = 8;
        options.kdfIterations = 1;
    }
    return true;
}

std::string cpuModel()
{
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);)
        if (line.rfind("model name", 0) == 0)
            return line.substr(line.find(':') + 2);
    return "unknown CPU";
}

std::string mib(std::size_t bytes)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MiB", double(bytes) / (1024.0 * 1024.0));
    return text;
}

std::string withCommas(std::uint64_t value)
{
    std::string digits = std::to_string(value);
    for (int at = int(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(std::size_t(at), ",");
    return digits;
}

void printMachine(const SecretArena& session, const Options& options, const BenchSettings& settings)
{
    utsname system{};
    uname(&system);
    const std::size_t limit = MemoryLockLimit::softLimit();
    std::printf("# arcanum-bench\n\n");
    std::printf("- machine: %s, %ld online cores, Linux %s\n", cpuModel().c_str(),
                sysconf(_SC_NPROCESSORS_ONLN), system.release);
    std::printf("- secret memory: %s%s%s\n", protectionLevelName(session.protectionLevel()),
                session.fallbackReason().empty() ? "" : " - ", session.fallbackReason().c_str());
    std::printf("- RLIMIT_MEMLOCK: %s%s; the lock budget column simulates a limit of %s\n",
                limit == SIZE_MAX ? "unlimited" : mib(limit).c_str(),
                geteuid() == 0 ? " (running as root: exempt)" : "",
                mib(settings.lockBudgetBytes).c_str());
    std::printf("- seed 0x%llx; medians of %zu opens, %zu searches per term, %zu sorts, %zu "
                "saves%s\n\n",
                static_cast<unsigned long long>(options.seed), settings.openRuns,
                settings.searchRuns, settings.sortRuns, settings.saveRuns,
                options.quick ? " (--quick: not a measurement)" : "");
}

void printTables(const std::vector<BenchRow>& rows, double kdfMs, const Argon2Params& kdf,
                 const BenchSettings& settings)
{
    std::printf("KDF: Argon2id %u MiB, %u passes, %u lanes = %.0f ms (median), the same for every "
                "size.\n\n",
                kdf.memoryKiB / 1024, kdf.iterations, kdf.lanes, kdfMs);
    std::printf(
        "| entries | open ms (KDF excluded) | open ms after the real KDF | KDF ms | search "
        "ms (worst median) | sort by title ms | save ms | file bytes | secret bytes / entry "
        "(mapped / used) | fits %s lock budget (open + save) |\n",
        mib(settings.lockBudgetBytes).c_str());
    std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (const BenchRow& row : rows) {
        double worst = 0;
        for (const SearchTiming& search : row.searches)
            worst = std::max(worst, search.ms);
        const std::string budget = (row.fitsLockBudget ? "yes" : "no, " + row.lockBudgetNote) +
                                   " (needs " + mib(row.mappedAfterSave) + ")";
        char afterKdf[32] = "–";
        if (row.afterRealKdfMs >= 0)
            std::snprintf(afterKdf, sizeof afterKdf, "%.1f", row.afterRealKdfMs);
        std::printf("| %s | %.1f | %s | %.0f | %.2f | %.1f | %.1f | %s | %zu / %zu | %s |\n",
                    withCommas(row.entries).c_str(), row.openMs, afterKdf, kdfMs, worst, row.sortMs,
                    row.saveMs, withCommas(row.fileBytes).c_str(),
                    row.mappedAfterOpen / row.entries, row.usedAfterOpen / row.entries,
                    budget.c_str());
    }

    std::printf("\nPayload (format version %u):\n\n| entries | payload bytes | payload bytes / "
                "entry | file bytes / entry |\n|---:|---:|---:|---:|\n",
                unsigned(VaultHeader::currentVersion));
    for (const BenchRow& row : rows)
        std::printf("| %s | %s | %.1f | %.1f |\n", withCommas(row.entries).c_str(),
                    withCommas(row.payloadBytes).c_str(),
                    double(row.payloadBytes) / double(row.entries),
                    double(row.fileBytes) / double(row.entries));

    std::printf("\nOpening, step by step (ms, medians; Vault::open runs the same functions):\n\n");
    std::printf("| entries | read file | header | map arena | KDF (minimal) | key check | decrypt "
                "| index | Vault::open, minimal KDF |\n");
    std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const BenchRow& row : rows) {
        const OpenPhases& p = row.phases;
        std::printf("| %s | %.2f | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f | %.2f |\n",
                    withCommas(row.entries).c_str(), p.read, p.header, p.arena, p.kdf, p.keyCheck,
                    p.decrypt, p.index, row.openWithMinimalKdfMs);
    }

    std::printf("\nSearch, per term (ms, median of SearchQuery::create + VaultContents::search; "
                "hits):\n\n| entries |");
    for (const SearchTiming& search : rows.front().searches)
        std::printf(" \"%s\" (%s) |", search.term, search.kind);
    std::printf("\n|---:|---:|---:|---:|\n");
    for (const BenchRow& row : rows) {
        std::printf("| %s |", withCommas(row.entries).c_str());
        for (const SearchTiming& search : row.searches)
            std::printf(" %.2f (%zu) |", search.ms, search.hits);
        std::printf("\n");
    }
    std::printf("\nBuilding the synthetic vaults took:");
    for (const BenchRow& row : rows)
        std::printf(" %s: %.0f ms;", withCommas(row.entries).c_str(), row.buildMs);
    std::printf("\n");
}

void printKdbxTable(const std::vector<KdbxBenchRow>& rows, std::size_t runs, bool quick)
{
    std::printf("KeePass import (KdbxReader), medians of %zu reads each in a fresh arena%s:\n\n",
                runs, quick ? " (--quick: not a measurement)" : "");
    std::printf("| file | entries | file bytes | inflated bytes | KDF ms | everything else ms | "
                "(its CPU ms) | read file | header | HMAC + decrypt | inflate + XML + model | "
                "arena after | write ms (KDF incl.) |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const KdbxBenchRow& row : rows) {
        char write[32] = "–";
        if (row.writeMs >= 0)
            std::snprintf(write, sizeof write, "%.0f", row.writeMs);
        std::printf("| %s | %s | %s | %s | %.0f | **%.1f** | %.1f | %.2f | %.3f | %.1f | %.1f | %s "
                    "| %s |\n",
                    row.label.c_str(), withCommas(row.entries).c_str(),
                    withCommas(row.fileBytes).c_str(), withCommas(row.inflatedBytes).c_str(),
                    row.kdfMs, row.restMs, row.restCpuMs, row.readFileMs, row.headerMs,
                    row.decryptMs, row.parseMs, mib(row.arenaMappedBytes).c_str(), write);
    }
    std::printf("\nInto a vault (KdbxVaultImporter::apply, the same reads):\n\n");
    std::printf("| file | entries | apply ms | (its CPU ms) | everything but the KDF, to vault "
                "records, ms | arena with database + vault | export build ms |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|\n");
    for (const KdbxBenchRow& row : rows) {
        char build[32] = "–";
        if (row.exportBuildMs >= 0)
            std::snprintf(build, sizeof build, "%.1f", row.exportBuildMs);
        std::printf("| %s | %s | %.1f | %.1f | **%.1f** | %s | %s |\n", row.label.c_str(),
                    withCommas(row.entries).c_str(), row.applyMs, row.applyCpuMs, row.toVaultMs,
                    mib(row.vaultArenaBytes).c_str(), build);
    }
}

int runKdbx(const Options& options, SecretSpan password, const std::string& directory)
{
    const std::size_t runs = options.quick ? 1 : 5;
    const KdbxKdfParameters kdf = KdbxKdfParameters::argon2(
        KdbxKdfParameters::Algorithm::Argon2id, std::uint64_t(options.kdfMemoryMiB) << 20,
        options.kdfIterations, options.kdfLanes);
    std::printf("KDF of the synthetic files: %s\n\n", kdf.describe().c_str());
    std::fflush(stdout);
    KdbxBenchmark benchmark(password, options.seed, runs);
    std::vector<KdbxBenchRow> rows;
    int status = 0;
    for (const std::size_t entries : options.kdbxSizes) {
        std::fprintf(stderr, "arcanum-bench: KDBX, %zu entries...\n", entries);
        const std::string path = directory + "/synthetic-" + std::to_string(entries) + ".kdbx";
        auto row = benchmark.runSynthetic(entries, path, kdf);
        if (!row) {
            std::fprintf(stderr, "arcanum-bench: KDBX %zu: %s\n", entries,
                         row.error().message.c_str());
            status = 1;
        } else {
            row->label = "synthetic-" + std::to_string(entries) + ".kdbx";
            rows.push_back(std::move(row.value()));
        }
        if (options.keepDirectory.empty())
            std::filesystem::remove(path);
    }
    for (const std::string& file : options.kdbxFiles) {
        auto row = benchmark.runFile(file);
        if (!row) {
            std::fprintf(stderr, "arcanum-bench: %s: %s\n", file.c_str(),
                         row.error().message.c_str());
            status = 1;
        } else {
            rows.push_back(std::move(row.value()));
        }
    }
    if (!rows.empty())
        printKdbxTable(rows, runs, options.quick);
    return status;
}

} // namespace

int main(int argc, char** argv)
{
    Options options;
    if (!parse(argc, argv, options)) {
        std::fputs(usage, stderr);
        return 2;
    }
    (void)ProcessHardening::apply(); // the same process state as the apps (memlock raised)

    std::string directory = options.keepDirectory;
    if (directory.empty()) {
        const char* tmp = std::getenv("TMPDIR");
        std::string pattern = std::string(tmp ? tmp : "/tmp") + "/arcanum-bench-XXXXXX";
        if (mkdtemp(pattern.data()) == nullptr) {
            std::perror("arcanum-bench: mkdtemp");
            return 1;
        }
        directory = pattern;
    } else {
        std::filesystem::create_directories(directory);
    }

    BenchSettings settings;
    if (options.lockedMemory)
        settings.arena.simulateMemfdSecretErrno = ENOSYS; // the arena falls back to mlock
    auto session = SecretArena::create(settings.arena);
    if (!session) {
        std::fprintf(stderr, "arcanum-bench: %s\n", session.error().message.c_str());
        return 1;
    }
    constexpr char passwordText[] = "bench password"; // synthetic vaults, a public password
    auto password = (*session)->copyOf(
        SecretSpan(reinterpret_cast<const std::uint8_t*>(passwordText), sizeof passwordText - 1));
    if (!password) {
        std::fprintf(stderr, "arcanum-bench: %s\n", password.error().message.c_str());
        return 1;
    }

    settings.directory = directory;
    settings.seed = options.seed;
    if (options.quick) {
        settings.openRuns = 3;
        settings.searchRuns = 3;
        settings.sortRuns = 1;
        settings.saveRuns = 1;
    }
    const Argon2Params kdf = Argon2Params::withRandomSalt(options.kdfMemoryMiB * 1024,
                                                          options.kdfIterations, options.kdfLanes);
    if (!options.quick && kdf.validate().ok())
        settings.realKdf = kdf;
    printMachine(**session, options, settings);
    std::fflush(stdout);

    if (!options.kdbxSizes.empty() || !options.kdbxFiles.empty()) {
        const int status = runKdbx(options, password->span(), directory);
        if (options.keepDirectory.empty())
            std::filesystem::remove(directory);
        return status;
    }

    VaultBenchmark benchmark(settings, password->span());
    int status = 0;
    auto kdfMs = kdf.validate().ok() ? benchmark.kdfMs(kdf, options.quick ? 1 : 3)
                                     : Result<double>(kdf.validate().error());
    if (!kdfMs) {
        std::fprintf(stderr, "arcanum-bench: KDF: %s\n", kdfMs.error().message.c_str());
        status = 1;
    }
    std::vector<BenchRow> rows;
    for (const std::size_t entries : options.sizes) {
        std::fprintf(stderr, "arcanum-bench: %zu entries...\n", entries);
        auto row = benchmark.run(entries);
        if (!row) {
            std::fprintf(stderr, "arcanum-bench: %zu entries: %s\n", entries,
                         row.error().message.c_str());
            status = 1;
        } else {
            rows.push_back(std::move(row.value()));
        }
        if (options.keepDirectory.empty()) {
            std::filesystem::remove(benchmark.pathFor(entries));
            std::filesystem::remove(benchmark.pathFor(entries) + ".bak");
        }
    }
    if (!rows.empty())
        printTables(rows, kdfMs ? *kdfMs : 0, kdf, settings);
    if (options.keepDirectory.empty())
        std::filesystem::remove(directory);
    return status;
}
