#include "kdbx/KdbxPayloadReader.h"

#include "kdbx/InflatePipeline.h"
#include "kdbx/InnerRandomStream.h"
#include "kdbx/KdbxXmlReader.h"

#include <cstring>

namespace arcanum {

namespace {

constexpr std::size_t maxInnerStreamKeyBytes = 4096;

Error innerHeaderTruncated()
{
    return Error{ErrorCode::FileTruncated,
                 "The decrypted data ends inside its inner header: the file is truncated."};
}

// The decrypted payload as a stream of plaintext pieces: slices of the payload itself, or
// inflated 64 KiB at a time (on a second thread for large payloads: InflatePipeline).
class PlaintextSource
{
public:
    explicit PlaintextSource(SecretSpan payload) : m_payload(payload) {}

    Result<void> startInflating(SecretArena& arena, std::size_t limit)
    {
        auto pipeline = InflatePipeline::start(arena, m_payload, limit);
        if (!pipeline)
            return pipeline.error();
        m_inflater = std::move(pipeline.value());
        return {};
    }

    // The next piece; empty at the end.
    Result<SecretSpan> next()
    {
        if (!m_pending.empty())
            return std::exchange(m_pending, SecretSpan());
        if (!m_inflater) {
            const SecretSpan rest = m_payload.sub(m_offset);
            m_offset = m_payload.size();
            return rest;
        }
        return m_inflater->next();
    }

    // Calls `take(piece)` with consecutive pieces totalling exactly `bytes`.
    template <typename Take>
    Result<void> consume(std::size_t bytes, Take take)
    {
        while (bytes > 0) {
            if (m_pending.empty()) {
                auto piece = next();
                if (!piece)
                    return piece.error();
                if (piece->empty())
                    return innerHeaderTruncated();
                m_pending = *piece;
            }
            const std::size_t now = std::min(bytes, m_pending.size());
            if (auto taken = take(m_pending.sub(0, now)); !taken)
                return taken.error();
            m_pending = m_pending.sub(now);
            bytes -= now;
        }
        return {};
    }

