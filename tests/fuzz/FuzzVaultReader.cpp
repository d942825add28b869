// libFuzzer target: the vault file reader — VaultHeader::parse on any bytes, and the payload
// parsers on any decrypted payload: VaultContents::load (format version 2) and
// VaultContents::loadVersion1 (PayloadUpgrade's in-place conversion of a version-1 payload).
//
// Real decryption would stop every mutated input at the authentication tag, so the input is
// read two ways, chosen by its first byte (no prefix: the seed files are plain vault files and
// plain payloads):
// - 0x89, the first byte of the magic: a whole vault file (version 1 or 2). VaultHeader::parse,
//   and what it accepts must serialize back to the same 144 bytes. A file whose Argon2 cost is
//   tiny (the seeds made by make-fuzz-seeds) also goes through Vault::open with the seeds'
//   password.
// - anything else: a decrypted payload, read both as version 2 and as version 1, each copied
//   into an arena buffer and loaded in place. Then every EntryView / GroupView /
//   AssociationView accessor runs on whatever loaded, every span must lie inside the payload,
//   every entry must be found by its own fields, every attachment's data must exist, the sort
//   must order, an edit, a site decision and a deletion must leave something the reader
//   accepts, serialize() must round-trip, and a payload that loads must also open through
//   Vault::open once sealed with a fixed key (as version 2, or as version 1 for the version-1
//   reading). A version-1 reading must also agree with a plain version-1 walk of the input on
//   the entries and their titles.
// Any violation aborts, which libFuzzer reports as a crash with the input that caused it.
#include "Version1Writer.h"
#include "format/VaultHeader.h"
#include "format/VaultKeys.h"
#include "secret/SecretArena.h"
#include "text/CaseFold.h"
#include "text/SearchQuery.h"
#include "vault/Vault.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <numeric>
#include <string>
#include <unistd.h>
#include <vector>

using namespace arcanum;

