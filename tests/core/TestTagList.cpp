// Tests for TagList: splitting "a, b, c" in place (trimming, empty tags, spans into the line)
// and joining an entry's tags into one arena buffer.
#include "TestSupport.h"
#include "vault/EntryDraft.h"
#include "vault/TagList.h"

#include <QtTest>

using namespace arcanum;
using arcanum::test::secret;

namespace {

QStringList split(SecretSpan line)
{
    QStringList tags;
    TagList::forEach(line, [&](SecretSpan tag) {
        tags.append(QString::fromUtf8(tag.chars(), qsizetype(tag.size())));
    });
    return tags;
}

} // namespace

class TestTagList : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

private slots:
    void initTestCase() { m_arena = test::makeArena(); }

    void splits_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QStringList>("tags");
        QTest::newRow("empty") << QByteArray() << QStringList();
        QTest::newRow("one") << QByteArray("work") << QStringList{"work"};
        QTest::newRow("three") << QByteArray("a, b, c") << QStringList{"a", "b", "c"};
        QTest::newRow("no spaces") << QByteArray("a,b") << QStringList{"a", "b"};
        QTest::newRow("padding and tabs") << QByteArray(" \ta ,\tb c  ") << QStringList{"a", "b c"};
        QTest::newRow("empty tags") << QByteArray(",, a ,, ,b,") << QStringList{"a", "b"};
        QTest::newRow("only commas") << QByteArray(" , , ") << QStringList();
        QTest::newRow("UTF-8") << QByteArray("caf\xc3\xa9, \xe2\x82\xac")
                               << QStringList{QStringLiteral("café"), QStringLiteral("€")};
    }

    void splits()
    {
        QFETCH(QByteArray, line);
        QFETCH(QStringList, tags);
        const SecretBuffer buffer = secret(*m_arena, line);
        QCOMPARE(split(buffer.span()), tags);
        // Spans point into the line itself: nothing is copied.
        TagList::forEach(buffer.span(), [&](SecretSpan tag) {
            QVERIFY(tag.data() >= buffer.data() && tag.end() <= buffer.data() + buffer.size());
        });
    }

    void joinsAnEntrysTags()
    {
        EntryDraft draft(*m_arena);
        for (const char* tag : {"work", "e-mail", "two words"})
            QVERIFY(draft.addTag(secret(*m_arena, tag).span()).ok());
        auto record = draft.buildRecord(EntryId::random(), 0, 0, nullptr, 0);
        QVERIFY(record.ok());
        const EntryView entry(RecordReader::findFirst(record->span(), tags::entry));
        auto joined = TagList::join(entry, *m_arena);
        QVERIFY(joined.ok());
        QVERIFY(test::equals(joined->span(), "work, e-mail, two words"));
        QCOMPARE(split(joined->span()), (QStringList{"work", "e-mail", "two words"}));
    }

    void joinsNoTagsToEmpty()
    {
        EntryDraft draft(*m_arena);
        auto record = draft.buildRecord(EntryId::random(), 0, 0, nullptr, 0);
        QVERIFY(record.ok());
        auto joined = TagList::join(EntryView(RecordReader::findFirst(record->span(), tags::entry)),
                                    *m_arena);
        QVERIFY(joined.ok());
        QVERIFY(joined->empty());
    }
};

QTEST_GUILESS_MAIN(TestTagList)
#include "TestTagList.moc"
