// Tests for SecretText (and the SecretFont / SecretTextLayout path under it): it must draw what
// QPainter::drawText draws for plain text (CJK through a fallback face too), never a glyph of a
// masked secret, boxes for characters no face has, and an ellipsis when the text does not fit
// (DESIGN.md §6).
#include "SecretTestSupport.h"
#include "secret/SecretText.h"
#include "text/Utf8.h"

#include <QFontDatabase>
#include <QFontMetricsF>
#include <QPainter>
#include <QRawFont>
#include <QtTest>
#include <sodium.h>

using namespace arcanum;
using namespace arcanum::test;

namespace {

constexpr QRgb white = 0xffffffff;
const QSize canvas(320, 40);

QFont testFont(int pixelSize = 15)
{
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(pixelSize);
    return font;
}

QImage blankImage(QSize size = canvas)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(white);
    return image;
}

// What Qt's own text path draws (the reference; test strings are not secrets).
QImage drawnByQt(const QString& text, const QFont& font, Qt::Alignment alignment,
                 QRectF rect = QRectF(QPointF(4, 4), canvas - QSize(8, 8)))
{
    QImage image = blankImage();
    QPainter painter(&image);
    painter.setFont(font);
    painter.setPen(Qt::black);
    painter.drawText(rect, int(alignment), text);
    return image;
}

QImage drawnBySecretText(SecretText& secretText, SecretSpan text, SecretText::Options options,
                         QRectF rect = QRectF(QPointF(4, 4), canvas - QSize(8, 8)))
{
    QImage image = blankImage();
    QPainter painter(&image);
    options.color = Qt::black;
    if (auto painted = secretText.paint(painter, rect, text, options); !painted)
        qFatal("paint: %s", painted.error().message.c_str());
    return image;
}

// Columns that hold any ink.
std::pair<int, int> inkColumns(const QImage& image)
{
    int first = image.width();
    int last = -1;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (image.pixel(x, y) != white) {
                first = std::min(first, x);
                last = std::max(last, x);
            }
    return {first, last};
}

// The glyph indexes `font` gives `utf8`, computed in the arena (through UTF-16 in the arena).
SecretBuffer glyphIndexesOf(SecretArena& arena, SecretSpan utf8, const QRawFont& face)
{
    const std::size_t units = Utf8::utf16Length(utf8);
    auto utf16 = arena.allocate(units * sizeof(char16_t));
    auto glyphs = arena.allocate(units * sizeof(quint32));
    if (!utf16 || !glyphs)
        qFatal("allocate failed");
    Utf8::toUtf16(utf8, {reinterpret_cast<char16_t*>(utf16->data()), units});
    int count = int(units);
    if (!face.glyphIndexesForChars(reinterpret_cast<const QChar*>(utf16->data()), int(units),
                                   reinterpret_cast<quint32*>(glyphs->data()), &count))
        qFatal("no glyphs");
    (void)glyphs->resize(std::size_t(count) * sizeof(quint32));
    return std::move(glyphs.value());
}

// `count` random Han characters (U+4E00..U+9FA5) in UTF-8, generated in the arena.
SecretBuffer randomHanCanary(SecretArena& arena, std::size_t count)
{
    SecretBuffer random = randomCanary(arena, count * 2); // letters: 26 * 26 choices each
    auto buffer = arena.allocate(count * 3);
    if (!buffer)
        qFatal("allocate failed");
    for (std::size_t i = 0; i < count; ++i) {
        const char32_t codePoint =
            0x4E00 +
            char32_t((random.data()[2 * i] - 'a') * 26 + (random.data()[2 * i + 1] - 'a')) * 29;
        buffer->data()[3 * i] = std::uint8_t(0xE0 | (codePoint >> 12));
        buffer->data()[3 * i + 1] = std::uint8_t(0x80 | ((codePoint >> 6) & 0x3F));
        buffer->data()[3 * i + 2] = std::uint8_t(0x80 | (codePoint & 0x3F));
    }
    return std::move(buffer.value());
}

int inkPixels(const QImage& image, const QRect& area)
{
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
            if (qGray(image.pixel(x, y)) < 128)
                ++count;
    return count;
}

} // namespace

