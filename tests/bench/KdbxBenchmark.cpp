#include "bench/KdbxBenchmark.h"

#include "bench/Stopwatch.h"
#include "bench/SyntheticVault.h"
#include "kdbx/GzipInflater.h"
#include "kdbx/KdbxPayloadReader.h"
#include "kdbx/KdbxReader.h"
#include "kdbx/KdbxVaultExporter.h"
#include "kdbx/KdbxVaultImporter.h"
#include "kdbx/KdbxWriter.h"
#include "vault/VaultContents.h"

#include <cstring>
#include <ctime>
#include <map>
#include <vector>

namespace arcanum::bench {

namespace {

double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6;
}

} // namespace

Result<KdbxBenchRow> KdbxBenchmark::runSynthetic(std::size_t entries, const std::string& path,
                                                 const KdbxKdfParameters& kdf) const
{
    auto arena = SecretArena::create();
    if (!arena)
        return arena.error();
    auto contents = VaultContents::createEmpty(**arena);
    if (!contents)
        return contents.error();
    SyntheticVault synthetic(**arena, m_seed);
    if (auto filled = synthetic.fill(*contents, entries); !filled)
        return filled.error();
    KdbxBenchRow row;
    Stopwatch buildWatch;
    auto database = KdbxVaultExporter::build(*contents, **arena);
    if (!database)
        return database.error();
    row.exportBuildMs = buildWatch.elapsedMs();
    auto key = KdbxKey::fromPassword(**arena, m_password);
    if (!key)
        return key.error();
    KdbxWriteOptions options;
    options.kdf = kdf;
    row.label = "Arcanum-written";
    Stopwatch watch;
    if (auto written = KdbxWriter::writeFile(**arena, path, *database, *key, options); !written)
        return written.error();
    row.writeMs = watch.elapsedMs();
    if (auto timed = timeReads(path, row); !timed)
        return timed.error();
    if (row.entries != entries)
        return Error{ErrorCode::SystemError, "read back " + std::to_string(row.entries) +
                                                 " entries, wrote " + std::to_string(entries)};
    return row;
}

Result<KdbxBenchRow> KdbxBenchmark::runFile(const std::string& path) const
{
    KdbxBenchRow row;
    row.label = path;
    if (auto timed = timeReads(path, row); !timed)
        return timed.error();
    return row;
}

Result<void> KdbxBenchmark::timeReads(const std::string& path, KdbxBenchRow& row) const
{
    std::vector<double> readFile, header, kdf, decrypt, parse, rest, restCpu, apply, applyCpu,
        toVault;
    for (std::size_t run = 0; run < m_runs; ++run) {
        auto arena = SecretArena::create();
        if (!arena)
            return arena.error();
        auto key = KdbxKey::fromPassword(**arena, m_password);
        if (!key)
            return key.error();
        Stopwatch watch;
        double cpu = threadCpuMs();
        auto file = KdbxReader::readFile(path);
        if (!file)
            return file.error();
        readFile.push_back(watch.elapsedMs());
        watch.restart();
        auto parsedHeader = KdbxReader::readHeader(*file);
        if (!parsedHeader)
            return parsedHeader.error();
        header.push_back(watch.elapsedMs());
        double cpuBeforeKdf = threadCpuMs() - cpu;
        watch.restart();
        // As an import does (KdbxVaultImporter::read): the first touch of the secret memory
        // the read and the vault records need happens on a second thread during the KDF.
        auto transformed = KdbxReader::transformKey(
            **arena, *parsedHeader, *key, KdbxVaultImporter::secretBytesToImport(file->size()));
        if (!transformed)
            return transformed.error();
        kdf.push_back(watch.elapsedMs());
        cpu = threadCpuMs();
        watch.restart();
        auto payload =
            KdbxReader::decryptPayload(**arena, *file, *parsedHeader, transformed->span());
        if (!payload)
            return payload.error();
        decrypt.push_back(watch.elapsedMs());
        watch.restart();
        auto database = KdbxPayloadReader::read(**arena, payload->input, {});
        if (!database)
            return database.error();
        parse.push_back(watch.elapsedMs());
        restCpu.push_back(cpuBeforeKdf + threadCpuMs() - cpu);
        rest.push_back(readFile.back() + header.back() + decrypt.back() + parse.back());
        row.entries = database->entries.size();
        row.fileBytes = file->size();
        row.arenaMappedBytes = (*arena)->mappedBytes();
        auto contents = VaultContents::createEmpty(**arena);
        if (!contents)
            return contents.error();
        cpu = threadCpuMs();
        watch.restart();
        auto imported = KdbxVaultImporter::apply(*contents, **arena, *database);
        if (!imported)
            return imported.error();
        apply.push_back(watch.elapsedMs());
        applyCpu.push_back(threadCpuMs() - cpu);
        toVault.push_back(rest.back() + apply.back());
        if (imported->entries != row.entries)
            return Error{ErrorCode::SystemError, "imported " + std::to_string(imported->entries) +
                                                     " of " + std::to_string(row.entries)};
        row.vaultArenaBytes = (*arena)->mappedBytes();
        row.inflatedBytes = payload->input.payload.size();
        if (payload->input.compressed && run + 1 == m_runs) { // untimed: the document's size
            auto inflated =
                GzipInflater::inflateAll(**arena, payload->input.payload, std::size_t(1) << 31);
            if (!inflated)
                return inflated.error();
            row.inflatedBytes = inflated->size();
        }
    }
    row.readFileMs = Stopwatch::median(readFile);
    row.headerMs = Stopwatch::median(header);
    row.kdfMs = Stopwatch::median(kdf);
    row.decryptMs = Stopwatch::median(decrypt);
    row.parseMs = Stopwatch::median(parse);
    row.restMs = Stopwatch::median(rest);
    row.restCpuMs = Stopwatch::median(restCpu);
    row.applyMs = Stopwatch::median(apply);
    row.applyCpuMs = Stopwatch::median(applyCpu);
    row.toVaultMs = Stopwatch::median(toVault);
    return {};
}

} // namespace arcanum::bench
