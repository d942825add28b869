// Tests for PayloadUpgrade: a version-1 payload becomes version 2 in place (docs/FORMAT.md §8,
// §9) — every value kept, times shortened, no second copy of the payload, the freed tail wiped —
// and version 1's rules give version 1's errors, including for tags that only version 2 knows.
#include "TestSupport.h"
#include "Version1Writer.h"
#include "vault/PayloadUpgrade.h"
#include "vault/Tags.h"
#include "vault/VaultContents.h"

#include <functional>

using namespace arcanum;
using namespace arcanum::test;

Q_DECLARE_METATYPE(arcanum::ErrorCode)

namespace {

using Build = std::function<void(Version1Payload&, SecretArena&)>;

void text(Version1Payload& writer, SecretArena& arena, std::uint8_t tag, const char* value)
{
    writer.add(tag, secret(arena, value).span());
}

void meta(Version1Payload& writer, std::uint64_t created = 1700000000000)
{
    const std::size_t mark = writer.begin(tags::meta);
    writer.addU64(tags::metaCreated, created);
    writer.addU32(tags::metaHistoryLimit, 10);
    writer.end(mark);
}

void id(Version1Payload& writer, std::uint8_t tag, const EntryId& value = EntryId::random())
{
    writer.addBytes(tag, value.bytes().data(), EntryId::size);
}

// One entry of a version-1 writer, with `more` inside.
void entry(Version1Payload& writer, const std::function<void()>& more = {})
{
    const std::size_t mark = writer.begin(tags::entry);
    id(writer, tags::entryId);
    if (more)
        more();
    writer.end(mark);
}

} // namespace

class TestPayloadUpgrade : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

    // A version-1 payload with every kind of record version 1 had, values at every boundary of
    // the version-2 length encoding (127/128 bytes: 1/2 bytes; 16,383/16,384: 2/3 bytes) and
    // records of a newer version at every level.
    SecretBuffer everyVersion1Field(const EntryId& groupId, const EntryId& entryId)
    {
        SecretArena& a = *m_arena;
        Version1Payload w(a);
        {
            const std::size_t mark = w.begin(tags::meta);
            w.addU64(tags::metaCreated, 1600000000123);
            w.addU32(tags::metaHistoryLimit, 7);
            text(w, a, tags::metaName, "Family vault");
            text(w, a, 0x85, "a newer version's setting");
            w.end(mark);
        }
        {
            const std::size_t mark = w.begin(tags::group);
            id(w, tags::groupId, groupId);
            id(w, tags::groupParent, EntryId()); // version 1 wrote zero for "top level"
            text(w, a, tags::groupName, "Groupe — Ünïcode");
            w.addU64(tags::groupModified, 1600000000456);
            w.end(mark);
        }
        {
            const std::size_t mark = w.begin(tags::entry);
            id(w, tags::entryId, entryId);
            id(w, tags::entryGroup, groupId);
            w.addU64(tags::entryCreated, 1600000000000);
            w.addU64(tags::entryModified, 1600000000999);
            text(w, a, tags::title, std::string(127, 't').c_str());
            text(w, a, tags::username, std::string(128, 'u').c_str());
            text(w, a, tags::password, std::string(16383, 'p').c_str());
            text(w, a, tags::url, "https://one.example");
            text(w, a, tags::url, "https://two.example");
            text(w, a, tags::notes, std::string(16384, 'n').c_str());
            text(w, a, tags::totp, "otpauth://totp/x?secret=AAAA");
            text(w, a, tags::tag, "t1");
            text(w, a, tags::tag, "");
            const std::size_t custom = w.begin(tags::customField);
            text(w, a, tags::customName, "PIN");
            text(w, a, tags::customValue, "1234");
            w.addU8(tags::customFlags, 1);
            text(w, a, 0x99, "newer custom-field data");
            w.end(custom);
            text(w, a, 0x91, "a newer version's field");
            const std::size_t history = w.begin(tags::history);
            for (const char* password : {"older", "oldest"}) {
                const std::size_t version = w.begin(tags::entry);
                id(w, tags::entryId, entryId);
                w.addU64(tags::entryModified, 1500000000000);
                text(w, a, tags::password, password);
                w.end(version);
            }
            w.end(history);
            w.end(mark);
        }
        {
            const std::size_t mark = w.begin(tags::tombstone);
            id(w, tags::tombstoneId);
            w.addU64(tags::tombstoneDeleted, 1600000000777);
            w.end(mark);
        }
        text(w, a, 0x90, "a newer version's top-level record");
        return w.finish();
    }

