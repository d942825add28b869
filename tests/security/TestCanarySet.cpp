// Tests for CanarySet: patterns live only in its arena, in UTF-8 and UTF-16LE; the pattern
// file format read by addFromFd. The patterns here are test data, not canaries.
#include "canary/CanarySet.h"

#include <QtTest>
#include <cstring>
#include <unistd.h>

using namespace arcanum;

namespace {

CanarySet newSet()
{
    auto set = CanarySet::create();
    if (!set)
        qFatal("canary set: %s", set.error().message.c_str());
    return std::move(set.value());
}

QByteArray bytesOf(SecretSpan span)
{
    return QByteArray(span.chars(), qsizetype(span.size()));
}

// A pipe's read end holding `text` (small enough for the pipe buffer), write end closed.
int pipeWith(const QByteArray& text)
{
    int fds[2];
    if (pipe(fds) != 0 || write(fds[1], text.constData(), size_t(text.size())) != text.size())
        qFatal("pipe");
    close(fds[1]);
    return fds[0];
}

} // namespace

class TestCanarySet : public QObject
{
    Q_OBJECT

private slots:
    void keepsBothEncodingsInItsArena()
    {
        CanarySet set = newSet();
        auto source = set.arena().allocate(6);
        QVERIFY(source);
        std::memcpy(source->data(), "p\xC3\xA4ss\xF0", 6); // "päss" + a truncated sequence
        QVERIFY(set.add("label", source->span().sub(0, 5)));
        QCOMPARE(set.size(), std::size_t(1));
        QCOMPARE(set.label(0), std::string("label"));
        const SecretSpan utf8 = set.pattern(0, CanaryEncoding::Utf8);
        const SecretSpan utf16 = set.pattern(0, CanaryEncoding::Utf16Le);
        QCOMPARE(bytesOf(utf8), QByteArray("p\xC3\xA4ss"));
        QCOMPARE(bytesOf(utf16), QByteArray("p\0\xE4\0s\0s\0", 8));
        QVERIFY(set.arena().contains(utf8.data()));
        QVERIFY(set.arena().contains(utf16.data()));
        QVERIFY(utf8.data() != source->data()); // a copy, owned by the set
        QCOMPARE(set.longestPattern(), std::size_t(8));
    }

    void refusesEmptyPattern()
    {
        CanarySet set = newSet();
        auto result = set.add("nothing", {});
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
        QVERIFY(set.empty());
    }

    void readsPatternLines_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QStringList>("labels");
        QTest::addColumn<QList<QByteArray>>("patterns");
        QTest::newRow("bare patterns")
            << QByteArray("alpha\nbeta\n") << QStringList{"pattern 1", "pattern 2"}
            << QList<QByteArray>{"alpha", "beta"};
        QTest::newRow("labelled") << QByteArray("master password\thunter22\nentry 3\tx y\n")
                                  << QStringList{"master password", "entry 3"}
                                  << QList<QByteArray>{"hunter22", "x y"};
        QTest::newRow("CRLF, blank lines, no final newline")
            << QByteArray("\r\none\r\n\n\ttwo-no-label\nlast")
            << QStringList{"pattern 1", "", "pattern 3"}
            << QList<QByteArray>{"one", "two-no-label", "last"};
        QTest::newRow("tab inside the pattern")
            << QByteArray("l\ta\tb\n") << QStringList{"l"} << QList<QByteArray>{"a\tb"};
        QByteArray many;
        QStringList manyLabels;
        QList<QByteArray> manyPatterns;
        for (int i = 0; i < 600; ++i) { // past the first 4 KiB read buffer
            many += "label " + QByteArray::number(i) + "\tpattern-" + QByteArray::number(i) + "\n";
            manyLabels << "label " + QString::number(i);
            manyPatterns << "pattern-" + QByteArray::number(i);
        }
        QTest::newRow("more than one read buffer") << many << manyLabels << manyPatterns;
    }
    void readsPatternLines()
    {
        QFETCH(QByteArray, input);
        QFETCH(QStringList, labels);
        QFETCH(QList<QByteArray>, patterns);
        CanarySet set = newSet();
        const int fd = pipeWith(input);
        auto added = set.addFromFd(fd);
        close(fd);
        QVERIFY2(added, added ? "" : added.error().message.c_str());
        QCOMPARE(added.value(), std::size_t(patterns.size()));
        QCOMPARE(set.size(), std::size_t(patterns.size()));
        for (qsizetype i = 0; i < patterns.size(); ++i) {
            QCOMPARE(QString::fromStdString(set.label(std::size_t(i))), labels[i]);
            QCOMPARE(bytesOf(set.pattern(std::size_t(i), CanaryEncoding::Utf8)), patterns[i]);
        }
    }

    void rejectsBadInput()
    {
        CanarySet set = newSet();
        const int fd = pipeWith("ok\nlabel only\t\n");
        auto added = set.addFromFd(fd);
        close(fd);
        QVERIFY(!added);
        QCOMPARE(added.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(added.error().message.find("line 2 of descriptor") != std::string::npos,
                 added.error().message.c_str());

        auto badFd = set.addFromFd(987);
        QVERIFY(!badFd);
        QVERIFY2(badFd.error().message.find("descriptor 987: Bad file descriptor") !=
                     std::string::npos,
                 badFd.error().message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCanarySet)
#include "TestCanarySet.moc"
