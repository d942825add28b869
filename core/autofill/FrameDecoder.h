// FrameDecoder: cuts a byte stream into length-prefixed frames (native messaging and our socket).
//
// A frame is a 32-bit length followed by that many bytes. Browsers write the length in native
// byte order on stdin/stdout; our socket between arcanum-browser-host and the app uses little
// endian. The decoder accepts any split of the stream (a frame over many reads, many frames in
// one read), never allocates more than `maxFrame` bytes, and skips a frame that is too large
// (reporting it once) so that the stream stays in step. What it buffers is the outer JSON with
// its ciphertext: nothing here is secret.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace arcanum::autofill {

class FrameDecoder
{
public:
    enum class Order
    {
        Native,      // browser <-> host (stdin, stdout)
        LittleEndian // host <-> app (the Unix socket)
    };
    static constexpr std::size_t headerBytes = 4;

    FrameDecoder(std::size_t maxFrame, Order order) : m_maxFrame(maxFrame), m_order(order) {}

    using FrameHandler = std::function<void(std::span<const std::uint8_t> frame)>;
    using OversizedHandler = std::function<void(std::uint64_t length)>;

    // Consumes `bytes`: calls onFrame for each complete frame (the span is valid during the call
    // only) and onOversized when a frame's header announces more than maxFrame bytes; that
    // frame's bytes are then discarded as they arrive.
    void feed(std::span<const std::uint8_t> bytes, const FrameHandler& onFrame,
              const OversizedHandler& onOversized);

    // True when the stream stopped inside a frame (its header or body): at end of input this is a
    // truncated frame.
    [[nodiscard]] bool midFrame() const { return m_headerFill > 0 || m_inBody || m_skipping > 0; }

    // Appends `payload` as one frame (header + bytes) to `out`.
    static void appendFrame(std::vector<std::uint8_t>& out, std::span<const std::uint8_t> payload,
                            Order order);

private:
    [[nodiscard]] std::uint32_t headerValue() const;

    std::size_t m_maxFrame;
    Order m_order;
    std::uint8_t m_header[headerBytes] = {};
    std::size_t m_headerFill = 0;
    bool m_inBody = false;
    std::size_t m_bodyLength = 0;
    std::vector<std::uint8_t> m_body;
    std::uint64_t m_skipping = 0; // bytes of an oversized frame still to discard
};

} // namespace arcanum::autofill
