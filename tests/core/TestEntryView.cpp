// Tests for EntryView: validate() — the entry rules of docs/FORMAT.md §3.3, one malformed record
// per row (the file-level vectors in tests/data/vault cover only a few of them) — and the
// accessors of the fields format version 2 added.
#include "TestSupport.h"
#include "vault/EntryView.h"
#include "vault/RecordWriter.h"

#include <functional>

using namespace arcanum;
using namespace arcanum::test;

Q_DECLARE_METATYPE(arcanum::ErrorCode)

namespace {

using Build = std::function<void(RecordWriter&, SecretArena&)>;

void addText(RecordWriter& writer, SecretArena& arena, std::uint8_t tag, const char* text)
{
    writer.add(tag, secret(arena, text).span());
}

void addId(RecordWriter& writer, std::uint8_t tag = tags::entryId)
{
    writer.addId(tag, EntryId::random().bytes());
}

void addAttachment(RecordWriter& writer, SecretArena& arena, const char* name,
                   const EntryId& data = EntryId::random())
{
    const std::size_t mark = writer.begin(tags::attachment);
    if (name != nullptr)
        addText(writer, arena, tags::attachmentName, name);
    if (!data.isNull())
        writer.addId(tags::attachmentDataId, data.bytes());
    writer.end(mark);
}

void addSite(RecordWriter& writer, SecretArena& arena, const char* site, int decision)
{
    const std::size_t mark = writer.begin(tags::siteAccess);
    if (site != nullptr)
        addText(writer, arena, tags::siteOrigin, site);
    if (decision >= 0)
        writer.addU8(tags::siteDecision, std::uint8_t(decision));
    writer.end(mark);
}

} // namespace

class TestEntryView : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

