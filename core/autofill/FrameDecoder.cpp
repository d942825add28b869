#include "autofill/FrameDecoder.h"

#include <algorithm>
#include <cstring>

namespace arcanum::autofill {

std::uint32_t FrameDecoder::headerValue() const
{
    if (m_order == Order::Native) {
        std::uint32_t value = 0;
        std::memcpy(&value, m_header, sizeof value);
        return value;
    }
    return std::uint32_t(m_header[0]) | std::uint32_t(m_header[1]) << 8 |
           std::uint32_t(m_header[2]) << 16 | std::uint32_t(m_header[3]) << 24;
}

void FrameDecoder::feed(std::span<const std::uint8_t> bytes, const FrameHandler& onFrame,
                        const OversizedHandler& onOversized)
{
    while (!bytes.empty()) {
        if (m_skipping > 0) {
            const std::size_t n = std::size_t(std::min<std::uint64_t>(m_skipping, bytes.size()));
            m_skipping -= n;
            bytes = bytes.subspan(n);
            continue;
        }
        if (!m_inBody) {
            const std::size_t n = std::min(headerBytes - m_headerFill, bytes.size());
            std::memcpy(m_header + m_headerFill, bytes.data(), n);
            m_headerFill += n;
            bytes = bytes.subspan(n);
            if (m_headerFill < headerBytes)
                return;
            m_headerFill = 0;
            const std::uint32_t length = headerValue();
            if (length > m_maxFrame) {
                m_skipping = length;
                onOversized(length);
                continue;
            }
            m_bodyLength = length;
            m_inBody = true;
            m_body.clear();
        }
        // A whole frame inside this chunk with nothing buffered: hand it over without a copy.
        if (m_body.empty() && bytes.size() >= m_bodyLength) {
            m_inBody = false;
            const auto frame = bytes.first(m_bodyLength);
            bytes = bytes.subspan(m_bodyLength);
            onFrame(frame);
            continue;
        }
        const std::size_t n = std::min(m_bodyLength - m_body.size(), bytes.size());
        m_body.insert(m_body.end(), bytes.begin(), bytes.begin() + std::ptrdiff_t(n));
        bytes = bytes.subspan(n);
        if (m_body.size() == m_bodyLength) {
            m_inBody = false;
            std::vector<std::uint8_t> frame;
            frame.swap(m_body);
            onFrame(frame);
        }
    }
}

void FrameDecoder::appendFrame(std::vector<std::uint8_t>& out,
                               std::span<const std::uint8_t> payload, Order order)
{
    const auto length = static_cast<std::uint32_t>(payload.size());
    std::uint8_t header[headerBytes];
    if (order == Order::Native) {
        std::memcpy(header, &length, sizeof length);
    } else {
        header[0] = std::uint8_t(length);
        header[1] = std::uint8_t(length >> 8);
        header[2] = std::uint8_t(length >> 16);
        header[3] = std::uint8_t(length >> 24);
    }
    out.insert(out.end(), header, header + headerBytes);
    out.insert(out.end(), payload.begin(), payload.end());
}

} // namespace arcanum::autofill