    Result<void> readExact(std::span<std::uint8_t> out)
    {
        std::size_t at = 0;
        return consume(out.size(), [&](SecretSpan piece) -> Result<void> {
            std::memcpy(out.data() + at, piece.data(), piece.size());
            at += piece.size();
            return {};
        });
    }

private:
    SecretSpan m_payload;
    std::size_t m_offset = 0;
    std::unique_ptr<InflatePipeline> m_inflater;
    SecretSpan m_pending;
};

struct InnerHeader
{
    kdbx::InnerStreamAlgorithm algorithm = kdbx::InnerStreamAlgorithm::None;
    SecretBuffer key;
    bool haveAlgorithm = false;
};

Result<InnerHeader> readInnerHeader(PlaintextSource& source, KdbxDatabase& database)
{
    SecretArena& arena = database.arena();
    InnerHeader inner;
    for (;;) {
        std::uint8_t head[5];
        if (auto read = source.readExact(head); !read)
            return read.error();
        const auto field = static_cast<kdbx::InnerHeaderField>(head[0]);
        const std::uint32_t length = kdbx::readLe32(head + 1);
        switch (field) {
        case kdbx::InnerHeaderField::End:
            if (auto skipped = source.consume(length, [](SecretSpan) { return Result<void>(); });
                !skipped)
                return skipped.error();
            if (!inner.haveAlgorithm || inner.key.isNull())
                return Error{ErrorCode::FileDamaged,
                             "The inner header lacks the inner stream's algorithm or key: the "
                             "file is damaged."};
            return inner;
        case kdbx::InnerHeaderField::InnerRandomStreamId: {
            std::uint8_t id[4];
            if (length != sizeof id)
                return Error{ErrorCode::FileDamaged,
                             "The inner header's stream id has the wrong size: the file is "
                             "damaged."};
            if (auto read = source.readExact(id); !read)
                return read.error();
            inner.algorithm = static_cast<kdbx::InnerStreamAlgorithm>(kdbx::readLe32(id));
            inner.haveAlgorithm = true;
            break;
        }
        case kdbx::InnerHeaderField::InnerRandomStreamKey: {
            if (length == 0 || length > maxInnerStreamKeyBytes)
                return Error{ErrorCode::FileDamaged, "The inner header's stream key has " +
                                                         std::to_string(length) +
                                                         " bytes: the file is damaged."};
            auto key = arena.allocate(length);
            if (!key)
                return key.error();
            if (auto read = source.readExact(key->bytes()); !read)
                return read.error();
            inner.key = std::move(key.value());
            break;
        }
        case kdbx::InnerHeaderField::Binary: {
            if (length == 0)
                return Error{ErrorCode::FileDamaged,
                             "An attachment in the inner header has no flags byte: the file is "
                             "damaged."};
            std::uint8_t flags = 0;
            if (auto read = source.readExact(std::span(&flags, 1)); !read)
                return read.error();
            // Grown as the bytes arrive, so a damaged length cannot allocate more than there is.
            auto data = arena.allocate(0);
            if (!data)
                return data.error();
            SecretBuffer& buffer = data.value();
            auto appended = source.consume(length - 1, [&buffer](SecretSpan piece) -> Result<void> {
                const std::size_t old = buffer.size();
                if (auto grown = buffer.resize(old + piece.size()); !grown)
                    return grown.error();
                std::memcpy(buffer.data() + old, piece.data(), piece.size());
                return {};
            });
            if (!appended)
                return appended.error();
            const SecretSpan stored = database.pool().adopt(std::move(buffer));
            database.binaries.push_back(
                KdbxBinary{stored, (flags & kdbx::binaryFlagProtected) != 0});
            break;
        }
        default: // unknown fields are skipped
            if (auto skipped = source.consume(length, [](SecretSpan) { return Result<void>(); });
                !skipped)
                return skipped.error();
            break;
        }
    }
}

} // namespace

Result<KdbxDatabase> KdbxPayloadReader::read(SecretArena& arena, const Input& input,
                                             const KdbxReadOptions& options)
{
    KdbxDatabase database(arena);
    const bool kdbx4 = (input.version >> 16) >= 4;
    PlaintextSource source(input.payload);
    if (input.compressed)
        if (auto started = source.startInflating(arena, options.maxInflatedBytes); !started)
            return started.error();

    kdbx::InnerStreamAlgorithm algorithm = input.innerStream;
    SecretBuffer innerKey;
    std::span<const std::uint8_t> key = input.innerStreamKey;
    if (kdbx4) {
        auto inner = readInnerHeader(source, database);
        if (!inner)
            return inner.error();
        algorithm = inner->algorithm;
        innerKey = std::move(inner->key);
        key = innerKey.bytes();
    }
    auto stream = InnerRandomStream::create(arena, algorithm, key);
    if (!stream)
        return stream.error();

    KdbxXmlReader::Settings settings;
    settings.kdbx4 = kdbx4;
    settings.maxDepth = options.maxXmlDepth;
    settings.maxBinaryBytes = options.maxInflatedBytes;
    if (!kdbx4)
        settings.headerHash = input.headerHash;
    {
        auto xml = KdbxXmlReader::create(database, *stream, settings);
        if (!xml)
            return xml.error();
        for (;;) {
            auto piece = source.next();
            if (!piece)
                return piece.error();
            if (auto fed = (*xml)->feed(*piece, piece->empty()); !fed)
                return fed.error();
            if (piece->empty())
                break;
        }
        if (auto finished = (*xml)->finish(); !finished)
            return finished.error();
    }
    applyRecycleBin(database, options.keepRecycleBin);
    return database;
}

void KdbxPayloadReader::applyRecycleBin(KdbxDatabase& database, bool keep)
{
    std::vector<KdbxGroup>& groups = database.groups;
    if (database.recycleBin.isNull())
        return;
    std::size_t bin = 0;
    while (bin < groups.size() && groups[bin].uuid != database.recycleBin)
        ++bin;
    if (bin == 0 || bin == groups.size())
        return; // no such group, or the root itself: nothing to leave out
    std::vector<std::uint32_t> pending{static_cast<std::uint32_t>(bin)};
    while (!pending.empty()) {
        const std::uint32_t index = pending.back();
        pending.pop_back();
        groups[index].inRecycleBin = true;
        pending.insert(pending.end(), groups[index].groups.begin(), groups[index].groups.end());
    }
    if (keep)
        return;

    constexpr std::uint32_t removed = UINT32_MAX;
    std::vector<std::uint32_t> groupIndex(groups.size(), removed);
    std::vector<KdbxGroup> keptGroups;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        if (groups[i].inRecycleBin) {
            ++database.skipped.recycleBinGroups;
            continue;
        }
        groupIndex[i] = static_cast<std::uint32_t>(keptGroups.size());
        keptGroups.push_back(std::move(groups[i]));
    }
    std::vector<std::uint32_t> entryIndex(database.entries.size(), removed);
    std::vector<KdbxEntry> keptEntries;
    for (std::size_t i = 0; i < database.entries.size(); ++i) {
        KdbxEntry& entry = database.entries[i];
        if (groupIndex[entry.group] == removed) {
            ++database.skipped.recycleBinEntries;
            continue;
        }
        entry.group = groupIndex[entry.group];
        for (KdbxEntry& version : entry.history)
            version.group = entry.group;
        entryIndex[i] = static_cast<std::uint32_t>(keptEntries.size());
        keptEntries.push_back(std::move(entry));
    }
    auto remap = [](std::vector<std::uint32_t>& list, const std::vector<std::uint32_t>& to) {
        std::vector<std::uint32_t> mapped;
        for (const std::uint32_t old : list)
            if (to[old] != removed)
                mapped.push_back(to[old]);
        list = std::move(mapped);
    };
    for (KdbxGroup& group : keptGroups) {
        if (group.parent)
            group.parent = groupIndex[*group.parent];
        remap(group.groups, groupIndex);
        remap(group.entries, entryIndex);
    }
    groups = std::move(keptGroups);
    database.entries = std::move(keptEntries);
}

} // namespace arcanum
