// VaultBenchmark: builds one synthetic vault of a given size on disk and measures it through
// the real code paths — Vault::open, SearchQuery + VaultContents::search, sortByTitle,
// Vault::save — plus the phases of opening one by one, secret-memory use, and whether
// open + save fit under a memory-lock budget.
//
// The vault file is sealed with the cheapest Argon2id the format allows, so that "open" can be
// measured without the KDF (its small remaining cost is measured and subtracted). The KDF with
// real parameters is measured separately by kdfMs(): it does not depend on the vault's size.
#pragma once

#include "common/Result.h"
#include "crypto/Argon2Params.h"
#include "secret/SecretArenaOptions.h"
#include "secret/SecretSpan.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace arcanum::bench {

struct BenchSettings
{
    std::string directory; // where the vault files go
    std::uint64_t seed = 0;
    std::size_t openRuns = 9;
    std::size_t searchRuns = 15;
    std::size_t sortRuns = 5;
    std::size_t saveRuns = 3;
    std::size_t lockBudgetBytes = 8 * 1024 * 1024;
    SecretArenaOptions arena; // e.g. the locked-memory fallback, forced
    // When set, each vault is also re-keyed with these (real) parameters and opened again, to
    // time what the user waits for after the KDF (Vault::OpenTimings::afterKdfMs), with the
    // payload's page-in running during Argon2 as it does in real use.
    std::optional<Argon2Params> realKdf;
};

// Medians, in ms, of each step Vault::open takes, timed by calling the same functions.
struct OpenPhases
{
    double read = 0;     // AtomicFile::readAll
    double header = 0;   // VaultHeader::parse
    double arena = 0;    // SecretArena::create (memfd_secret + mmap)
    double kdf = 0;      // VaultKeys::derive with the file's (minimal) parameters
    double keyCheck = 0; // VaultKeys::verifyKeyCheck
    double decrypt = 0;  // PayloadOpener::open into the arena (first touch of its pages included)
    double index = 0;    // VaultContents::load
};

struct SearchTiming
{
    const char* term = "";
    const char* kind = "";
    double ms = 0; // median of SearchQuery::create + VaultContents::search
    std::size_t hits = 0;
};

struct BenchRow
{
    std::size_t entries = 0;
    double buildMs = 0;
    double openMs = 0; // Vault::open minus the (minimal) KDF
    double openWithMinimalKdfMs = 0;
    double afterRealKdfMs = -1; // median Vault::OpenTimings::afterKdfMs with realKdf; -1: not run
    OpenPhases phases;
    std::array<SearchTiming, 3> searches;
    double sortMs = 0;
    double saveMs = 0;
    std::uint64_t fileBytes = 0;
    std::size_t payloadBytes = 0; // the decrypted payload (VaultContents::payloadBytes)
    std::size_t mappedAfterOpen = 0, usedAfterOpen = 0, mappedAfterSave = 0;
    bool fitsLockBudget = false;  // open + edit one entry + save + reopen under the budget
    std::string lockBudgetNote;   // why not, when it does not fit
    std::size_t lockBudgetNeeds = 0; // mapped after open + edit + save (or what open asked for)
};

class VaultBenchmark
{
public:
    // `password` must stay valid (arena memory) for the benchmark's life.
    VaultBenchmark(const BenchSettings& settings, SecretSpan password);

    // Builds the vault of `entries` entries, measures it, checks the results are right.
    [[nodiscard]] Result<BenchRow> run(std::size_t entries);

    // The median time of VaultKeys::derive with `params` (in a fresh arena each time).
    [[nodiscard]] Result<double> kdfMs(const Argon2Params& params, std::size_t runs) const;

    // The largest synthetic vault (to within `step` entries) that opens, takes an edit and saves
    // under the lock budget, by bisection between `low` (must fit) and `high` (must not).
    [[nodiscard]] Result<std::size_t> largestUnderLockBudget(std::size_t low, std::size_t high,
                                                             std::size_t step);

    [[nodiscard]] static Argon2Params minimalKdf();
    [[nodiscard]] std::string pathFor(std::size_t entries) const;

private:
    [[nodiscard]] Result<std::size_t> build(const std::string& path, std::size_t entries,
                                            BenchRow& row) const;
    [[nodiscard]] Result<OpenPhases> timePhases(const std::string& path) const;
    [[nodiscard]] Result<void> measureOpen(const std::string& path, BenchRow& row) const;
    [[nodiscard]] Result<void> measureUse(const std::string& path, std::size_t titleWordCount,
                                          BenchRow& row) const;
    [[nodiscard]] Result<void> measureLockBudget(const std::string& path, BenchRow& row) const;
    struct BudgetCheck
    {
        bool fits = false;
        std::string note;
        std::size_t needs = 0;
    };
    [[nodiscard]] Result<BudgetCheck> fitsLockBudget(const std::string& path, std::size_t entries,
                                                     const SecretArenaOptions& options) const;

    BenchSettings m_settings;
    SecretSpan m_password;
};

} // namespace arcanum::bench
