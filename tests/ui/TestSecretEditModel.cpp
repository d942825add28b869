// Tests for SecretEditModel: in-place editing of arena UTF-8 — code point boundaries (also in
// damaged text), selection, words, growth and wiping.
#include "SecretTestSupport.h"
#include "secret/SecretEditModel.h"

#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

class TestSecretEditModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

    void setText(SecretEditModel& model, const QByteArray& text)
    {
        SecretBuffer source = test::secret(*m_arena, text);
        QVERIFY(model.setText(source.span()));
    }

private slots:
    void initTestCase() { m_arena = makeArena(); }

    void insertsCodePointsAsUtf8_data()
    {
        QTest::addColumn<uint>("codePoint");
        QTest::addColumn<QByteArray>("utf8");
        QTest::newRow("ascii") << uint('a') << QByteArray("a");
        QTest::newRow("two bytes") << 0xE9u << QByteArray("\xC3\xA9");
        QTest::newRow("three bytes") << 0x20ACu << QByteArray("\xE2\x82\xAC");
        QTest::newRow("four bytes") << 0x1F600u << QByteArray("\xF0\x9F\x98\x80");
        QTest::newRow("surrogate") << 0xD800u << QByteArray("\xEF\xBF\xBD");
        QTest::newRow("past the end") << 0x110000u << QByteArray("\xEF\xBF\xBD");
    }

    void insertsCodePointsAsUtf8()
    {
        QFETCH(uint, codePoint);
        QFETCH(QByteArray, utf8);
        SecretEditModel model(m_arena.get());
        QVERIFY(model.insertCodePoint(U'<'));
        QVERIFY(model.insertCodePoint(U'>'));
        model.setCursor(1);
        QVERIFY(model.insertCodePoint(char32_t(codePoint)));
        QCOMPARE_TEXT(model.text(), QByteArray("<" + utf8 + ">").constData());
        QCOMPARE(model.cursor(), std::size_t(1 + utf8.size()));
        QVERIFY(m_arena->contains(model.text().data()));
    }

    void boundariesFollowTheDecoder_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QList<int>>("boundaries");
        QTest::newRow("ascii") << QByteArray("abc") << QList<int>{0, 1, 2, 3};
        QTest::newRow("mixed") << QByteArray("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80")
                               << QList<int>{0, 1, 3, 6, 10};
        QTest::newRow("truncated lead") << QByteArray("a\xC3"
                                                      "b")
                                        << QList<int>{0, 1, 2, 3};
        QTest::newRow("stray continuation") << QByteArray("\x80\x80x") << QList<int>{0, 1, 2, 3};
        QTest::newRow("truncated at end") << QByteArray("x\xE2\x82") << QList<int>{0, 1, 2, 3};
    }

    void boundariesFollowTheDecoder()
    {
        QFETCH(QByteArray, text);
        QFETCH(QList<int>, boundaries);
        SecretEditModel model(m_arena.get());
        setText(model, text);
        QCOMPARE(model.codePointCount(), std::size_t(boundaries.size() - 1));
        for (qsizetype i = 0; i + 1 < boundaries.size(); ++i) {
            QCOMPARE(model.nextCodePoint(std::size_t(boundaries[i])),
                     std::size_t(boundaries[i + 1]));
            QCOMPARE(model.previousCodePoint(std::size_t(boundaries[i + 1])),
                     std::size_t(boundaries[i]));
        }
        // Every offset snaps to the boundary at or before it.
        for (int offset = 0; offset <= text.size(); ++offset) {
            model.setCursor(std::size_t(offset));
            QVERIFY(boundaries.contains(int(model.cursor())));
            QVERIFY(model.cursor() <= std::size_t(offset));
        }
    }

    void selectionAndRemoval()
    {
        SecretEditModel model(m_arena.get());
        setText(model, "hello world");
        model.setCursor(6);
        model.setCursor(11, true);
        QVERIFY(model.hasSelection());
        QCOMPARE_TEXT(model.selectedText(), "world");
        QVERIFY(model.insert(SecretSpan(reinterpret_cast<const std::uint8_t*>("there"), 5)));
        QCOMPARE_TEXT(model.text(), "hello there");
        model.selectAll();
        QVERIFY(model.removeSelection());
        QVERIFY(model.isEmpty());
        QVERIFY(!model.removeSelection());
        QVERIFY(!model.removeRange(0, 1));
    }

    void wordsAreSeparatedBySpacesAndLineBreaks()
    {
        SecretEditModel model(m_arena.get());
        setText(model, "one  two\nthree");
        QCOMPARE(model.nextWord(0), std::size_t(5));
        QCOMPARE(model.nextWord(5), std::size_t(9));
        QCOMPARE(model.nextWord(9), std::size_t(14));
        QCOMPARE(model.previousWord(14), std::size_t(9));
        QCOMPARE(model.previousWord(9), std::size_t(5));
        QCOMPARE(model.previousWord(4), std::size_t(0));
        model.selectWordAt(6);
        QCOMPARE_TEXT(model.selectedText(), "two");
    }

    void setTextAndInsertMayReadTheirOwnBytes()
    {
        SecretEditModel model(m_arena.get());
        setText(model, "abcdef");
        QVERIFY(model.setText(model.text().sub(2, 3)));
        QCOMPARE_TEXT(model.text(), "cde");
        model.setCursor(0);
        QVERIFY(model.insert(model.text()));
        QCOMPARE_TEXT(model.text(), "cdecde");
    }

    void growsAndKeepsEverythingInTheArena()
    {
        SecretEditModel model(m_arena.get());
        for (int i = 0; i < 500; ++i)
            QVERIFY(model.insertCodePoint(char32_t('a' + i % 26)));
        QCOMPARE(model.size(), std::size_t(500));
        QVERIFY(m_arena->contains(model.text().data()));
        QCOMPARE(model.text()[499], std::uint8_t('a' + 499 % 26));
    }

    void clearWipes()
    {
        auto arena = makeArena();
        const std::size_t before = arena->usedBytes();
        SecretEditModel model(arena.get());
        SecretBuffer source = test::secret(*arena, "gone soon");
        QVERIFY(model.setText(source.span()));
        source.reset();
        const std::uint8_t* where = model.text().data();
        model.clear();
        for (int i = 0; i < 9; ++i)
            QCOMPARE(where[i], std::uint8_t(0));
        QCOMPARE(arena->usedBytes(), before);
        QCOMPARE(model.cursor(), std::size_t(0));
    }

    void needsAnArena()
    {
        SecretEditModel model;
        auto inserted = model.insertCodePoint(U'x');
        QVERIFY(!inserted);
        QCOMPARE(inserted.error().code, ErrorCode::InvalidArgument);
        QVERIFY(model.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSecretEditModel)
#include "TestSecretEditModel.moc"
