// XcbSelectionScrubber: on X11, leaves no copy of a served paste in our process and serves no
// Latin-1 conversion of a secret (issue 11; docs/SECURITY.md §3 "Clipboard").
//
// Qt answers another client's paste with xcb_change_property() straight from the arena, and
// libxcb memcpy's that request into its 16 KiB output queue (xcb_out.c send_request), where it
// stays until later requests overwrite it. After every request Qt serves for our secret, this
// filter flushes and sends a zero-filled ChangeProperty (on a private property of its own
// InputOnly window) that fills the whole queue from its start, twice (libxcb may slip a 4-byte
// sync request in front of one), then deletes the property again: nothing of the paste is left.
// Qt's STRING/TEXT targets convert through two heap buffers freed unwiped (QString::fromUtf8,
// toLatin1): while the secret is on the clipboard the filter answers TARGETS itself without
// them (nor MULTIPLE, whose sub-requests Qt would convert) and refuses STRING, TEXT,
// COMPOUND_TEXT and MULTIPLE requests. Everything else is left to Qt.
//
// createForThisApplication() returns null unless the application runs on xcb. `guarding` says
// whether our secret is on the clipboard right now. Owns its window (destroyed with it).
#pragma once

#include <QAbstractNativeEventFilter>
#include <QObject>
#include <cstdint>
#include <functional>

struct xcb_connection_t;

namespace arcanum {

class XcbSelectionScrubber : public QObject, public QAbstractNativeEventFilter
{
    Q_OBJECT

public:
    // Bytes of libxcb's output queue (XCB_QUEUE_BUFFER_SIZE, libxcb 1.x's default).
    static constexpr std::size_t outputQueueBytes = 16384;

    [[nodiscard]] static XcbSelectionScrubber*
    createForThisApplication(std::function<bool()> guarding, QObject* parent);
    ~XcbSelectionScrubber() override;

    bool nativeEventFilter(const QByteArray& eventType, void* message, qintptr* result) override;

    // Overwrites libxcb's whole output queue with zeros (and sends the queue first).
    void scrubOutputQueue();
    // How many scrubs ran (tests).
    [[nodiscard]] int scrubCount() const { return m_scrubs; }

private:
    XcbSelectionScrubber(xcb_connection_t* connection, std::function<bool()> guarding,
                         QObject* parent);
    [[nodiscard]] std::uint32_t intern(const char* name) const;
    void answerTargets(const void* request);
    void notifyRequestor(const void* request, std::uint32_t property);

    xcb_connection_t* m_connection;
    std::function<bool()> m_guarding;
    std::uint32_t m_window = 0;
    std::uint32_t m_scrubProperty = 0;
    std::uint32_t m_clipboard = 0;
    std::uint32_t m_targets = 0;
    std::uint32_t m_timestamp = 0;
    std::uint32_t m_utf8String = 0;
    std::uint32_t m_text = 0;
    std::uint32_t m_compoundText = 0;
    std::uint32_t m_multiple = 0;
    std::uint32_t m_saveTargets = 0;
    std::uint32_t m_utf8Mime = 0;
    std::uint32_t m_plainMime = 0;
    std::uint32_t m_hintMime = 0;
    bool m_scrubQueued = false;
    int m_scrubs = 0;
};

} // namespace arcanum