namespace {

// The password of the seeds that make-fuzz-seeds seals; public test data.
constexpr char seedPassword[] = "fuzz";
// Vault::open runs Argon2id for real: only on files whose cost is at most this.
constexpr std::uint32_t maxFuzzedKdfKiB = 64;
// Per-entry checks that cost a search of the whole vault stop after this many entries (more
// cost runs and find nothing the first ones would not).
constexpr std::size_t checkedEntries = 8;

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

SecretBuffer copyIntoArena(SecretSpan bytes)
{
    return checked(arena().copyOf(bytes));
}

const SecretBuffer& password()
{
    static SecretBuffer buffer = copyIntoArena(
        SecretSpan(reinterpret_cast<const std::uint8_t*>(seedPassword), sizeof seedPassword - 1));
    return buffer;
}

// A private folder for the files Vault::open reads.
const std::string& vaultPath()
{
    static const std::string path = [] {
        const char* tmp = std::getenv("TMPDIR");
        std::string pattern = std::string(tmp ? tmp : "/tmp") + "/fuzz-vault-XXXXXX";
        check(mkdtemp(pattern.data()) != nullptr);
        return pattern + "/fuzz.arcanum";
    }();
    return path;
}

void writeFile(std::span<const std::uint8_t> bytes)
{
    std::ofstream out(vaultPath(), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    check(out.good());
}

// The keys for sealing payloads: derived once, with the cheapest parameters the format allows.
const Argon2Params& sealingKdf()
{
    static const Argon2Params params =
        Argon2Params::withRandomSalt(Argon2Params::minMemoryKiB, 1, 1);
    return params;
}

const VaultKeys& sealingKeys()
{
    static const VaultKeys keys =
        checked(VaultKeys::derive(password().span(), sealingKdf(), arena()));
    return keys;
}

class PayloadChecker
{
public:
    // `payload`: where the loaded payload lives (VaultContents owns the buffer by then).
    explicit PayloadChecker(SecretSpan payload) : m_payload(payload) {}

    void checkSpan(SecretSpan span) const
    {
        if (span.data() == nullptr) {
            check(span.empty());
            return;
        }
        check(span.data() >= m_payload.data() && span.end() <= m_payload.data() + m_payload.size());
    }

    void checkEntry(const EntryView& entry, int depth) const
    {
        checkSpan(entry.recordValue());
        (void)entry.id();
        (void)entry.group();
        (void)entry.created();
        (void)entry.modified();
        (void)entry.expires();
        (void)entry.allowsHttp();
        (void)entry.isHiddenFromBrowser();
        for (EntryField field : {EntryField::Title, EntryField::Username, EntryField::Password,
                                 EntryField::Url, EntryField::Notes, EntryField::Totp})
            checkSpan(entry.field(field));
        for (SecretSpan span : {entry.title(), entry.username(), entry.password(), entry.url(),
                                entry.notes(), entry.totp()})
            checkSpan(span);
        entry.forEachUrl([&](SecretSpan url) { checkSpan(url); });
        entry.forEachTag([&](SecretSpan tag) { checkSpan(tag); });
        entry.forEachCustomField([&](const EntryView::CustomField& field) {
            checkSpan(field.name);
            checkSpan(field.value);
        });
        std::size_t attachments = 0;
        entry.forEachAttachment([&](const EntryView::Attachment& attachment) {
            checkSpan(attachment.name);
            check(!attachment.data.isNull());
            ++attachments;
        });
        check(entry.attachmentCount() == attachments);
        entry.forEachSiteAccess([&](const EntryView::SiteAccess& access) {
            check(depth == 0); // validate() refuses site access inside history
            checkSpan(access.site);
            check(entry.siteAccess(access.site) == access.decision); // sites are distinct
        });
        std::size_t versions = 0;
        entry.forEachHistory([&](const EntryView& older) {
            check(depth == 0); // validate() refuses history inside history
            checkEntry(older, depth + 1);
            ++versions;
        });
        check(entry.historyCount() == versions);
        entry.forEachRecord([&](const Record& record) {
            checkSpan(record.value);
            checkSpan(record.whole);
        });
    }

private:
    SecretSpan m_payload;
};

// An entry must be found by any whole field the search covers.
void checkFoundBy(const VaultContents& contents, std::size_t index, SecretSpan text)
{
    SecretBuffer term = copyIntoArena(text);
    const SearchQuery query = checked(SearchQuery::create(term.span(), arena()));
    const std::vector<std::size_t> found = contents.search(query);
    check(std::find(found.begin(), found.end(), index) != found.end());
}

void checkSearchAndSort(const VaultContents& contents)
{
    const std::size_t count = contents.entryCount();
    for (std::size_t i = 0; i < count && i < checkedEntries; ++i) {
        const EntryView entry = contents.entry(i);
        check(contents.findEntry(entry.id()) == i); // ids are unique
        for (SecretSpan field : {entry.title(), entry.username(), entry.notes()})
            checkFoundBy(contents, i, field);
        entry.forEachUrl([&](SecretSpan url) { checkFoundBy(contents, i, url); });
        entry.forEachTag([&](SecretSpan tag) { checkFoundBy(contents, i, tag); });
        const std::vector<std::size_t> sameTitle = contents.findByTitle(entry.title());
        check(std::find(sameTitle.begin(), sameTitle.end(), i) != sameTitle.end());
        if (!entry.group().isNull()) {
            SecretBuffer empty = copyIntoArena({});
            const SearchQuery all = checked(SearchQuery::create(empty.span(), arena()));
            const auto inGroup = contents.search(all, entry.group());
            check(std::find(inGroup.begin(), inGroup.end(), i) != inGroup.end());
        }
    }
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), std::size_t(0));
    contents.sortByTitle(order);
    for (std::size_t i = 1; i < order.size(); ++i)
        check(CaseFold::compare(contents.entry(order[i - 1]).title(),
                                contents.entry(order[i]).title()) <= 0);
    std::sort(order.begin(), order.end());
    for (std::size_t i = 0; i < order.size(); ++i)
        check(order[i] == i); // a permutation
}

