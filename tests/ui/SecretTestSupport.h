// Helpers shared by the ui tests: an arena per test, test plaintext copied into it, and image
// comparison for rendering tests. Test strings are literals (test data, not user secrets).
#pragma once

#include "secret/SecretArena.h"

#include <QImage>
#include <QtGlobal>
#include <cstring>
#include <memory>
#include <string_view>

namespace arcanum::test {

inline std::unique_ptr<SecretArena> makeArena()
{
    auto arena = SecretArena::create();
    if (!arena)
        qFatal("arena: %s", arena.error().message.c_str());
    return std::move(arena.value());
}

// `text` copied into a fresh arena buffer.
inline SecretBuffer secretOf(SecretArena& arena, std::string_view text)
{
    auto buffer = arena.allocate(text.size());
    if (!buffer)
        qFatal("allocate: %s", buffer.error().message.c_str());
    if (!text.empty())
        std::memcpy(buffer->data(), text.data(), text.size());
    return std::move(buffer.value());
}

// True when `span` holds exactly the bytes of `expected` (compared in place).
inline bool bytesEqual(SecretSpan span, std::string_view expected)
{
    return span.size() == expected.size() &&
           (expected.empty() || std::memcmp(span.data(), expected.data(), expected.size()) == 0);
}

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
