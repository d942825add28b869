// libFuzzer target: the KeePass (KDBX) reader — KdbxHeader::parse on any bytes, and
// KdbxPayloadReader (inner header, gzip, expat, the model) on any decrypted payload.
//
// Real decryption stops every mutated ciphertext at an HMAC, so the first byte chooses:
// - 0x03, the first byte of the KDBX signature: a whole file. KdbxHeader::parse must accept or
//   give an error with a message; what it accepts must describe itself, and a KDBX 4 header must
//   serialize back to a header that parses to the same values. A file whose KDF is cheap (the
//   seeds made by make-kdbx-fuzz-seeds) also goes through KdbxReader::read with the password
//   "fuzz".
// - anything else: a flags byte, then a decrypted payload (0x10: KDBX 4 with an inner header,
//   else KDBX 3.1, whose Salsa20 inner-stream key, 32 bytes, comes first; 0x20: gzip-compressed;
//   0x40: keep the recycle bin; so the seeds of compressed KDBX 4 files start with 0x30). It is
//   copied into an arena and read under small limits (2 MiB inflated, depth 32). Whatever reads
//   must be consistent — every index in range, every span inside the arena — and must survive
//   KdbxWriter and KdbxReader unchanged (same groups, entries, fields, history, attachments and
//   custom data).
// Any violation aborts, which libFuzzer reports as a crash with the input that caused it.
#include "kdbx/KdbxPayloadReader.h"
#include "kdbx/KdbxReader.h"
#include "kdbx/KdbxWriter.h"
#include "secret/SecretArena.h"

#include <cstdlib>
#include <cstring>
#include <sodium.h>

using namespace arcanum;

namespace {

constexpr char seedPassword[] = "fuzz";
constexpr std::size_t kdbx3StreamKeyBytes = 32;

void check(bool condition)
{
    if (!condition)
        std::abort();
}

template <typename T>
T checked(Result<T> result)
{
    check(result.ok());
    return std::move(result.value());
}

SecretArena& arena()
{
    static std::unique_ptr<SecretArena> instance = checked(SecretArena::create());
    return *instance;
}

const KdbxKey& fuzzKey()
{
    static SecretBuffer password = checked(arena().copyOf(
        SecretSpan(reinterpret_cast<const std::uint8_t*>(seedPassword), sizeof seedPassword - 1)));
    static KdbxKey key = checked(KdbxKey::fromPassword(arena(), password.span()));
    return key;
}

bool sameBytes(SecretSpan a, SecretSpan b)
{
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size()) == 0);
}

void checkSpan(SecretSpan span)
{
    if (!span.empty())
        check(arena().contains(span.data()) && arena().contains(span.data() + span.size() - 1));
}

void checkEntry(const KdbxDatabase& database, const KdbxEntry& entry, bool isHistory)
{
    check(entry.group < database.groups.size());
    check(!entry.uuid.isNull());
    checkSpan(entry.tags);
    for (const KdbxString& string : entry.strings) {
        checkSpan(string.key);
        checkSpan(string.value);
    }
    for (const KdbxAttachment& attachment : entry.attachments) {
        checkSpan(attachment.name);
        check(attachment.binary < database.binaries.size());
    }
    for (const KdbxCustomDataItem& item : entry.customData) {
        checkSpan(item.key);
        checkSpan(item.value);
    }
    check(!isHistory || entry.history.empty());
    for (const KdbxEntry& version : entry.history) {
        check(version.uuid == entry.uuid);
        checkEntry(database, version, true);
    }
    entry.forEachTag([](SecretSpan tag) { checkSpan(tag); });
}

void checkConsistent(const KdbxDatabase& database)
{
    check(!database.groups.empty());
    check(!database.groups[0].parent);
    std::size_t listedEntries = 0;
    for (std::size_t i = 0; i < database.groups.size(); ++i) {
        const KdbxGroup& group = database.groups[i];
        check(!group.uuid.isNull());
        checkSpan(group.name);
        checkSpan(group.notes);
        check(i == 0 || (group.parent && *group.parent < i)); // parents come first
        for (const std::uint32_t child : group.groups)
            check(child < database.groups.size() && database.groups[child].parent == i);
        for (const std::uint32_t entry : group.entries)
            check(entry < database.entries.size() && database.entries[entry].group == i);
        listedEntries += group.entries.size();
    }
    check(listedEntries == database.entries.size());
    for (const KdbxEntry& entry : database.entries)
        checkEntry(database, entry, false);
    for (const KdbxBinary& binary : database.binaries)
        checkSpan(binary.data);
    for (const KdbxCustomDataItem& item : database.customData) {
        checkSpan(item.key);
        checkSpan(item.value);
    }
    checkSpan(database.name);
}

