#include "bench/VaultBenchmark.h"

#include "bench/Stopwatch.h"
#include "bench/SyntheticVault.h"
#include "crypto/Random.h"
#include "format/AtomicFile.h"
#include "format/PayloadOpener.h"
#include "format/VaultHeader.h"
#include "format/VaultKeys.h"
#include "text/CaseFold.h"
#include "text/SearchQuery.h"
#include "vault/EntryDraft.h"
#include "vault/Vault.h"
#include "vault/VaultMemoryBudget.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <numeric>

namespace arcanum::bench {

namespace {

Error failed(const std::string& what)
{
    return Error{ErrorCode::SystemError, "benchmark check failed: " + what};
}

// A search term typed by a user is plaintext too: it goes into the arena.
Result<SecretBuffer> arenaText(SecretArena& arena, const char* text)
{
    return arena.copyOf(SecretSpan(reinterpret_cast<const std::uint8_t*>(text), std::strlen(text)));
}

} // namespace

VaultBenchmark::VaultBenchmark(const BenchSettings& settings, SecretSpan password)
    : m_settings(settings), m_password(password)
{}

Argon2Params VaultBenchmark::minimalKdf()
{
    return Argon2Params::withRandomSalt(Argon2Params::minMemoryKiB, 1, 1);
}

std::string VaultBenchmark::pathFor(std::size_t entries) const
{
    return m_settings.directory + "/bench-" + std::to_string(entries) + ".arcanum";
}

Result<double> VaultBenchmark::kdfMs(const Argon2Params& params, std::size_t runs) const
{
    std::vector<double> samples;
    for (std::size_t i = 0; i < runs; ++i) {
        auto arena = SecretArena::create(m_settings.arena);
        if (!arena)
            return arena.error();
        Stopwatch watch;
        auto keys = VaultKeys::derive(m_password, params, **arena);
        samples.push_back(watch.elapsedMs());
        if (!keys)
            return keys.error();
    }
    return Stopwatch::median(samples);
}

Result<std::size_t> VaultBenchmark::build(const std::string& path, std::size_t entries,
                                          BenchRow& row) const
{
    std::remove(path.c_str());
    std::remove(Vault::backupPath(path).c_str());
    Stopwatch watch;
    auto vault = Vault::create(path, m_password, minimalKdf(), m_settings.arena);
    if (!vault)
        return vault.error();
    SyntheticVault generator((*vault)->arena(), m_settings.seed);
    if (auto filled = generator.fill((*vault)->contents(), entries); !filled)
        return filled.error();
    if (auto saved = (*vault)->save(); !saved)
        return saved.error();
    row.buildMs = watch.elapsedMs();
    return generator.titleWordCount();
}

Result<OpenPhases> VaultBenchmark::timePhases(const std::string& path) const
{
    std::vector<double> read, header, arenaMs, kdf, keyCheck, decrypt, index;
    for (std::size_t run = 0; run < m_settings.openRuns; ++run) {
        Stopwatch watch;
        auto file = AtomicFile::readAll(path, VaultHeader::size + VaultHeader::maxCiphertextBytes);
        read.push_back(watch.elapsedMs());
        if (!file)
            return file.error();

        watch.restart();
        auto parsed = VaultHeader::parse(*file);
        header.push_back(watch.elapsedMs());
        if (!parsed)
            return parsed.error();

        watch.restart();
        auto arena =
            SecretArena::create(m_settings.arena,
                                VaultMemoryBudget::arenaBytes(parsed->payloadLength()));
        arenaMs.push_back(watch.elapsedMs());
        if (!arena)
            return arena.error();

        watch.restart();
        auto keys = VaultKeys::derive(m_password, parsed->kdf, **arena);
        kdf.push_back(watch.elapsedMs());
        if (!keys)
            return keys.error();

        const std::span<const std::uint8_t> bytes(*file);
        watch.restart();
        const bool right =
            keys->verifyKeyCheck(bytes.first(VaultHeader::keyCheckOffset), parsed->keyCheck);
        keyCheck.push_back(watch.elapsedMs());
        if (!right)
            return failed("the key check rejected the benchmark password");

        watch.restart();
        auto payload = (*arena)->allocate(parsed->payloadLength());
        if (!payload)
            return payload.error();
        auto opened = PayloadOpener::open(bytes, *parsed, *keys, payload->bytes(), **arena);
        decrypt.push_back(watch.elapsedMs());
        if (!opened)
            return opened.error();

        watch.restart();
        auto contents = VaultContents::load(std::move(payload.value()), **arena);
        index.push_back(watch.elapsedMs());
        if (!contents)
            return contents.error();
    } // contents, keys, then the arena go, in that order
    OpenPhases phases;
    phases.read = Stopwatch::median(read);
    phases.header = Stopwatch::median(header);
    phases.arena = Stopwatch::median(arenaMs);
    phases.kdf = Stopwatch::median(kdf);
    phases.keyCheck = Stopwatch::median(keyCheck);
    phases.decrypt = Stopwatch::median(decrypt);
    phases.index = Stopwatch::median(index);
    return phases;
}

Result<void> VaultBenchmark::measureOpen(const std::string& path, BenchRow& row) const
{
    std::vector<double> samples;
    for (std::size_t run = 0; run < m_settings.openRuns; ++run) {
        Stopwatch watch;
        auto vault = Vault::open(path, m_password, m_settings.arena);
        samples.push_back(watch.elapsedMs());
        if (!vault)
            return vault.error();
        if ((*vault)->contents().entryCount() != row.entries)
            return failed("the vault opened with " +
                          std::to_string((*vault)->contents().entryCount()) + " entries, not " +
                          std::to_string(row.entries));
        row.mappedAfterOpen = (*vault)->arena().mappedBytes();
        row.usedAfterOpen = (*vault)->arena().usedBytes();
    }
    row.openWithMinimalKdfMs = Stopwatch::median(samples);
    row.openMs = std::max(0.0, row.openWithMinimalKdfMs - row.phases.kdf);
    if (!m_settings.realKdf)
        return {};

    // The same vault re-keyed with the real KDF: time what is left after Argon2.
    const std::string rekeyed = path + ".real-kdf";
    std::filesystem::copy_file(path, rekeyed, std::filesystem::copy_options::overwrite_existing);
    {
        auto vault = Vault::open(rekeyed, m_password, m_settings.arena);
        if (!vault)
            return vault.error();
        Argon2Params params = *m_settings.realKdf;
        Random::fill(params.salt);
        if (auto changed = (*vault)->changePassword(m_password, params); !changed)
            return changed;
    }
    std::vector<double> after;
    for (int run = 0; run < 3; ++run) {
        Vault::OpenTimings timings;
        auto vault = Vault::open(rekeyed, m_password, m_settings.arena, &timings);
        if (!vault)
            return vault.error();
        after.push_back(timings.afterKdfMs);
    }
    std::filesystem::remove(rekeyed);
    std::filesystem::remove(Vault::backupPath(rekeyed));
    row.afterRealKdfMs = Stopwatch::median(after);
    return {};
}

Result<void> VaultBenchmark::measureUse(const std::string& path, std::size_t titleWordCount,
                                        BenchRow& row) const
{
    auto opened = Vault::open(path, m_password, m_settings.arena);
    if (!opened)
        return opened.error();
    Vault& vault = **opened;
    const VaultContents& contents = vault.contents();

    row.searches = {{{SyntheticVault::titleWord(), "title substring"},
                     {"netflix", "no match"},
                     {SyntheticVault::nonAsciiWord(), "non-ASCII"}}};
    for (SearchTiming& search : row.searches) {
        auto term = arenaText(vault.arena(), search.term);
        if (!term)
            return term.error();
        std::vector<double> samples;
        for (std::size_t run = 0; run < m_settings.searchRuns; ++run) {
            Stopwatch watch;
            auto query = SearchQuery::create(term->span(), vault.arena());
            if (!query)
                return query.error();
            const std::vector<std::size_t> found = contents.search(*query);
            samples.push_back(watch.elapsedMs());
            search.hits = found.size();
        }
        search.ms = Stopwatch::median(samples);
    }
    if (row.searches[0].hits < titleWordCount)
        return failed("searching \"bank\" found " + std::to_string(row.searches[0].hits) +
                      " entries; at least " + std::to_string(titleWordCount) + " have it");
    if (row.searches[1].hits != 0)
        return failed("a term no entry holds was found");

    std::vector<double> samples;
    std::vector<std::size_t> order(contents.entryCount());
    for (std::size_t run = 0; run < m_settings.sortRuns; ++run) {
        std::iota(order.begin(), order.end(), std::size_t(0));
        Stopwatch watch;
        contents.sortByTitle(order);
        samples.push_back(watch.elapsedMs());
    }
    row.sortMs = Stopwatch::median(samples);
    for (std::size_t i = 1; i < order.size(); ++i)
        if (CaseFold::compare(contents.entry(order[i - 1]).title(),
                              contents.entry(order[i]).title()) > 0)
            return failed("sortByTitle left two titles out of order");

    samples.clear();
    for (std::size_t run = 0; run < m_settings.saveRuns; ++run) {
        Stopwatch watch;
        if (auto saved = vault.save(); !saved)
            return saved;
        samples.push_back(watch.elapsedMs());
        if (run == 0)
            row.mappedAfterSave = vault.arena().mappedBytes();
    }
    row.saveMs = Stopwatch::median(samples);
    row.fileBytes = vault.fileBytes();
    row.payloadBytes = vault.contents().payloadBytes();
    return {};
}

Result<void> VaultBenchmark::measureLockBudget(const std::string& path, BenchRow& row) const
{
    // The arena checks the simulated limit before every mapping, as the kernel checks the real
    // one; root (exempt from RLIMIT_MEMLOCK) thus still learns what a normal user would see.
    // What is measured is what a user does: open, edit one entry, save, and open again.
    SecretArenaOptions options = m_settings.arena;
    options.simulateMemoryLockLimit = m_settings.lockBudgetBytes;
    auto fits = fitsLockBudget(path, row.entries, options);
    if (!fits)
        return fits.error();
    row.fitsLockBudget = fits->fits;
    row.lockBudgetNote = fits->note;
    row.lockBudgetNeeds = fits->needs;
    return {};
}

Result<VaultBenchmark::BudgetCheck>
VaultBenchmark::fitsLockBudget(const std::string& path, std::size_t entries,
                               const SecretArenaOptions& options) const
{
    BudgetCheck check;
    auto vault = Vault::open(path, m_password, options);
    if (!vault) {
        if (vault.error().code != ErrorCode::MemoryLockLimit)
            return vault.error();
        auto header = VaultHeader::parse(
            AtomicFile::readAll(path, VaultHeader::size + VaultHeader::maxCiphertextBytes)
                .value());
        check.needs = header ? VaultMemoryBudget::arenaBytes(header->payloadLength()) : 0;
        check.note = "refused at open";
        return check;
    }
    VaultContents& contents = (*vault)->contents();
    if (contents.entryCount() != entries)
        return failed("the saved vault reopened with a different number of entries");
    const std::size_t edited = entries / 2;
    auto draft = EntryDraft::fromEntry(contents.entry(edited), (*vault)->arena());
    if (!draft)
        return draft.error();
    auto newPassword = arenaText((*vault)->arena(), "edited under the lock budget");
    if (!newPassword)
        return newPassword.error();
    if (auto set = draft->set(EntryField::Password, newPassword->span()); !set)
        return set.error();
    const EntryId id = contents.entry(edited).id();
    if (auto updated = contents.updateEntry(id, *draft); !updated) {
        if (updated.error().code != ErrorCode::MemoryLockLimit)
            return updated.error();
        check.note = "edit fails";
        return check;
    }
    if (auto saved = (*vault)->save(); !saved) {
        if (saved.error().code != ErrorCode::MemoryLockLimit)
            return saved.error();
        check.note = "save fails";
        return check;
    }
    check.needs = (*vault)->arena().mappedBytes();
    newPassword->reset();
    draft = Error{ErrorCode::Cancelled, "done"}; // its buffers go before their arena
    vault->reset();
    auto reopened = Vault::open(path, m_password, options);
    if (!reopened)
        return reopened.error();
    auto expected = arenaText((*reopened)->arena(), "edited under the lock budget");
    if (!expected)
        return expected.error();
    const auto index = (*reopened)->contents().findEntry(id);
    if (!index || !sameBytes((*reopened)->contents().entry(*index).password(), expected->span()))
        return failed("the entry edited under the lock budget did not keep its edit");
    check.fits = true;
    return check;
}

Result<std::size_t> VaultBenchmark::largestUnderLockBudget(std::size_t low, std::size_t high,
                                                           std::size_t step)
{
    // Bisection on the entry count: `low` must fit, `high` must not.
    SecretArenaOptions options = m_settings.arena;
    options.simulateMemoryLockLimit = m_settings.lockBudgetBytes;
    const auto fitsWith = [&](std::size_t entries) -> Result<bool> {
        BenchRow row;
        const std::string path = pathFor(entries);
        if (auto built = build(path, entries, row); !built)
            return built.error();
        auto check = fitsLockBudget(path, entries, options);
        std::remove(path.c_str());
        std::remove(Vault::backupPath(path).c_str());
        if (!check)
            return check.error();
        return check->fits;
    };
    for (const auto& [entries, expected] : {std::pair{low, true}, std::pair{high, false}}) {
        auto fits = fitsWith(entries);
        if (!fits)
            return fits.error();
        if (*fits != expected)
            return failed(std::to_string(entries) + (expected ? " entries do not fit" : " fit"));
    }
    while (high - low > step) {
        const std::size_t middle = low + (high - low) / 2;
        auto fits = fitsWith(middle);
        if (!fits)
            return fits.error();
        (*fits ? low : high) = middle;
    }
    return low;
}

Result<BenchRow> VaultBenchmark::run(std::size_t entries)
{
    BenchRow row;
    row.entries = entries;
    const std::string path = pathFor(entries);
    auto titleWordCount = build(path, entries, row);
    if (!titleWordCount)
        return titleWordCount.error();
    auto phases = timePhases(path);
    if (!phases)
        return phases.error();
    row.phases = *phases;
    if (auto opened = measureOpen(path, row); !opened)
        return opened.error();
    if (auto used = measureUse(path, *titleWordCount, row); !used)
        return used.error();
    if (auto budget = measureLockBudget(path, row); !budget)
        return budget.error();
    return row;
}

} // namespace arcanum::bench
