// Tests for EntryView::validate: the entry rules of docs/FORMAT.md §3.3, one malformed record
// per row (the file-level vectors in tests/data/vault cover only a few of them).
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
    writer.add(tag, SecretSpan(EntryId::random().bytes()));
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
            w.addU64(tags::entryCreated, 1);
            w.addU64(tags::entryModified, 2);
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
};

QTEST_GUILESS_MAIN(TestEntryView)
#include "TestEntryView.moc"