private slots:
    void initTestCase() { m_arena = makeArena(); }

    void convertsInPlaceAndWipesTheTail()
    {
        SecretBuffer payload = everyVersion1Field(EntryId::random(), EntryId::random());
        QVERIFY(!payload.isNull());
        const std::size_t v1Size = payload.size();
        const std::uint8_t* where = payload.data();
        const std::size_t usedBefore = m_arena->usedBytes();
        ARCANUM_VERIFY_OK(PayloadUpgrade::fromVersion1(payload));
        QCOMPARE(payload.data(), where);            // in place
        QCOMPARE(m_arena->usedBytes(), usedBefore); // no second copy in the arena
        QVERIFY(payload.size() < v1Size);
        // The freed tail (still inside this buffer's allocation) is wiped.
        for (std::size_t i = payload.size(); i < v1Size; ++i)
            QCOMPARE(payload.data()[i], std::uint8_t(0));
        // What is left is a version-2 payload (but for its identity).
        RecordReader reader(payload.span());
        Record record;
        std::size_t records = 0;
        while (reader.next(record))
            ++records;
        QVERIFY(!reader.damaged());
        QCOMPARE(records, std::size_t(5));
    }

    void convertedPayloadReadsAsVersion2()
    {
        const EntryId groupId = EntryId::random(), entryId = EntryId::random();
        auto contents = VaultContents::loadVersion1(everyVersion1Field(groupId, entryId), *m_arena);
        ARCANUM_VERIFY_OK(contents);
        QVERIFY(!contents->isModified());
        QVERIFY(contents->identity() != (std::array<std::uint8_t, 16>{}));
        QCOMPARE(contents->createdAt(), std::int64_t(1600000000123));
        QCOMPARE(contents->historyLimit(), std::uint32_t(7));
        QCOMPARE(contents->groupCount(), std::size_t(1));
        QVERIFY(equals(contents->group(0).name(), "Groupe — Ünïcode"));
        QCOMPARE(contents->group(0).modified(), std::int64_t(1600000000456));
        QVERIFY(contents->group(0).parent().isNull());
        QCOMPARE(contents->tombstoneCount(), std::size_t(1));
        QCOMPARE(contents->entryCount(), std::size_t(1));
        const EntryView view = contents->entry(0);
        QCOMPARE(view.id(), entryId);
        QCOMPARE(view.group(), groupId);
        QCOMPARE(view.created(), std::int64_t(1600000000000));
        QCOMPARE(view.modified(), std::int64_t(1600000000999));
        QVERIFY(equals(view.title(), std::string(127, 't').c_str()));
        QVERIFY(equals(view.username(), std::string(128, 'u').c_str()));
        QVERIFY(equals(view.password(), std::string(16383, 'p').c_str()));
        QVERIFY(equals(view.notes(), std::string(16384, 'n').c_str()));
        QVERIFY(equals(view.totp(), "otpauth://totp/x?secret=AAAA"));
        int urls = 0, tagCount = 0;
        view.forEachUrl([&](SecretSpan) { ++urls; });
        view.forEachTag([&](SecretSpan) { ++tagCount; });
        QCOMPARE(urls, 2);
        QCOMPARE(tagCount, 2);
        bool custom = false;
        view.forEachCustomField([&](const EntryView::CustomField& field) {
            custom = equals(field.name, "PIN") && equals(field.value, "1234") && field.isProtected;
        });
        QVERIFY(custom);
        QCOMPARE(view.historyCount(), std::size_t(2));
        QVERIFY(equals(view.historyVersion(1)->password(), "oldest"));
        QCOMPARE(view.historyVersion(0)->modified(), std::int64_t(1500000000000));
        int unknown = 0;
        view.forEachRecord([&](const Record& r) { unknown += r.tag == 0x91; });
        QCOMPARE(unknown, 1);
        QVERIFY(!view.expires());
        QCOMPARE(view.autofillFlags(), std::uint8_t(0));

        // It saves and reloads as version 2 like any vault, keeping its new identity.
        auto payload = contents->serialize();
        ARCANUM_VERIFY_OK(payload);
        auto again = VaultContents::load(std::move(payload.value()), *m_arena);
        ARCANUM_VERIFY_OK(again);
        QVERIFY(again->identity() == contents->identity());
        QVERIFY(equals(again->entry(0).password(), std::string(16383, 'p').c_str()));
        QVERIFY(equals(RecordReader::findFirst(again->entry(0).recordValue(), 0x91),
                       "a newer version's field"));
    }

    void timesAreClamped()
    {
        for (const auto& [v1, v2] : {std::pair<std::uint64_t, std::int64_t>{0, 0},
                                     {std::uint64_t(-5), 0}, // a negative time
                                     {1ull << 50, (std::int64_t(1) << 48) - 1},
                                     {(1ull << 48) - 1, (std::int64_t(1) << 48) - 1}}) {
            Version1Payload w(*m_arena);
            meta(w, v1);
            auto contents = VaultContents::loadVersion1(w.finish(), *m_arena);
            ARCANUM_VERIFY_OK(contents);
            QCOMPARE(contents->createdAt(), v2);
        }
    }

    void manyEntriesConvertInPlace()
    {
        Version1Payload w(*m_arena);
        meta(w);
        for (int i = 0; i < 3000; ++i) {
            entry(w, [&] {
                w.addU64(tags::entryModified, 1600000000000 + std::uint64_t(i));
                const std::string title = "Entry " + std::to_string(i);
                text(w, *m_arena, tags::title, title.c_str());
                if (i % 3 == 0) {
                    const std::size_t history = w.begin(tags::history);
                    const std::size_t version = w.begin(tags::entry);
                    id(w, tags::entryId);
                    text(w, *m_arena, tags::title, "older");
                    w.end(version);
                    w.end(history);
                }
            });
        }
        SecretBuffer payload = w.finish();
        const std::size_t before = payload.size();
        auto contents = VaultContents::loadVersion1(std::move(payload), *m_arena);
        ARCANUM_VERIFY_OK(contents);
        QCOMPARE(contents->entryCount(), std::size_t(3000));
        QVERIFY(contents->payloadBytes() < before);
        for (int i : {0, 1, 1234, 2999}) {
            const EntryView view = contents->entry(std::size_t(i));
            QVERIFY(equals(view.title(), ("Entry " + std::to_string(i)).c_str()));
            QCOMPARE(view.modified(), std::int64_t(1600000000000 + i));
            QCOMPARE(view.historyCount(), std::size_t(i % 3 == 0 ? 1 : 0));
        }
    }

    void version1RulesGiveVersion1Errors_data()
    {
        QTest::addColumn<Build>("build");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("a time of 7 bytes") << Build([](Version1Payload& w, SecretArena& a) {
            meta(w);
            entry(w, [&] { text(w, a, tags::entryModified, "1234567"); });
        }) << ErrorCode::FileDamaged;
        QTest::newRow("meta's time of 6 bytes (version 2's size)")
            << Build([](Version1Payload& w, SecretArena& a) {
                   const std::size_t mark = w.begin(tags::meta);
                   text(w, a, tags::metaCreated, "123456");
                   w.end(mark);
               })
            << ErrorCode::FileDamaged;
        QTest::newRow("a record past its container")
            << Build([](Version1Payload& w, SecretArena& a) {
                   meta(w);
                   w.appendRaw(secret(a, "\x03\x10\x00\x00\x00").span());
               })
            << ErrorCode::FileDamaged;
        QTest::newRow("a header cut short") << Build([](Version1Payload& w, SecretArena& a) {
            meta(w);
            w.appendRaw(secret(a, "\x03\x10").span());
        }) << ErrorCode::FileDamaged;
        QTest::newRow("history holding a non-entry")
            << Build([](Version1Payload& w, SecretArena& a) {
                   meta(w);
                   entry(w, [&] {
                       const std::size_t history = w.begin(tags::history);
                       text(w, a, tags::title, "not an entry");
                       w.end(history);
                   });
               })
            << ErrorCode::FileDamaged;
        QTest::newRow("history version without an id (version 1 needed one)")
            << Build([](Version1Payload& w, SecretArena& a) {
                   meta(w);
                   entry(w, [&] {
                       const std::size_t history = w.begin(tags::history);
                       const std::size_t version = w.begin(tags::entry);
                       text(w, a, tags::title, "older");
                       w.end(version);
                       w.end(history);
                   });
               })
            << ErrorCode::FileDamaged;
        QTest::newRow("history inside history") << Build([](Version1Payload& w, SecretArena&) {
            meta(w);
            entry(w, [&] {
                const std::size_t history = w.begin(tags::history);
                const std::size_t version = w.begin(tags::entry);
                const std::size_t inner = w.begin(tags::history);
                w.end(inner);
                w.end(version);
                w.end(history);
            });
        }) << ErrorCode::FileDamaged;
        QTest::newRow("tombstone with an unknown tag")
            << Build([](Version1Payload& w, SecretArena& a) {
                   meta(w);
                   const std::size_t mark = w.begin(tags::tombstone);
                   id(w, tags::tombstoneId);
                   text(w, a, 0x05, "?");
                   w.end(mark);
               })
            << ErrorCode::FileDamaged;
        // Tags version 2 added were unknown to version 1: a version-1 file that has them was
        // written by something else, and must not be read as version 2's fields.
        const std::pair<const char*, std::uint8_t> newerTops[] = {
            {"top-level 0x05 (association in version 2)", tags::association},
            {"top-level 0x06 (attachment data in version 2)", tags::attachmentData}};
        for (const auto& [name, tag] : newerTops)
            QTest::newRow(name) << Build([tag](Version1Payload& w, SecretArena& a) {
                meta(w);
                text(w, a, tag, "?");
            }) << ErrorCode::UnsupportedVersion;
        const std::pair<const char*, std::uint8_t> newerEntryFields[] = {
            {"entry 0x05 (expiry in version 2)", tags::entryExpires},
            {"entry 0x06 (autofill flags in version 2)", tags::autofillFlags},
            {"entry 0x18 (attachment in version 2)", tags::attachment},
            {"entry 0x19 (site access in version 2)", tags::siteAccess}};
        for (const auto& [name, tag] : newerEntryFields)
            QTest::newRow(name) << Build([tag](Version1Payload& w, SecretArena& a) {
                meta(w);
                entry(w, [&] { text(w, a, tag, "?"); });
            }) << ErrorCode::UnsupportedVersion;
        QTest::newRow("meta 0x04 (identity in version 2)")
            << Build([](Version1Payload& w, SecretArena& a) {
                   const std::size_t mark = w.begin(tags::meta);
                   text(w, a, tags::metaIdentity, "0123456789abcdef");
                   w.end(mark);
               })
            << ErrorCode::UnsupportedVersion;
        QTest::newRow("custom field 0x04") << Build([](Version1Payload& w, SecretArena& a) {
            meta(w);
            entry(w, [&] {
                const std::size_t custom = w.begin(tags::customField);
                text(w, a, tags::customName, "n");
                text(w, a, 0x04, "?");
                w.end(custom);
            });
        }) << ErrorCode::UnsupportedVersion;
        QTest::newRow("group 0x05") << Build([](Version1Payload& w, SecretArena& a) {
            meta(w);
            const std::size_t mark = w.begin(tags::group);
            id(w, tags::groupId);
            text(w, a, tags::groupName, "g");
            text(w, a, 0x05, "?");
            w.end(mark);
        }) << ErrorCode::UnsupportedVersion;
        // And after the conversion, version 2's reading rules (FORMAT.md §9.3).
        QTest::newRow("no meta first") << Build([](Version1Payload& w, SecretArena&) {
            entry(w);
            meta(w);
        }) << ErrorCode::FileDamaged;
        QTest::newRow("empty") << Build([](Version1Payload&, SecretArena&) {})
                               << ErrorCode::FileDamaged;
    }
    void version1RulesGiveVersion1Errors()
    {
        QFETCH(Build, build);
        QFETCH(ErrorCode, code);
        Version1Payload writer(*m_arena);
        build(writer, *m_arena);
        SecretBuffer payload = writer.finish();
        if (payload.isNull())
            payload = m_arena->allocate(0).value();
        const SecretBuffer original = m_arena->copyOf(payload.span()).value();
        auto upgraded = PayloadUpgrade::fromVersion1(payload);
        if (!upgraded) {
            QCOMPARE(upgraded.error().code, code);
            // Unchanged on error.
            QVERIFY(std::equal(payload.span().begin(), payload.span().end(),
                               original.span().begin(), original.span().end()));
            return;
        }
        auto loaded =
            VaultContents::loadVersion1(m_arena->copyOf(original.span()).value(), *m_arena);
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().code, code);
    }
};

QTEST_GUILESS_MAIN(TestPayloadUpgrade)
#include "TestPayloadUpgrade.moc"
