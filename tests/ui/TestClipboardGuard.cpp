// Tests for ClipboardGuard and SecretMimeData: the clipboard serves the secret in place from the
// arena, carries the password-manager hint, is cleared after the timeout only while it still
// holds our content, and our copy in the arena is wiped (DESIGN.md §6).
#include "clipboard/ClipboardGuard.h"
#include "clipboard/SecretMimeData.h"
#include "secret/SecretArena.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <QSignalSpy>
#include <QtTest>
#include <cstring>
#include <memory>

using namespace arcanum;
using namespace std::chrono_literals;

namespace {

constexpr char secretText[] = "hunter2 \xc3\xa9t\xc3\xa9 \xe2\x82\xac"; // UTF-8, not ASCII-only
constexpr std::size_t secretSize = sizeof secretText - 1;

QClipboard* clipboard()
{
    return QGuiApplication::clipboard();
}

// What the clipboard serves for `format` right now, or an empty array.
QByteArray served(const QString& format)
{
    const QMimeData* data = clipboard()->mimeData();
    return data ? data->data(format) : QByteArray();
}

// Nothing to paste: no content, or the empty offer a clear leaves behind.
bool clipboardIsEmpty()
{
    const QMimeData* data = clipboard()->mimeData();
    return !data ||
           (data->data(SecretMimeData::utf8TextFormat()).isEmpty() &&
            data->data(SecretMimeData::plainTextFormat()).isEmpty() && data->text().isEmpty());
}

bool isZero(const void* bytes, std::size_t size)
{
    const auto* p = static_cast<const unsigned char*>(bytes);
    for (std::size_t i = 0; i < size; ++i)
        if (p[i] != 0)
            return false;
    return true;
}

} // namespace

class TestClipboardGuard : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SecretArena> m_arena;
    SecretBuffer m_secret;