// serialize() -> load() keeps every item, and serializing that again gives the same bytes.
void checkRoundTrip(const VaultContents& contents)
{
    SecretBuffer bytes = checked(contents.serialize());
    check(bytes.size() == contents.payloadBytes());
    SecretBuffer copy = copyIntoArena(bytes.span());
    const VaultContents again = checked(VaultContents::load(std::move(bytes), arena()));
    check(again.entryCount() == contents.entryCount());
    check(again.groupCount() == contents.groupCount());
    check(again.tombstoneCount() == contents.tombstoneCount());
    check(again.associationCount() == contents.associationCount());
    check(again.attachmentDataCount() == contents.attachmentDataCount());
    check(again.identity() == contents.identity());
    SecretBuffer twice = checked(again.serialize());
    check(twice.size() == copy.size() &&
          (copy.empty() || std::memcmp(twice.data(), copy.data(), copy.size()) == 0));
}

// Editing, deciding for a site and deleting what a hostile file held must leave a payload the
// reader accepts.
void checkEdits(VaultContents& contents)
{
    if (contents.associationCount() > 0) {
        SecretBuffer name = copyIntoArena(contents.association(0).name());
        check(contents.touchAssociation(name.span()).ok());
        check(contents.addAssociation(name.span(), contents.association(0).key()).error().code ==
              ErrorCode::AlreadyExists);
        check(contents.removeAssociation(name.span()).ok());
        check(!contents.findAssociation(name.span()));
    }
    if (contents.entryCount() == 0) {
        checkRoundTrip(contents);
        return;
    }
    const EntryId id = contents.entry(0).id();
    const std::int64_t modified = contents.entry(0).modified();
    const std::size_t versions = contents.entry(0).historyCount();
    static const std::uint8_t siteText[] = "https://fuzz.example:443";
    SecretBuffer site = copyIntoArena(SecretSpan(siteText, sizeof siteText - 1));
    check(contents.setSiteAccess(id, site.span(), SiteDecision::Deny).ok());
    const EntryView decided = contents.entry(0);
    check(decided.siteAccess(site.span()) == SiteDecision::Deny);
    check(decided.modified() == modified && decided.historyCount() == versions);
    checkRoundTrip(contents);
    auto draft = checked(EntryDraft::fromEntry(contents.entry(0), arena()));
    auto updated = contents.updateEntry(id, draft);
    check(updated.ok() || updated.error().code == ErrorCode::NotFound); // its group may be gone
    if (updated)
        check(contents.entry(0).siteAccess(site.span()) == SiteDecision::Deny);
    check(contents.removeEntry(id).ok());
    check(!contents.findEntry(id));
    checkRoundTrip(contents);
}

// Sealed with a fixed key, the payload opens through the whole of Vault::open.
void checkVaultOpen(const SecretBuffer& payload, std::size_t entries, bool version1)
{
    writeFile(version1
                  ? test::sealVersion1(payload.span(), sealingKeys(), sealingKdf())
                  : checked(Vault::sealFile(payload.span(), sealingKeys(), sealingKdf(), arena())));
    auto vault = checked(Vault::open(vaultPath(), password().span()));
    check(vault->contents().entryCount() == entries);
    check(vault->formatVersion() == (version1 ? 1 : 2));
}

// What loaded: every accessor, spans in the payload, search, sort, round trip, a whole open,
// edits.
void checkLoaded(VaultContents& contents, const PayloadChecker& checker,
                 const SecretBuffer& original, bool version1)
{
    (void)contents.historyLimit();
    (void)contents.createdAt();
    check(contents.identity() != (std::array<std::uint8_t, 16>{}));
    for (std::size_t i = 0; i < contents.entryCount(); ++i) {
        const EntryView entry = contents.entry(i);
        checker.checkEntry(entry, 0);
        std::vector<EntryId> data;
        entry.collectAttachmentData(data);
        for (const EntryId& id : data) // every reference resolves (load() checked it)
            check(contents.attachmentData(id).data() != nullptr ||
                  contents.attachmentDataCount() > 0);
    }
    for (std::size_t i = 0; i < contents.groupCount(); ++i) {
        const GroupView group = contents.group(i);
        checker.checkSpan(group.name());
        (void)group.parent();
        (void)group.modified();
        if (i < checkedEntries)
            check(contents.findGroup(group.id()).has_value());
    }
    for (std::size_t i = 0; i < contents.associationCount(); ++i) {
        const AssociationView association = contents.association(i);
        checker.checkSpan(association.name());
        check(association.key().size() == AssociationView::keyBytes);
        (void)association.created();
        (void)association.lastUsed();
        check(contents.findAssociation(association.name()) == i); // names are distinct
    }
    checkSearchAndSort(contents);
    checkRoundTrip(contents);
    checkVaultOpen(original, contents.entryCount(), version1);
    checkEdits(contents);
}

