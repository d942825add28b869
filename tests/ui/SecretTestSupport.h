// Helpers shared by the ui/secret tests, on top of tests/support/TestSupport.h (arena, secret(),
// equals()): random canaries made in the arena, a scan for copies of them outside secret memory
// (tests/security's CanaryScanner), and image comparison for rendering tests. Test strings are
// literals (test data, not user secrets).
#pragma once

#include "TestSupport.h"
#include "canary/CanaryScanner.h"
#include "canary/CanarySet.h"
#include "crypto/Random.h"

#include <QImage>
#include <QKeyEvent>
#include <QString>
#include <QWidget>
#include <QtGlobal>
#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <string>
#include <utility>

namespace arcanum::test {

// `length` random lowercase letters, generated in the arena (so the only copy starts there).
inline SecretBuffer randomCanary(SecretArena& arena, std::size_t length)
{
    auto buffer = arena.allocate(length);
    if (!buffer)
        qFatal("allocate: %s", buffer.error().message.c_str());
    Random::fill(buffer->bytes());
    for (std::uint8_t& byte : buffer->bytes())
        byte = std::uint8_t('a' + byte % 26);
    return std::move(buffer.value());
}

// Scans a forked copy of this process (heap, stacks including the dead stack below the caller,
// anonymous and file mappings; arenas are not inherited) for the labelled patterns, each in
// UTF-8 (as given: any bytes) and UTF-16LE. Returns the report; fails the test on error.
inline ScanReport scanForCopies(std::initializer_list<std::pair<const char*, SecretSpan>> patterns)
{
    auto set = CanarySet::create();
    if (!set)
        qFatal("canary set: %s", set.error().message.c_str());
    for (const auto& [label, pattern] : patterns)
        if (!set->add(label, pattern))
            qFatal("canary set: cannot add %s", label);
    auto report = CanaryScanner::scanForkedCopy(*set);
    if (!report)
        qFatal("scan: %s", report.error().message.c_str());
    return std::move(report.value());
}

// The bytes of `span` as text, for failure messages only (test data, never user secrets).
inline QString bytesOf(SecretSpan span)
{
    return QString::fromUtf8(span.chars(), qsizetype(span.size()));
}

#define QCOMPARE_TEXT(span, expected)                                                              \
    QVERIFY2(::arcanum::test::equals((span), (expected)),                                          \
             qPrintable(QStringLiteral("text is \"%1\"").arg(::arcanum::test::bytesOf(span))))

// A parent that records the keys its child let through.
class KeyRecorder : public QWidget
{
public:
    QList<int> keys;

protected:
    void keyPressEvent(QKeyEvent* event) override { keys.append(event->key()); }
};

struct ImageDifference
{
    int differing = 0; // pixels whose channels differ by more than the tolerance
    int inked = 0;     // pixels that are not background in either image
    int maxDelta = 0;  // largest channel difference seen
    [[nodiscard]] double fraction() const { return inked == 0 ? 0.0 : double(differing) / inked; }
};

// Compares two images of the same size pixel by pixel.
inline ImageDifference compareImages(const QImage& a, const QImage& b, QRgb background,
                                     int tolerance)
{
    ImageDifference result;
    const QImage left = a.convertToFormat(QImage::Format_ARGB32);
    const QImage right = b.convertToFormat(QImage::Format_ARGB32);
    if (left.size() != right.size()) {
        result.differing = result.inked = 1;
        result.maxDelta = 255;
        return result;
    }
    for (int y = 0; y < left.height(); ++y) {
        const auto* l = reinterpret_cast<const QRgb*>(left.constScanLine(y));
        const auto* r = reinterpret_cast<const QRgb*>(right.constScanLine(y));
        for (int x = 0; x < left.width(); ++x) {
            if (l[x] == background && r[x] == background)
                continue;
            ++result.inked;
            const int delta = std::max(
                {std::abs(qRed(l[x]) - qRed(r[x])), std::abs(qGreen(l[x]) - qGreen(r[x])),
                 std::abs(qBlue(l[x]) - qBlue(r[x])), std::abs(qAlpha(l[x]) - qAlpha(r[x]))});
            result.maxDelta = std::max(result.maxDelta, delta);
            if (delta > tolerance)
                ++result.differing;
        }
    }
    return result;
}

} // namespace arcanum::test