private slots:
    void init()
    {
        auto arena = SecretArena::create();
        QVERIFY2(arena, arena ? "" : arena.error().message.c_str());
        m_arena = std::move(arena.value());
        auto buffer = m_arena->allocate(secretSize);
        QVERIFY(buffer);
        m_secret = std::move(buffer.value());
        std::memcpy(m_secret.data(), secretText, secretSize);
        clipboard()->clear();
    }

    void cleanup()
    {
        clipboard()->clear();
        m_secret.reset();
        m_arena.reset();
    }

    void clipboardServesTheSecretInPlaceFromTheArena()
    {
        ClipboardGuard guard;
        QVERIFY(guard.copy(*m_arena, m_secret.span()).ok());
        QVERIFY(guard.isActive());

        for (const QString& format :
             {SecretMimeData::utf8TextFormat(), SecretMimeData::plainTextFormat()}) {
            const QByteArray bytes = served(format);
            QCOMPARE(std::size_t(bytes.size()), secretSize);
            QCOMPARE(std::memcmp(bytes.constData(), m_secret.data(), secretSize), 0);
            // Not a heap copy: the bytes Qt hands out are the guard's own arena buffer.
            QVERIFY(m_arena->contains(bytes.constData()));
            QVERIFY(bytes.constData() != reinterpret_cast<const char*>(m_secret.data()));
        }
    }

    void passwordManagerHintIsOffered()
    {
        ClipboardGuard guard;
        QVERIFY(guard.copy(*m_arena, m_secret.span()).ok());
        const QMimeData* data = clipboard()->mimeData();
        QVERIFY(data);
        QVERIFY(data->hasFormat(QStringLiteral("x-kde-passwordManagerHint")));
        QCOMPARE(data->data(QStringLiteral("x-kde-passwordManagerHint")), QByteArray("secret"));
        QCOMPARE(data->formats(), (QStringList{QStringLiteral("x-kde-passwordManagerHint"),
                                               QStringLiteral("text/plain;charset=utf-8"),
                                               QStringLiteral("text/plain")}));
        QVERIFY(data->hasFormat(QStringLiteral("text/plain;charset=utf-8")));
        QVERIFY(!data->hasFormat(QStringLiteral("text/html")));
        QVERIFY(data->data(QStringLiteral("text/html")).isEmpty());
    }

    void clearsAfterTheTimeoutAndWipesItsCopy()
    {
        ClipboardGuard guard;
        guard.setClearAfter(100ms);
        QSignalSpy cleared(&guard, &ClipboardGuard::cleared);
        QVERIFY(guard.copy(*m_arena, m_secret.span()).ok());
        QVERIFY(!clipboardIsEmpty());
        const char* ours = served(SecretMimeData::utf8TextFormat()).constData();
        QVERIFY(guard.remainingMs() > 0);

        QTRY_VERIFY(clipboardIsEmpty());
        QCOMPARE(cleared.count(), 1);
        QVERIFY(!guard.isActive());
        QCOMPARE(guard.remainingMs(), -1);
        QVERIFY(isZero(ours, secretSize)); // freed and wiped, still arena memory
        QCOMPARE(std::memcmp(m_secret.data(), secretText, secretSize), 0); // source untouched
    }

    void clearLeavesAnEmptyOfferOfOurOwn()
    {
        // A compositor or clipboard manager that saved our content must get nothing to save
        // instead, not be left to offer its copy again: the clear replaces, it does not drop.
        ClipboardGuard guard;
        QVERIFY(guard.copy(*m_arena, m_secret.span()).ok());
        guard.clearNow();
        QVERIFY(!guard.isActive());
        QVERIFY(guard.holdsEmptyOffer());
        const QMimeData* data = clipboard()->mimeData();
        QVERIFY(data);
        QCOMPARE(data->formats(), (QStringList{QStringLiteral("x-kde-passwordManagerHint"),
                                               QStringLiteral("text/plain;charset=utf-8"),
                                               QStringLiteral("text/plain")}));
        QVERIFY(data->data(SecretMimeData::utf8TextFormat()).isEmpty());
        QCOMPARE(data->data(SecretMimeData::passwordManagerHintFormat()), QByteArray("secret"));
        // It stays after the guard is gone (quit): nothing to restore but nothing.
        QPointer<const QMimeData> left = data;
        {
            ClipboardGuard other;
        }
        QCOMPARE(clipboard()->mimeData(), left.data());
    }

    void emptyOfferServesZeroBytes()
    {
        std::unique_ptr<SecretMimeData> offer(
            SecretMimeData::emptyOffer(SecretMimeData::PlainText::Omit));
        QVERIFY(offer->isEmptyOffer());
        QVERIFY(!offer->isForgotten());
        QCOMPARE(offer->formats(), (QStringList{QStringLiteral("x-kde-passwordManagerHint"),
                                                QStringLiteral("text/plain;charset=utf-8")}));
        const QByteArray bytes = offer->data(SecretMimeData::utf8TextFormat());
        QVERIFY(bytes.isEmpty());
        offer->forget();
        QVERIFY(offer->formats().isEmpty());
    }

    void leavesWhatSomeoneElseCopiedAlone()
    {
        ClipboardGuard guard;
        guard.setClearAfter(100ms);
        QSignalSpy cleared(&guard, &ClipboardGuard::cleared);
        QSignalSpy replaced(&guard, &ClipboardGuard::replaced);
        QVERIFY(guard.copy(*m_arena, m_secret.span()).ok());
        const char* ours = served(SecretMimeData::utf8TextFormat()).constData();

        clipboard()->setText(QStringLiteral("copied by another app"));
        QCOMPARE(replaced.count(), 1);
        QVERIFY(!guard.isActive());
        QVERIFY(isZero(ours, secretSize)); // wiped as soon as it left the clipboard

        QTest::qWait(300); // past the timeout
        QCOMPARE(clipboard()->text(), QStringLiteral("copied by another app"));
        QCOMPARE(cleared.count(), 0);
        guard.clearNow();
        QCOMPARE(clipboard()->text(), QStringLiteral("copied by another app"));
    }

    void clearNowClears()
    {
        ClipboardGuard guard;
        QSignalSpy cleared(&guard, &ClipboardGuard::cleared);
        QVERIFY(guard.copy(*m_arena, m_secret.span()).ok());
        const char* ours = served(SecretMimeData::utf8TextFormat()).constData();
        guard.clearNow();
        QVERIFY(clipboardIsEmpty());
        QCOMPARE(cleared.count(), 1);
        QVERIFY(isZero(ours, secretSize));
        guard.clearNow(); // idempotent, nothing more to say
        QCOMPARE(cleared.count(), 1);
    }

    void clearNowBeforeTheArenaGoesAway()
    {
        ClipboardGuard guard;
        QVERIFY(guard.copy(*m_arena, m_secret.span()).ok());
        QPointer<const QMimeData> onClipboard = clipboard()->mimeData();
        guard.clearNow(); // the lock sequence: guard first, then the arena
        m_secret.reset();
        m_arena->release();
        QVERIFY(clipboardIsEmpty());
        QVERIFY(!onClipboard || onClipboard->formats().isEmpty());
    }

    void secondCopyReplacesTheFirst()
    {
        ClipboardGuard guard;
        QSignalSpy replaced(&guard, &ClipboardGuard::replaced);
        QVERIFY(guard.copy(*m_arena, m_secret.span()).ok());
        const char* first = served(SecretMimeData::utf8TextFormat()).constData();
        QVERIFY(guard.copy(*m_arena, m_secret.span().sub(0, 7)).ok());
        QCOMPARE(served(SecretMimeData::utf8TextFormat()), QByteArray("hunter2"));
        QVERIFY(isZero(first, secretSize));
        QCOMPARE(replaced.count(), 0); // we replaced ourselves
        QVERIFY(guard.isActive());
    }

    void destructionClears()
    {
        {
            ClipboardGuard guard;
            QVERIFY(guard.copy(*m_arena, m_secret.span()).ok());
        }
        QVERIFY(clipboardIsEmpty());
    }

    void emptySecretIsRefused()
    {
        clipboard()->setText(QStringLiteral("unchanged"));
        ClipboardGuard guard;
        const Result<void> result = guard.copy(*m_arena, SecretSpan());
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(clipboard()->text(), QStringLiteral("unchanged"));
        QVERIFY(!guard.isActive());
    }

    void mimeDataWithoutBarePlainText()
    {
        SecretMimeData data(m_secret.span(), SecretMimeData::PlainText::Omit);
        QCOMPARE(data.formats(), (QStringList{QStringLiteral("x-kde-passwordManagerHint"),
                                              QStringLiteral("text/plain;charset=utf-8")}));
        QVERIFY(!data.hasFormat(QStringLiteral("text/plain")));
        QVERIFY(data.data(QStringLiteral("text/plain")).isEmpty());
        QCOMPARE(data.data(SecretMimeData::utf8TextFormat()).constData(),
                 reinterpret_cast<const char*>(m_secret.data()));
    }

    void forgottenMimeDataServesNothing()
    {
        SecretMimeData data(m_secret.span());
        QVERIFY(!data.isForgotten());
        data.forget();
        QVERIFY(data.isForgotten());
        QVERIFY(data.formats().isEmpty());
        QVERIFY(!data.hasText());
        QVERIFY(data.data(SecretMimeData::utf8TextFormat()).isEmpty());
        QVERIFY(data.data(SecretMimeData::passwordManagerHintFormat()).isEmpty());
    }
};

QTEST_MAIN(TestClipboardGuard)
#include "TestClipboardGuard.moc"