void fuzzPayload(const std::uint8_t* data, std::size_t size)
{
    const SecretBuffer original = copyIntoArena(SecretSpan(data, size));
    SecretBuffer payload = copyIntoArena(original.span());
    const PayloadChecker checker(payload.span());
    auto loaded = VaultContents::load(std::move(payload), arena());
    if (!loaded) {
        check(!loaded.error().message.empty());
        return;
    }
    check(loaded->payloadBytes() == size); // the reader consumed every byte
    checkLoaded(*loaded, checker, original, false);
}

// A plain walk of a version-1 payload (u32 lengths): the top-level entries' titles, or nothing
// when the framing is broken.
std::optional<std::vector<SecretSpan>> version1Titles(SecretSpan payload)
{
    const auto walk = [](SecretSpan records, const auto& onRecord) {
        for (std::size_t at = 0; at < records.size();) {
            if (records.size() - at < 5)
                return false;
            const std::uint32_t length = RecordReader::readU32(records.data() + at + 1);
            if (length > records.size() - at - 5)
                return false;
            onRecord(records[at], records.sub(at + 5, length));
            at += 5 + std::size_t(length);
        }
        return true;
    };
    std::vector<SecretSpan> titles;
    bool framed = true;
    framed = walk(payload,
                  [&](std::uint8_t tag, SecretSpan value) {
                      if (tag != tags::entry)
                          return;
                      SecretSpan title;
                      bool found = false;
                      framed = walk(value,
                                    [&](std::uint8_t field, SecretSpan text) {
                                        if (field == tags::title && !found) {
                                            title = text;
                                            found = true;
                                        }
                                    }) &&
                               framed;
                      titles.push_back(title);
                  }) &&
             framed;
    if (!framed)
        return std::nullopt;
    return titles;
}

void fuzzVersion1Payload(const std::uint8_t* data, std::size_t size)
{
    const SecretBuffer original = copyIntoArena(SecretSpan(data, size));
    SecretBuffer payload = copyIntoArena(original.span());
    const PayloadChecker checker(payload.span());
    auto loaded = VaultContents::loadVersion1(std::move(payload), arena());
    if (!loaded) {
        check(!loaded.error().message.empty());
        return;
    }
    check(!loaded->isModified());
    // Never longer, but for the identity the upgrade adds to meta (18 bytes, and 1 more of
    // meta's length).
    check(loaded->payloadBytes() <= size + 19);
    // The conversion kept every entry, in order, and its title.
    const auto titles = version1Titles(original.span());
    check(titles.has_value() && titles->size() == loaded->entryCount());
    for (std::size_t i = 0; i < titles->size(); ++i) {
        const SecretSpan title = loaded->entry(i).title();
        check(title.size() == (*titles)[i].size() &&
              std::equal(title.begin(), title.end(), (*titles)[i].begin()));
    }
    checkLoaded(*loaded, checker, original, true);
}

void fuzzFile(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::uint8_t> file(data, size);
    auto header = VaultHeader::parse(file);
    if (!header) {
        check(!header.error().message.empty());
        return;
    }
    const auto again = header->serialize();
    check(std::memcmp(again.data(), data, VaultHeader::size) == 0);
    if (header->kdf.memoryKiB > maxFuzzedKdfKiB || header->kdf.iterations > 1)
        return;
    writeFile(file);
    auto vault = Vault::open(vaultPath(), password().span());
    if (!vault)
        check(!vault.error().message.empty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size > 0 && data[0] == VaultHeader::magic[0]) {
        fuzzFile(data, size);
    } else {
        fuzzPayload(data, size);
        fuzzVersion1Payload(data, size);
    }
    return 0;
}