private slots:
    void initTestCase() { m_arena = makeArena(); }

    void validate_data()
    {
        QTest::addColumn<Build>("build");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<ErrorCode>("code");
        const ErrorCode none = ErrorCode::SystemError;
        QTest::newRow("id only") << Build([](RecordWriter& w, SecretArena&) { addId(w); }) << true
                                 << none;
        QTest::newRow("every single field once") << Build([](RecordWriter& w, SecretArena& a) {
            addId(w);
            addId(w, tags::entryGroup);
            w.addTime(tags::entryCreated, 1);
            w.addTime(tags::entryModified, 2);
            w.addTime(tags::entryExpires, 3);
            w.addU8(tags::autofillFlags, 0xFF);
            for (std::uint8_t tag :
                 {tags::title, tags::username, tags::password, tags::notes, tags::totp})
                addText(w, a, tag, "x");
        }) << true << none;
        QTest::newRow("URLs, tags and custom fields repeat")
            << Build([](RecordWriter& w, SecretArena& a) {
                   addId(w);
                   for (int i = 0; i < 3; ++i) {
                       addText(w, a, tags::url, "https://example.org");
                       addText(w, a, tags::tag, "t");
                       const std::size_t mark = w.begin(tags::customField);
                       addText(w, a, tags::customName, "name");
                       w.end(mark);
                   }
               })
            << true << none;
        QTest::newRow("unknown ignorable field, twice")
            << Build([](RecordWriter& w, SecretArena& a) {
                   addText(w, a, 0x91, "newer");
                   addId(w);
                   addText(w, a, 0x91, "newer");
               })
            << true << none;
        QTest::newRow("no id") << Build([](RecordWriter& w, SecretArena& a) {
            addText(w, a, tags::title, "no id");
        }) << false << ErrorCode::FileDamaged;
        QTest::newRow("id twice") << Build([](RecordWriter& w, SecretArena&) {
            addId(w);
            addId(w);
        }) << false << ErrorCode::FileDamaged;
        for (std::uint8_t tag :
             {tags::title, tags::username, tags::password, tags::notes, tags::totp}) {
            QTest::addRow("field 0x%02x twice", tag)
                << Build([tag](RecordWriter& w, SecretArena& a) {
                       addText(w, a, tag, "one");
                       addId(w);
                       addText(w, a, tag, "two");
                   })
                << false << ErrorCode::FileDamaged;
        }
        QTest::newRow("group twice") << Build([](RecordWriter& w, SecretArena&) {
            addId(w);
            addId(w, tags::entryGroup);
            addId(w, tags::entryGroup);
        }) << false << ErrorCode::FileDamaged;
        QTest::newRow("short id") << Build([](RecordWriter& w, SecretArena& a) {
            addText(w, a, tags::entryId, "short");
        }) << false << ErrorCode::FileDamaged;
        QTest::newRow("time stamp of 4 bytes") << Build([](RecordWriter& w, SecretArena&) {
            addId(w);
            w.addU32(tags::entryModified, 1);
        }) << false << ErrorCode::FileDamaged;
        QTest::newRow("time stamp of 8 bytes (version 1)")
            << Build([](RecordWriter& w, SecretArena& a) {
                   addId(w);
                   addText(w, a, tags::entryCreated, "12345678");
               })
            << false << ErrorCode::FileDamaged;
        QTest::newRow("expiry twice") << Build([](RecordWriter& w, SecretArena&) {
            addId(w);
            w.addTime(tags::entryExpires, 1);
            w.addTime(tags::entryExpires, 1);
        }) << false << ErrorCode::FileDamaged;
        QTest::newRow("autofill flags of 2 bytes") << Build([](RecordWriter& w, SecretArena& a) {
            addId(w);
            addText(w, a, tags::autofillFlags, "ab");
        }) << false << ErrorCode::FileDamaged;
        QTest::newRow("autofill flags twice") << Build([](RecordWriter& w, SecretArena&) {
            addId(w);
            w.addU8(tags::autofillFlags, 1);
            w.addU8(tags::autofillFlags, 1);
        }) << false << ErrorCode::FileDamaged;
        QTest::newRow("attachments with distinct names, one data shared")
            << Build([](RecordWriter& w, SecretArena& a) {
                   addId(w);
                   const EntryId data = EntryId::random();
                   addAttachment(w, a, "a.txt", data);
                   addAttachment(w, a, "b.txt", data);
                   addAttachment(w, a, "A.txt", data); // names compare byte for byte
               })
            << true << none;
        QTest::newRow("two attachments with one name")
            << Build([](RecordWriter& w, SecretArena& a) {
                   addId(w);
                   addAttachment(w, a, "a.txt");
                   addAttachment(w, a, "a.txt");
               })
            << false << ErrorCode::FileDamaged;
        QTest::newRow("attachment without a name") << Build([](RecordWriter& w, SecretArena& a) {
            addId(w);
            addAttachment(w, a, nullptr);
        }) << false << ErrorCode::FileDamaged;
        QTest::newRow("attachment without a data id") << Build([](RecordWriter& w, SecretArena& a) {
            addId(w);
            addAttachment(w, a, "a.txt", EntryId());
        }) << false << ErrorCode::FileDamaged;
        QTest::newRow("attachment data id of 5 bytes")
            << Build([](RecordWriter& w, SecretArena& a) {
                   addId(w);
                   const std::size_t mark = w.begin(tags::attachment);
                   addText(w, a, tags::attachmentName, "a.txt");
                   addText(w, a, tags::attachmentDataId, "short");
                   w.end(mark);
               })
            << false << ErrorCode::FileDamaged;
        QTest::newRow("unknown tag in an attachment") << Build([](RecordWriter& w, SecretArena& a) {
            addId(w);
            const std::size_t mark = w.begin(tags::attachment);
            addText(w, a, tags::attachmentName, "a.txt");
            w.addId(tags::attachmentDataId, EntryId::random().bytes());
            addText(w, a, 0x05, "?");
            w.end(mark);
        }) << false << ErrorCode::UnsupportedVersion;
        QTest::newRow("site access for two sites") << Build([](RecordWriter& w, SecretArena& a) {
            addId(w);
            addSite(w, a, "https://example.com:443", 1);
            addSite(w, a, "http://example.com:80", 2);
        }) << true << none;
        QTest::newRow("site access twice for one site")
            << Build([](RecordWriter& w, SecretArena& a) {
                   addId(w);
                   addSite(w, a, "https://example.com:443", 1);
                   addSite(w, a, "https://example.com:443", 1);
               })
            << false << ErrorCode::FileDamaged;
        for (int decision : {0, 3, 255})
            QTest::addRow("site access decision %d", decision)
                << Build([decision](RecordWriter& w, SecretArena& a) {
                       addId(w);
                       addSite(w, a, "https://example.com:443", decision);
                   })
                << false << ErrorCode::FileDamaged;
        QTest::newRow("site access without a decision")
            << Build([](RecordWriter& w, SecretArena& a) {
                   addId(w);
                   addSite(w, a, "https://example.com:443", -1);
               })
            << false << ErrorCode::FileDamaged;
        QTest::newRow("site access without a site") << Build([](RecordWriter& w, SecretArena& a) {
            addId(w);
            addSite(w, a, nullptr, 1);
        }) << false << ErrorCode::FileDamaged;
        QTest::newRow("history version without an id")
            << Build([](RecordWriter& w, SecretArena& a) {
                   addId(w);
                   const std::size_t history = w.begin(tags::history);
                   const std::size_t version = w.begin(tags::entry);
                   addText(w, a, tags::title, "older");
                   w.end(version);
                   w.end(history);
               })
            << true << none;
        QTest::newRow("site access inside history") << Build([](RecordWriter& w, SecretArena& a) {
            addId(w);
            const std::size_t history = w.begin(tags::history);
            const std::size_t version = w.begin(tags::entry);
            addSite(w, a, "https://example.com:443", 1);
            w.end(version);
            w.end(history);
        }) << false << ErrorCode::FileDamaged;
        QTest::newRow("unknown tag below 0x80") << Build([](RecordWriter& w, SecretArena& a) {
            addId(w);
            addText(w, a, 0x30, "?");
        }) << false << ErrorCode::UnsupportedVersion;
        QTest::newRow("history inside history") << Build([](RecordWriter& w, SecretArena&) {
            addId(w);
            const std::size_t history = w.begin(tags::history);
            const std::size_t version = w.begin(tags::entry);
            addId(w);
            const std::size_t inner = w.begin(tags::history);
            w.end(inner);
            w.end(version);
            w.end(history);
        }) << false << ErrorCode::FileDamaged;
    }
    void validate()
    {
        QFETCH(Build, build);
        QFETCH(bool, valid);
        QFETCH(ErrorCode, code);
        RecordWriter writer(*m_arena);
        build(writer, *m_arena);
        auto record = writer.finish();
        ARCANUM_VERIFY_OK(record);
        const auto result = EntryView::validate(record->span());
        QCOMPARE(result.ok(), valid);
        if (!valid)
            QCOMPARE(result.error().code, code);
    }

    void newFieldsReadBack()
    {
        RecordWriter writer(*m_arena);
        addId(writer);
        const EntryId shared = EntryId::random(), other = EntryId::random();
        addAttachment(writer, *m_arena, "a.txt", shared);
        addAttachment(writer, *m_arena, "b.bin", other);
        addSite(writer, *m_arena, "https://example.com:443", 1);
        addSite(writer, *m_arena, "https://evil.example:443", 2);
        writer.addTime(tags::entryExpires, 1234567890123);
        writer.addU8(tags::autofillFlags, EntryView::hiddenFromBrowserFlag | 0x80);
        const std::size_t history = writer.begin(tags::history);
        const std::size_t version = writer.begin(tags::entry);
        addAttachment(writer, *m_arena, "a.txt", shared);
        writer.end(version);
        writer.end(history);
        auto record = writer.finish();
        ARCANUM_VERIFY_OK(record);
        std::vector<EntryId> data;
        ARCANUM_VERIFY_OK(EntryView::validate(record->span(), false, &data));
        QCOMPARE(data.size(), std::size_t(3)); // history included
        const EntryView view(record->span());
        QCOMPARE(view.expires().value_or(0), std::int64_t(1234567890123));
        QVERIFY(view.isHiddenFromBrowser());
        QVERIFY(!view.allowsHttp());
        QCOMPARE(view.autofillFlags(), std::uint8_t(0x82)); // reserved bits as they are
        QCOMPARE(view.attachmentCount(), std::size_t(2));
        std::vector<EntryId> ids;
        view.forEachAttachment([&](const EntryView::Attachment& a) { ids.push_back(a.data); });
        QVERIFY((ids == std::vector<EntryId>{shared, other}));
        QCOMPARE(view.siteAccess(secret(*m_arena, "https://example.com:443").span()),
                 std::optional<SiteDecision>(SiteDecision::Allow));
        QCOMPARE(view.siteAccess(secret(*m_arena, "https://evil.example:443").span()),
                 std::optional<SiteDecision>(SiteDecision::Deny));
        QVERIFY(!view.siteAccess(secret(*m_arena, "https://example.com").span()));
        std::vector<EntryId> collected;
        view.collectAttachmentData(collected);
        QCOMPARE(collected.size(), std::size_t(3));
        QVERIFY(view.historyVersion(0)->id().isNull()); // a version's id is its entry's

        RecordWriter empty(*m_arena);
        addId(empty);
        auto plain = empty.finish();
        ARCANUM_VERIFY_OK(plain);
        QVERIFY(!EntryView(plain->span()).expires()); // never
        QCOMPARE(EntryView(plain->span()).autofillFlags(), std::uint8_t(0));
    }
};

QTEST_GUILESS_MAIN(TestEntryView)
#include "TestEntryView.moc"