class TestSecretText : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

    // Differing pixels allowed between our glyph path and QPainter::drawText, as a share of the
    // inked pixels, and the per-channel delta below which pixels count as equal. Measured on
    // Debian 12 (Qt 6.4.2, FreeType, DejaVu Sans): the images are identical, 0 pixels differ;
    // the slack only absorbs rasteriser differences. One wrong character differs in 1.5-6%.
    static constexpr double allowedFraction = 0.005;
    static constexpr int channelTolerance = 48;

private slots:
    void initTestCase()
    {
        m_arena = makeArena();
        QVERIFY(QFontInfo(testFont()).family() == QStringLiteral("DejaVu Sans"));
        QVERIFY(!QRawFont::fromFont(testFont()).supportsCharacter(char32_t(0x6771)));
        QVERIFY2(QRawFont::fromFont(testFont(), QFontDatabase::SimplifiedChinese)
                     .supportsCharacter(char32_t(0x6771)),
                 "no CJK font (packaging/quickstart.sh installs fonts-wqy-microhei)");
    }

    void drawsWhatDrawTextDraws_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("wrong");
        QTest::addColumn<int>("pixelSize");
        QTest::addColumn<int>("alignment");
        const int left = Qt::AlignLeft | Qt::AlignVCenter;
        QTest::newRow("hello") << "Hello, World"
                               << "Hello, Worle" << 15 << left;
        QTest::newRow("password") << "correct horse 42!"
                                  << "correct horse 43!" << 15 << left;
        QTest::newRow("kerning pairs") << "AVATAR To Wa"
                                       << "AVATAR Ta Wa" << 15 << left;
        QTest::newRow("narrow glyphs") << "il1|!;:.,'"
                                       << "il1|!;:.,;" << 15 << left;
        QTest::newRow("small") << "user@example.org"
                               << "user@example.orq" << 11 << left;
        QTest::newRow("large") << "Tr0ub4dor&3"
                               << "Tr0ub4dor&8" << 24 << left;
        QTest::newRow("right") << "right aligned"
                               << "right alignes" << 15 << int(Qt::AlignRight | Qt::AlignVCenter);
        QTest::newRow("centre top") << "centred"
                                    << "centrad" << 15 << int(Qt::AlignHCenter | Qt::AlignTop);
        QTest::newRow("bottom") << "bottom"
                                << "bottam" << 15 << int(Qt::AlignLeft | Qt::AlignBottom);
        // Through the fallback face (DejaVu Sans has no CJK; see initTestCase).
        QTest::newRow("Han and Latin")
            << QString::fromUtf8("東京 door") << QString::fromUtf8("東亰 door") << 18 << left;
        QTest::newRow("kana") << QString::fromUtf8("ひらがなカタカナ")
                              << QString::fromUtf8("ひらがなカタカヌ") << 18 << left;
        QTest::newRow("Hangul") << QString::fromUtf8("비밀번호 42")
                                << QString::fromUtf8("비밀먼호 42") << 18 << left;
        QTest::newRow("CJK punctuation") << QString::fromUtf8("「中文」、テスト。")
                                         << QString::fromUtf8("「中文」、テスH。") << 18 << left;
    }

    void drawsWhatDrawTextDraws()
    {
        QFETCH(QString, text);
        QFETCH(QString, wrong);
        QFETCH(int, pixelSize);
        QFETCH(int, alignment);
        const QFont font = testFont(pixelSize);
        const QByteArray utf8 = text.toUtf8();
        SecretBuffer secret = test::secret(*m_arena, utf8);

        SecretText secretText(m_arena.get());
        SecretText::Options options;
        options.font = font;
        options.alignment = Qt::Alignment(alignment);
        const QImage ours = drawnBySecretText(secretText, secret.span(), options);
        const QImage reference = drawnByQt(text, font, Qt::Alignment(alignment));

        const ImageDifference same = compareImages(ours, reference, white, channelTolerance);
        QVERIFY2(same.inked > 50, "nothing was drawn");
        QVERIFY2(same.fraction() <= allowedFraction,
                 qPrintable(QStringLiteral("%1 of %2 inked pixels differ (max delta %3)")
                                .arg(same.differing)
                                .arg(same.inked)
                                .arg(same.maxDelta)));

        // The comparison must be able to fail: one wrong character is far beyond the tolerance.
        const QImage other = drawnByQt(wrong, font, Qt::Alignment(alignment));
        const ImageDifference different = compareImages(ours, other, white, channelTolerance);
        QVERIFY2(different.fraction() > 2 * allowedFraction,
                 qPrintable(QStringLiteral("a wrong string differs in only %1 of %2 pixels")
                                .arg(different.differing)
                                .arg(different.inked)));
    }

    void measureMatchesFontMetrics()
    {
        const QFont font = testFont();
        SecretBuffer secret = test::secret(*m_arena, "Measure me, please");
        SecretText secretText(m_arena.get());
        SecretText::Options options;
        options.font = font;
        QImage device = blankImage();
        auto size = secretText.measure(secret.span(), options, &device);
        QVERIFY(size);
        const QFontMetricsF metrics(font, &device);
        QVERIFY(std::abs(size->width() -
                         metrics.horizontalAdvance(QStringLiteral("Measure me, please"))) < 1.0);
        QCOMPARE(size->height(), metrics.height());

        options.masked = true;
        auto masked = secretText.measure(secret.span(), options, &device);
        QVERIFY(masked);
        QCOMPARE(masked->width(),
                 SecretText::defaultMaskLength * metrics.horizontalAdvance(QChar(0x2022)));
    }

    void maskedDrawsTheSameWhateverTheSecret()
    {
        SecretText secretText(m_arena.get());
        SecretText::Options options;
        options.font = testFont();
        options.masked = true;
        SecretBuffer a = test::secret(*m_arena, "hunter2");
        SecretBuffer b = test::secret(*m_arena, "WWWWWWW");
        SecretBuffer longer = test::secret(*m_arena, "a much longer secret than the others");
        const QImage imageA = drawnBySecretText(secretText, a.span(), options);
        const QImage imageB = drawnBySecretText(secretText, b.span(), options);
        const QImage imageLonger = drawnBySecretText(secretText, longer.span(), options);
        QCOMPARE(imageA, imageB);
        QCOMPARE(imageA, imageLonger);

        // It draws the bullets Qt would draw for eight U+2022.
        const QImage bullets = drawnByQt(QString(SecretText::defaultMaskLength, QChar(0x2022)),
                                         options.font, Qt::AlignLeft | Qt::AlignVCenter);
        const ImageDifference difference = compareImages(imageA, bullets, white, channelTolerance);
        QVERIFY(difference.inked > 50);
        QVERIFY(difference.fraction() <= allowedFraction);

        options.masked = false;
        QVERIFY(drawnBySecretText(secretText, a.span(), options) != imageA);
    }

    void maskedNeverReadsTheSecret()
    {
        // A span that would crash on the first read: masked mode must not touch it.
        SecretText secretText(m_arena.get());
        SecretText::Options options;
        options.font = testFont();
        options.masked = true;
        const SecretSpan unreadable(reinterpret_cast<const std::uint8_t*>(16), 4096);
        const QImage image = drawnBySecretText(secretText, unreadable, options);
        QVERIFY(inkPixels(image, image.rect()) > 0);
    }

    void fallbackGlyphsLeaveNoCopyOutsideTheArena()
    {
        // Han text goes through the fallback face: its text and glyph indexes stay in the arena.
        const QFont font = testFont();
        SecretBuffer canary = randomHanCanary(*m_arena, 12);
        SecretBuffer glyphs = glyphIndexesOf(
            *m_arena, canary.span(), QRawFont::fromFont(font, QFontDatabase::SimplifiedChinese));
        SecretText secretText(m_arena.get());
        SecretText::Options options;
        options.font = font;
        const QImage image = drawnBySecretText(secretText, canary.span(), options);
        QVERIFY(inkPixels(image, image.rect()) > 100);
        QVERIFY(secretText.measure(canary.span(), options));
        const ScanReport report =
            scanForCopies({{"Han text", canary.span()}, {"fallback glyph indexes", glyphs.span()}});
        QVERIFY2(report.clean(), report.summary().c_str());
    }

    void missingCharacterDrawsABox()
    {
        // Devanagari needs shaping, so SecretFont looks for no fallback face: a box.
        const QFont font = testFont(20);
        const QRawFont raw = QRawFont::fromFont(font);
        QVERIFY(!raw.supportsCharacter(char32_t(0x0915))); // क: DejaVu Sans has no Devanagari
        QVERIFY(!raw.supportsCharacter(char32_t(0x0916))); // ख

        SecretText secretText(m_arena.get());
        SecretText::Options options;
        options.font = font;
        SecretBuffer first = test::secret(*m_arena, "a\xE0\xA4\x95"
                                                    "b");
        SecretBuffer second = test::secret(*m_arena, "a\xE0\xA4\x96"
                                                     "b");
        SecretBuffer onlyA = test::secret(*m_arena, "a");
        const QImage imageFirst = drawnBySecretText(secretText, first.span(), options);
        const QImage imageSecond = drawnBySecretText(secretText, second.span(), options);
        // No fallback glyph: both missing characters look the same (a box).
        QCOMPARE(imageFirst, imageSecond);

        // The box is where the character is, a digit wide: "a" alone leaves that cell empty.
        const QImage imageA = drawnBySecretText(secretText, onlyA.span(), options);
        const QFontMetricsF metrics(font);
        const int cellLeft = 4 + int(std::ceil(metrics.horizontalAdvance(QLatin1Char('a'))));
        const QRect cell(cellLeft + 1, 4, int(metrics.horizontalAdvance(QLatin1Char('0'))) - 3,
                         canvas.height() - 8);
        QCOMPARE(inkPixels(imageA, cell), 0);
        const int boxInk = inkPixels(imageFirst, cell);
        QVERIFY2(boxInk > 20, qPrintable(QString::number(boxInk)));
        // An outline: the middle of the box stays empty.
        const QPoint middle = QRectF(cell).center().toPoint() + QPoint(0, 4);
        QCOMPARE(qGray(imageFirst.pixel(middle)) >= 128, true);
    }

    void astralAndAccentedCharactersDraw()
    {
        // ü € 𝔸 (U+1D538, outside the BMP; DejaVu Sans has it)
        const QFont font = testFont(18);
        QVERIFY(QRawFont::fromFont(font).supportsCharacter(char32_t(0x1D538)));
        SecretBuffer secret = test::secret(*m_arena, "\xC3\xBC\xE2\x82\xAC\xF0\x9D\x94\xB8");
        SecretText secretText(m_arena.get());
        SecretText::Options options;
        options.font = font;
        const QImage ours = drawnBySecretText(secretText, secret.span(), options);
        const QImage reference =
            drawnByQt(QString::fromUtf8("\xC3\xBC\xE2\x82\xAC\xF0\x9D\x94\xB8"), font,
                      Qt::AlignLeft | Qt::AlignVCenter);
        const ImageDifference difference = compareImages(ours, reference, white, channelTolerance);
        QVERIFY(difference.inked > 50);
        QVERIFY2(difference.fraction() <= allowedFraction,
                 qPrintable(QString::number(difference.fraction())));
    }

    void elidesOnTheRight()
    {
        const QFont font = testFont();
        const QString plain = QStringLiteral("abcdefghijklmnopqrstuvwxyz");
        SecretBuffer secret = test::secret(*m_arena, "abcdefghijklmnopqrstuvwxyz");
        const QRectF narrow(4, 4, 80, 32);
        SecretText secretText(m_arena.get());
        SecretText::Options options;
        options.font = font;
        const QImage ours = drawnBySecretText(secretText, secret.span(), options, narrow);
        const auto [first, last] = inkColumns(ours);
        QVERIFY(first >= 4);
        QVERIFY2(last < 84, qPrintable(QString::number(last)));

        const QString elided =
            QFontMetricsF(font).elidedText(plain, Qt::ElideRight, narrow.width());
        QVERIFY(elided.endsWith(QChar(0x2026)));
        const QImage reference = drawnByQt(elided, font, Qt::AlignLeft | Qt::AlignVCenter, narrow);
        const ImageDifference difference = compareImages(ours, reference, white, channelTolerance);
        QVERIFY2(difference.fraction() <= allowedFraction,
                 qPrintable(QString::number(difference.fraction())));

        // Without elision the text is clipped at the rectangle instead.
        options.elide = false;
        const QImage clipped = drawnBySecretText(secretText, secret.span(), options, narrow);
        QVERIFY(inkColumns(clipped).second < 84);
        QVERIFY(clipped != ours);
    }

    void releaseReturnsTheScratchSpace()
    {
        auto arena = makeArena();
        const std::size_t before = arena->usedBytes();
        SecretBuffer secret = test::secret(*arena, "scratch space");
        const std::size_t withSecret = arena->usedBytes();
        SecretText secretText(arena.get());
        SecretText::Options options;
        options.font = testFont();
        drawnBySecretText(secretText, secret.span(), options);
        QVERIFY(arena->usedBytes() > withSecret);
        secretText.releaseSecrets();
        QCOMPARE(arena->usedBytes(), withSecret);
        secret.reset();
        QCOMPARE(arena->usedBytes(), before);
    }

    void releaseAfterArenaReleaseIsSafe()
    {
        auto arena = makeArena();
        SecretBuffer secret = test::secret(*arena, "locked");
        SecretText secretText(arena.get());
        SecretText::Options options;
        options.font = testFont();
        drawnBySecretText(secretText, secret.span(), options);
        arena->release(); // the vault locks
        secretText.releaseSecrets();
        // Usable again once the arena maps new memory.
        SecretBuffer again = test::secret(*arena, "unlocked");
        QVERIFY(inkPixels(drawnBySecretText(secretText, again.span(), options),
                          QRect(0, 0, 320, 40)) > 0);
    }

    void leavesNoCopyOfTheTextOutsideTheArena()
    {
        // The text (in UTF-8 and UTF-16) and its glyph indexes (a 1:1 encoding of it for this
        // font) exist only in the arena; after painting, none of them may appear anywhere else.
        constexpr int length = 24;
        const QFont font = testFont();
        SecretBuffer canary = randomCanary(*m_arena, length);
        SecretBuffer glyphs = glyphIndexesOf(*m_arena, canary.span(), QRawFont::fromFont(font));

        SecretText secretText(m_arena.get());
        SecretText::Options options;
        options.font = font;
        drawnBySecretText(secretText, canary.span(), options);
        drawnBySecretText(secretText, canary.span(), options, QRectF(0, 0, 60, 30)); // elided
        QVERIFY(secretText.measure(canary.span(), options));
        const ScanReport report =
            scanForCopies({{"text", canary.span()}, {"glyph indexes", glyphs.span()}});
        QVERIFY2(report.clean(), report.summary().c_str());

        // The scan finds copies that exist: one heap copy of the text and of its glyphs.
        auto* heapCopy = new std::uint8_t[canary.size() + glyphs.size()];
        std::memcpy(heapCopy, canary.data(), canary.size());
        std::memcpy(heapCopy + canary.size(), glyphs.data(), glyphs.size());
        const ScanReport planted =
            scanForCopies({{"text", canary.span()}, {"glyph indexes", glyphs.span()}});
        sodium_memzero(heapCopy, canary.size() + glyphs.size());
        delete[] heapCopy;
        QCOMPARE(planted.hitCount(), std::size_t(2));
    }

    void paintsAnEntryListQuickly()
    {
        // An entry list paints a few hundred cells per frame; this is one frame of 300 cells.
        constexpr int cells = 300;
        std::vector<SecretBuffer> titles;
        for (int i = 0; i < cells; ++i)
            titles.push_back(randomCanary(*m_arena, 12 + i % 20));
        SecretText secretText(m_arena.get());
        SecretText::Options options;
        options.font = testFont();
        options.color = Qt::black;
        QImage image(400, 30, QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&image);
        const std::size_t used = m_arena->usedBytes();
        QBENCHMARK
        {
            for (const SecretBuffer& title : titles)
                QVERIFY(secretText.paint(painter, QRectF(0, 0, 150, 30), title.span(), options));
        }
        QVERIFY(m_arena->usedBytes() - used < 4096); // scratch space is reused, not piled up
    }

    void failsWithoutAnArena()
    {
        SecretText secretText;
        SecretBuffer secret = test::secret(*m_arena, "x");
        QImage image = blankImage();
        QPainter painter(&image);
        SecretText::Options options;
        options.font = testFont();
        auto painted = secretText.paint(painter, QRectF(0, 0, 100, 30), secret.span(), options);
        QVERIFY(!painted);
        QCOMPARE(painted.error().code, ErrorCode::InvalidArgument);
    }
};

QTEST_MAIN(TestSecretText)
#include "TestSecretText.moc"