void checkSameEntry(const KdbxDatabase& a, const KdbxEntry& x, const KdbxDatabase& b,
                    const KdbxEntry& y)
{
    check(x.uuid == y.uuid && x.group == y.group && sameBytes(x.tags, y.tags));
    check(x.times.created == y.times.created && x.times.modified == y.times.modified &&
          x.times.expiry == y.times.expiry && x.times.expires == y.times.expires);
    check(x.strings.size() == y.strings.size());
    for (std::size_t i = 0; i < x.strings.size(); ++i)
        check(sameBytes(x.strings[i].key, y.strings[i].key) &&
              sameBytes(x.strings[i].value, y.strings[i].value) &&
              (!x.strings[i].isProtected || y.strings[i].isProtected));
    check(x.attachments.size() == y.attachments.size());
    for (std::size_t i = 0; i < x.attachments.size(); ++i)
        check(sameBytes(x.attachments[i].name, y.attachments[i].name) &&
              sameBytes(a.binaries[x.attachments[i].binary].data,
                        b.binaries[y.attachments[i].binary].data));
    check(x.customData.size() == y.customData.size());
    check(x.history.size() == y.history.size());
    for (std::size_t i = 0; i < x.history.size(); ++i)
        checkSameEntry(a, x.history[i], b, y.history[i]);
}

// What was read, written by KdbxWriter and read back, is the same database.
void checkRoundTrip(const KdbxDatabase& database, bool keptRecycleBin)
{
    KdbxWriteOptions options;
    options.kdf = KdbxKdfParameters::argon2(KdbxKdfParameters::Algorithm::Argon2id, 8 * 1024, 1, 1);
    auto file = KdbxWriter::write(arena(), database, fuzzKey(), options);
    check(file.ok());
    KdbxReadOptions readOptions;
    readOptions.keepRecycleBin = keptRecycleBin;
    auto again = KdbxReader::read(arena(), *file, fuzzKey(), readOptions);
    check(again.ok());
    checkConsistent(*again);
    // A recycle bin that was skipped is gone from both; one that was kept is still marked.
    check(again->groups.size() == database.groups.size());
    check(again->entries.size() == database.entries.size());
    check(again->customData.size() == database.customData.size());
    check(sameBytes(again->name, database.name));
    // Groups come back in the same (depth-first) order. Entries are written group by group, so
    // a file that interleaved entries and subgroups differently reads back in another overall
    // order: compare them group by group.
    for (std::size_t i = 0; i < database.groups.size(); ++i) {
        const KdbxGroup& before = database.groups[i];
        const KdbxGroup& after = again->groups[i];
        check(after.uuid == before.uuid && sameBytes(after.name, before.name) &&
              sameBytes(after.notes, before.notes) && after.parent == before.parent &&
              after.groups == before.groups && after.entries.size() == before.entries.size());
        for (std::size_t k = 0; k < before.entries.size(); ++k)
            checkSameEntry(database, database.entries[before.entries[k]], *again,
                           again->entries[after.entries[k]]);
    }
}

void fuzzPayload(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return;
    const std::uint8_t flags = data[0];
    const bool kdbx4 = (flags & 0x10) != 0;
    std::size_t at = 1;
    KdbxPayloadReader::Input input;
    if (!kdbx4) {
        if (size < at + kdbx3StreamKeyBytes)
            return;
        input.innerStreamKey = std::span(data + at, kdbx3StreamKeyBytes); // public in KDBX 3
        at += kdbx3StreamKeyBytes;
    }
    SecretBuffer payload = checked(arena().copyOf(SecretSpan(data + at, size - at)));
    input.version = kdbx4 ? kdbx::version40 : kdbx::version31;
    input.compressed = (flags & 0x20) != 0;
    input.payload = payload.span();
    input.innerStream = kdbx::InnerStreamAlgorithm::Salsa20;
    KdbxReadOptions options;
    options.keepRecycleBin = (flags & 0x40) != 0;
    options.maxInflatedBytes = 2 * 1024 * 1024;
    options.maxXmlDepth = 32;
    auto database = KdbxPayloadReader::read(arena(), input, options);
    if (!database) {
        check(!database.error().message.empty());
        return;
    }
    checkConsistent(*database);
    checkRoundTrip(*database, options.keepRecycleBin);
}

void fuzzFile(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::uint8_t> file(data, size);
    auto header = KdbxHeader::parse(file);
    if (!header) {
        check(!header.error().message.empty());
        return;
    }
    check(!header->describe().empty());
    if (header->isKdbx4()) {
        std::vector<std::uint8_t> again = header->serialize();
        again.resize(again.size() + 64);
        crypto_hash_sha256(again.data() + again.size() - 64, again.data(), again.size() - 64);
        auto reparsed = KdbxHeader::parse(again);
        check(reparsed.ok());
        check(reparsed->cipher == header->cipher && reparsed->masterSeed == header->masterSeed &&
              reparsed->encryptionIv == header->encryptionIv &&
              reparsed->kdf.describe() == header->kdf.describe());
    }
    const KdbxKdfParameters& kdf = header->kdf;
    const bool cheap = kdf.algorithm == KdbxKdfParameters::Algorithm::AesKdf
                           ? kdf.aesRounds <= 1000
                           : kdf.memoryBytes <= 64 * 1024 && kdf.iterations <= 2;
    if (!cheap)
        return;
    auto database = KdbxReader::read(arena(), file, fuzzKey());
    if (!database) {
        check(!database.error().message.empty());
        return;
    }
    checkConsistent(*database);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size > 0 && data[0] == 0x03)
        fuzzFile(data, size);
    else
        fuzzPayload(data, size);
    return 0;
}
