// SecretMimeData: clipboard content served straight out of a SecretArena (DESIGN.md §6).
//
// Holds a SecretSpan, never a copy: retrieveData() wraps the arena bytes in
// QByteArray::fromRawData, so Qt's clipboard code reads them in place. Offers
// "x-kde-passwordManagerHint" = "secret" (clipboard managers that honour it keep no history; it
// comes first, so weston's clipboard, which saves only a selection whose first type is
// text/plain;charset=utf-8, never reads ours), "text/plain;charset=utf-8", optionally bare
// "text/plain". The span must stay valid until
// forget() is called; ClipboardGuard owns the bytes and calls forget() before wiping them.
// emptyOffer() is what a clear leaves on the clipboard: the same formats and hint, zero bytes of
// text, so a compositor or clipboard manager that saved our content replaces it with nothing.
//
// What other code does with the bytes (Qt 6.4.2 / libxcb 1.15 source read, xcb measured under
// Xvfb with xclip and a scan of /proc/self/mem; docs/SECURITY.md lists these):
//   xcb, UTF8_STRING or text/plain;charset=utf-8 target: no heap copy in Qt; libxcb memcpy's
//     the property request into its 16 KiB output queue (xcb_out.c send_request).
//     XcbSelectionScrubber overwrites that queue right after: 0 copies after a paste (measured
//     from outside with a canary scan; 1 before it existed).
//   xcb, STRING/TEXT target: Qt would convert through two heap buffers (QString::fromUtf8,
//     toLatin1), freed unwiped; XcbSelectionScrubber neither offers nor serves these targets.
//   wayland, text/plain;charset=utf-8: write(2) from the arena into the pipe, no heap copy.
//     bare text/plain: mimeData->text().toUtf8() = a UTF-16 QString and a UTF-8 QByteArray,
//     freed unwiped. That is why PlainText::Omit exists (ClipboardGuard uses it on Wayland).
//   any caller of QMimeData::text() in our own process (e.g. pasting into a QLineEdit) gets a
//     QString copy; read data(utf8TextFormat()) into arena memory instead.
#pragma once

#include "secret/SecretSpan.h"

#include <QMimeData>

namespace arcanum {

class SecretMimeData final : public QMimeData
{
    Q_OBJECT

public:
    // Whether to advertise bare "text/plain" besides "text/plain;charset=utf-8". X11 needs it
    // (Qt maps UTF8_STRING to it); on Wayland it only adds the two-copy path.
    enum class PlainText
    {
        Offer,
        Omit
    };

    explicit SecretMimeData(SecretSpan secret, PlainText plainText = PlainText::Offer);
    ~SecretMimeData() override;

    // The same formats and hint with zero bytes of text (what a clear puts on the clipboard).
    [[nodiscard]] static SecretMimeData* emptyOffer(PlainText plainText);
    [[nodiscard]] bool isEmptyOffer() const { return m_emptyOffer; }

    // Drops the span: from now on no formats and no data. Call before the bytes are wiped.
    void forget();
    [[nodiscard]] bool isForgotten() const { return m_secret.data() == nullptr && !m_emptyOffer; }

    [[nodiscard]] QStringList formats() const override;
    [[nodiscard]] bool hasFormat(const QString& mimeType) const override;

    static QString utf8TextFormat() { return QStringLiteral("text/plain;charset=utf-8"); }
    static QString plainTextFormat() { return QStringLiteral("text/plain"); }
    static QString passwordManagerHintFormat()
    {
        return QStringLiteral("x-kde-passwordManagerHint");
    }

protected:
    [[nodiscard]] QVariant retrieveData(const QString& mimeType,
                                        QMetaType preferredType) const override;

private:
    SecretSpan m_secret;
    PlainText m_plainText;
    bool m_emptyOffer = false;
};

} // namespace arcanum
