// KdbxBenchmark: how long importing a KeePass database takes, split into the KDF (which depends
// only on the file's parameters) and everything else — reading the file, checking the header,
// verifying the HMAC blocks and decrypting, inflating, parsing the XML and building the model —
// and then turning it into vault records (KdbxVaultImporter::apply).
//
// The database is the same synthetic content as the vault benchmark (SyntheticVault), exported
// by KdbxVaultExporter and written by KdbxWriter with the KDF given (the reference:
// Argon2id 64 MiB, 3 passes, 2 lanes); or an existing file (for instance one keepassxc-cli
// re-saved).
#pragma once

#include "common/Result.h"
#include "kdbx/KdbxKdfParameters.h"
#include "secret/SecretSpan.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace arcanum::bench {

struct KdbxBenchRow
{
    std::string label;
    std::size_t entries = 0;
    std::uint64_t fileBytes = 0;
    std::size_t inflatedBytes = 0; // inner header + XML
    double writeMs = -1;           // KdbxWriter::writeFile, KDF included (built files only)
    // Medians of `runs` reads, each in a fresh arena:
    double readFileMs = 0;
    double headerMs = 0;
    double kdfMs = 0;
    double decryptMs = 0; // header HMAC, every HMAC block, decryption
    double parseMs = 0;   // inflate, inner header, XML, model, recycle bin
    double restMs = 0;    // everything but the KDF
    double restCpuMs =
        0; // the same in CPU time of this thread (what a busy machine cannot inflate)
    std::size_t arenaMappedBytes = 0; // after reading, the database held
    // Into a vault (KdbxVaultImporter::apply into an empty VaultContents in the same arena):
    double applyMs = 0;
    double applyCpuMs = 0;
    double toVaultMs = 0;            // everything but the KDF, the vault's records included
    std::size_t vaultArenaBytes = 0; // mapped with the database and the vault both held
    double exportBuildMs = -1;       // KdbxVaultExporter::build of the synthetic vault
};

class KdbxBenchmark
{
public:
    // `password` must stay valid (arena memory) for the benchmark's life.
    KdbxBenchmark(SecretSpan password, std::uint64_t seed, std::size_t runs)
        : m_password(password), m_seed(seed), m_runs(runs)
    {}

    // Builds `entries` synthetic entries, writes them to `path` with `kdf`, and times reading it.
    [[nodiscard]] Result<KdbxBenchRow> runSynthetic(std::size_t entries, const std::string& path,
                                                    const KdbxKdfParameters& kdf) const;
    // Times reading an existing file (its password must be the benchmark's).
    [[nodiscard]] Result<KdbxBenchRow> runFile(const std::string& path) const;

private:
    [[nodiscard]] Result<void> timeReads(const std::string& path, KdbxBenchRow& row) const;

    SecretSpan m_password;
    std::uint64_t m_seed;
    std::size_t m_runs;
};

} // namespace arcanum::bench
