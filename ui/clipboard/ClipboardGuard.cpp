#include "clipboard/ClipboardGuard.h"

#include "clipboard/SecretMimeData.h"
#include "clipboard/XcbSelectionScrubber.h"
#include "secret/SecretArena.h"

#include <QClipboard>
#include <QGuiApplication>
#include <algorithm>
#include <utility>

namespace arcanum {

ClipboardGuard::ClipboardGuard(QObject* parent)
    : ClipboardGuard(QGuiApplication::clipboard(), parent)
{}

ClipboardGuard::ClipboardGuard(QClipboard* clipboard, QObject* parent)
    : QObject(parent), m_clipboard(clipboard)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ClipboardGuard::onTimeout);
    if (m_clipboard)
        connect(m_clipboard, &QClipboard::dataChanged, this, &ClipboardGuard::onClipboardChanged);
    m_scrubber =
        XcbSelectionScrubber::createForThisApplication([this] { return isActive(); }, this);
}

bool ClipboardGuard::onWayland()
{
    return QGuiApplication::platformName().startsWith(u"wayland");
}

ClipboardGuard::~ClipboardGuard()
{
    clearNow();
}

void ClipboardGuard::setClearAfter(std::chrono::milliseconds delay)
{
    m_clearAfter = std::max(delay, std::chrono::milliseconds(1));
}

Result<void> ClipboardGuard::copy(SecretArena& arena, SecretSpan secret)
{
    if (secret.empty())
        return makeError(ErrorCode::InvalidArgument,
                         tr("There is nothing to copy: the field is empty.").toStdString());
    if (!m_clipboard)
        return makeError(ErrorCode::SystemError, tr("There is no clipboard.").toStdString());
    auto buffer = arena.copyOf(secret);
    if (!buffer)
        return buffer.error();

    // On Wayland, bare text/plain is served through QString (two heap copies); every Wayland
    // client and XWayland ask for text/plain;charset=utf-8 instead. X11 needs the bare one.
    const auto plainText =
        onWayland() ? SecretMimeData::PlainText::Omit : SecretMimeData::PlainText::Offer;
    auto* mimeData = new SecretMimeData(buffer->span(), plainText);

    QPointer<SecretMimeData> previous = m_mimeData;
    SecretBuffer previousBuffer = std::move(m_buffer);
    m_mimeData = mimeData;
    m_buffer = std::move(buffer.value());
    m_clipboard->setMimeData(mimeData, QClipboard::Clipboard); // the clipboard owns it now

    // Qt deleted the previous object (xcb, offscreen) or orphaned it (Wayland): either way it
    // must not serve the bytes we are about to wipe.
    if (previous)
        previous->forget();
    previousBuffer.reset();
    m_timer.start(m_clearAfter);
    return {};
}

bool ClipboardGuard::isActive() const
{
    return m_mimeData && m_clipboard &&
           m_clipboard->mimeData(QClipboard::Clipboard) == m_mimeData.data();
}

bool ClipboardGuard::holdsEmptyOffer() const
{
    return m_emptyOffer && m_clipboard &&
           m_clipboard->mimeData(QClipboard::Clipboard) == m_emptyOffer.data();
}

int ClipboardGuard::remainingMs() const
{
    return m_timer.isActive() ? m_timer.remainingTime() : -1;
}

void ClipboardGuard::clearNow()
{
    if (isActive()) {
        // Replace, do not drop: whoever saved our content gets zero bytes to save instead.
        m_clearing = true;
        auto* empty = SecretMimeData::emptyOffer(onWayland() ? SecretMimeData::PlainText::Omit
                                                             : SecretMimeData::PlainText::Offer);
        m_emptyOffer = empty;
        m_clipboard->setMimeData(empty, QClipboard::Clipboard); // the clipboard owns it
        m_clearing = false;
        dropSecret();
        emit cleared();
        return;
    }
    dropSecret();
}

void ClipboardGuard::onClipboardChanged()
{
    if (m_clearing || m_buffer.isNull() || isActive())
        return;
    dropSecret();
    emit replaced();
}

void ClipboardGuard::onAboutToQuit()
{
    clearNow();
    // Qt's Wayland plugin sends requests when the event loop wakes or is about to block; the
    // loop is over, so one more pass sends set_selection(empty offer) before the connection
    // closes. Without it the compositor would see our selection vanish and offer its saved copy.
    if (holdsEmptyOffer() && onWayland())
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
}

void ClipboardGuard::onTimeout()
{
    clearNow();
}

void ClipboardGuard::dropSecret()
{
    m_timer.stop();
    if (m_mimeData)
        m_mimeData->forget();
    m_mimeData = nullptr;
    m_buffer.reset();
}

} // namespace arcanum
