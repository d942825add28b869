#include "clipboard/XcbSelectionScrubber.h"

#include "clipboard/SecretMimeData.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <array>
#include <cstring>
#include <xcb/xcb.h>

namespace arcanum {

namespace {

constexpr std::size_t changePropertyHeaderBytes = 24;
// Fills the queue exactly: header + data = outputQueueBytes (a multiple of 4: no padding).
constexpr std::size_t scrubDataBytes =
    XcbSelectionScrubber::outputQueueBytes - changePropertyHeaderBytes;
const std::array<std::uint8_t, scrubDataBytes> zeros{};

} // namespace

XcbSelectionScrubber* XcbSelectionScrubber::createForThisApplication(std::function<bool()> guarding,
                                                                     QObject* parent)
{
    if (QGuiApplication::platformName() != u"xcb")
        return nullptr;
    auto* x11 = qGuiApp->nativeInterface<QNativeInterface::QX11Application>();
    if (x11 == nullptr || x11->connection() == nullptr)
        return nullptr;
    return new XcbSelectionScrubber(x11->connection(), std::move(guarding), parent);
}

XcbSelectionScrubber::XcbSelectionScrubber(xcb_connection_t* connection,
                                           std::function<bool()> guarding, QObject* parent)
    : QObject(parent), m_connection(connection), m_guarding(std::move(guarding))
{
    const xcb_screen_t* screen = xcb_setup_roots_iterator(xcb_get_setup(m_connection)).data;
    m_window = xcb_generate_id(m_connection);
    xcb_create_window(m_connection, XCB_COPY_FROM_PARENT, m_window, screen->root, 0, 0, 1, 1, 0,
                      XCB_WINDOW_CLASS_INPUT_ONLY, XCB_COPY_FROM_PARENT, 0, nullptr);
    m_scrubProperty = intern("_ARCANUM_SCRUB");
    m_clipboard = intern("CLIPBOARD");
    m_targets = intern("TARGETS");
    m_timestamp = intern("TIMESTAMP");
    m_utf8String = intern("UTF8_STRING");
    m_text = intern("TEXT");
    m_compoundText = intern("COMPOUND_TEXT");
    m_multiple = intern("MULTIPLE");
    m_saveTargets = intern("SAVE_TARGETS");
    m_utf8Mime = intern("text/plain;charset=utf-8");
    m_plainMime = intern("text/plain");
    m_hintMime = intern("x-kde-passwordManagerHint");
    xcb_flush(m_connection);
    QCoreApplication::instance()->installNativeEventFilter(this);
}

XcbSelectionScrubber::~XcbSelectionScrubber()
{
    if (QCoreApplication::instance())
        QCoreApplication::instance()->removeNativeEventFilter(this);
    xcb_destroy_window(m_connection, m_window);
    xcb_flush(m_connection);
}

std::uint32_t XcbSelectionScrubber::intern(const char* name) const
{
    xcb_intern_atom_reply_t* reply = xcb_intern_atom_reply(
        m_connection,
        xcb_intern_atom(m_connection, 0, static_cast<std::uint16_t>(std::strlen(name)), name),
        nullptr);
    const std::uint32_t atom = reply ? reply->atom : std::uint32_t(XCB_ATOM_NONE);
    std::free(reply);
    return atom;
}

bool XcbSelectionScrubber::nativeEventFilter(const QByteArray& eventType, void* message, qintptr*)
{
    if (eventType != "xcb_generic_event_t")
        return false;
    const auto* event = static_cast<const xcb_generic_event_t*>(message);
    if ((event->response_type & 0x7f) != XCB_SELECTION_REQUEST)
        return false;
    const auto* request = static_cast<const xcb_selection_request_event_t*>(message);
    if (request->selection != m_clipboard || !m_guarding())
        return false;

    const std::uint32_t target = request->target;
    if (target == m_targets) {
        answerTargets(request);
        return true;
    }
    if (target == XCB_ATOM_STRING || target == m_text || target == m_compoundText ||
        target == m_multiple) {
        notifyRequestor(request, XCB_ATOM_NONE); // refused: no Latin-1 copy of a secret
        return true;
    }
    // Qt serves this one (from the arena); once it has, wipe what libxcb kept of it.
    if (!m_scrubQueued) {
        m_scrubQueued = true;
        QMetaObject::invokeMethod(this, &XcbSelectionScrubber::scrubOutputQueue,
                                  Qt::QueuedConnection);
    }
    return false;
}

void XcbSelectionScrubber::answerTargets(const void* message)
{
    const auto* request = static_cast<const xcb_selection_request_event_t*>(message);
    const std::uint32_t targets[] = {m_targets,  m_timestamp, m_saveTargets, m_utf8String,
                                     m_utf8Mime, m_plainMime, m_hintMime};
    // ICCCM: an obsolete client may leave the property None; then the target names it.
    const std::uint32_t property =
        request->property != XCB_ATOM_NONE ? request->property : request->target;
    xcb_change_property(m_connection, XCB_PROP_MODE_REPLACE, request->requestor, property,
                        XCB_ATOM_ATOM, 32, static_cast<std::uint32_t>(std::size(targets)), targets);
    notifyRequestor(request, property);
}

void XcbSelectionScrubber::notifyRequestor(const void* message, std::uint32_t property)
{
    const auto* request = static_cast<const xcb_selection_request_event_t*>(message);
    // xcb_send_event always sends 32 bytes; the notify struct is shorter.
    std::array<char, 32> bytes{};
    xcb_selection_notify_event_t notify{};
    notify.response_type = XCB_SELECTION_NOTIFY;
    notify.time = request->time;
    notify.requestor = request->requestor;
    notify.selection = request->selection;
    notify.target = request->target;
    notify.property = property;
    std::memcpy(bytes.data(), &notify, sizeof notify);
    xcb_send_event(m_connection, 0, request->requestor, XCB_EVENT_MASK_NO_EVENT, bytes.data());
    xcb_flush(m_connection);
}

void XcbSelectionScrubber::scrubOutputQueue()
{
    m_scrubQueued = false;
    // After a flush the queue is empty and the next request is copied to its start; one that
    // fills it overwrites every byte. Twice, because libxcb puts a 4-byte GetInputFocus in
    // front of a request every 65534 requests without a reply, which would push ours out of
    // the queue (sent straight from `zeros` instead).
    for (int pass = 0; pass < 2; ++pass) {
        xcb_flush(m_connection);
        xcb_change_property(m_connection, XCB_PROP_MODE_REPLACE, m_window, m_scrubProperty,
                            XCB_ATOM_CARDINAL, 8, static_cast<std::uint32_t>(zeros.size()),
                            zeros.data());
    }
    xcb_flush(m_connection);
    xcb_delete_property(m_connection, m_window, m_scrubProperty);
    xcb_flush(m_connection);
    ++m_scrubs;
}

} // namespace arcanum
