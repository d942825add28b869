// Helpers shared by the ui tests: an arena per test, test plaintext copied into it, random
// canaries, a scan of the process memory outside the arena, and image comparison for rendering
// tests. Test strings are literals (test data, not user secrets).
#pragma once

#include "secret/SecretArena.h"
#include "text/Utf8.h"

#include <QImage>
#include <QKeyEvent>
#include <QString>
#include <QWidget>
#include <QtGlobal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <sodium.h>
#include <string>
#include <string_view>
#include <unistd.h>

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

// `length` random lowercase letters, generated in the arena (so the only copy starts there).
inline SecretBuffer randomCanary(SecretArena& arena, std::size_t length)
{
    auto buffer = arena.allocate(length);
    if (!buffer)
        qFatal("allocate: %s", buffer.error().message.c_str());
    randombytes_buf(buffer->data(), length);
    for (std::uint8_t& byte : buffer->bytes())
        byte = std::uint8_t('a' + byte % 26);
    return std::move(buffer.value());
}

// The UTF-16 form of `utf8`, in the arena.
inline SecretBuffer utf16Of(SecretArena& arena, SecretSpan utf8)
{
    auto buffer = arena.allocate(Utf8::utf16Length(utf8) * sizeof(char16_t));
    if (!buffer)
        qFatal("allocate: %s", buffer.error().message.c_str());
    Utf8::toUtf16(utf8, {reinterpret_cast<char16_t*>(buffer->data()), buffer->size() / 2});
    return std::move(buffer.value());
}

// How many times any of `needles` occurs in this process's readable memory outside `arena`
// (heap, stacks, anonymous and file mappings up to 1 GiB each), read through /proc/self/mem so
// that unreadable pages are skipped instead of crashing. The read buffer lives in the arena.
inline int copiesOutsideArena(SecretArena& arena, std::initializer_list<SecretSpan> needles)
{
    constexpr std::size_t chunk = 256 * 1024;
    std::size_t longest = 0;
    for (SecretSpan needle : needles)
        longest = std::max(longest, needle.size());
    auto buffer = arena.allocate(chunk + longest);
    if (!buffer)
        qFatal("allocate: %s", buffer.error().message.c_str());
    const auto arenaRanges = arena.regions();
    const int memory = ::open("/proc/self/mem", O_RDONLY | O_CLOEXEC);
    if (memory < 0)
        qFatal("cannot open /proc/self/mem");
    std::ifstream maps("/proc/self/maps");
    std::string line;
    int found = 0;
    while (std::getline(maps, line)) {
        unsigned long start = 0, end = 0;
        char perms[5] = {};
        if (std::sscanf(line.c_str(), "%lx-%lx %4s", &start, &end, perms) != 3 || perms[0] != 'r')
            continue;
        if (line.find("[vvar]") != std::string::npos ||
            line.find("[vsyscall]") != std::string::npos)
            continue;
        // Terabyte-sized reservations (AddressSanitizer's shadow) hold no data of ours and would
        // take hours to read.
        if (end - start > (1UL << 30))
            continue;
        bool inArena = false;
        for (const auto& range : arenaRanges) {
            const auto first = reinterpret_cast<unsigned long>(range.data());
            inArena = inArena || (start < first + range.size() && first < end);
        }
        if (inArena)
            continue;
        for (unsigned long at = start; at < end; at += chunk) {
            const std::size_t wanted = std::min<unsigned long>(chunk + longest, end - at);
            const ssize_t got = ::pread(memory, buffer->data(), wanted, off_t(at));
            if (got <= 0)
                break;
            const auto* data = buffer->data();
            for (SecretSpan needle : needles) {
                const std::size_t limit =
                    std::min<std::size_t>(std::size_t(got), chunk + needle.size() - 1);
                const void* hit = data;
                std::size_t left = limit;
                while ((hit = memmem(hit, left, needle.data(), needle.size())) != nullptr) {
                    ++found;
                    const auto offset =
                        std::size_t(static_cast<const std::uint8_t*>(hit) - data) + 1;
                    hit = data + offset;
                    left = limit - offset;
                }
            }
        }
    }
    ::close(memory);
    return found;
}

// The bytes of `span` as text, for failure messages only (test data, never user secrets).
inline QString bytesOf(SecretSpan span)
{
    return QString::fromUtf8(span.chars(), qsizetype(span.size()));
}

#define QCOMPARE_TEXT(span, expected)                                                              \
    QVERIFY2(::arcanum::test::bytesEqual((span), (expected)),                                      \
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
