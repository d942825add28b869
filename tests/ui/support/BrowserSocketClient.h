// Test support: a client of the app's browser socket (what arcanum-browser-host is to the app):
// little-endian framed messages, read while the event loop runs. Header-only.
#pragma once

#include "AutofillTestSupport.h"
#include "autofill/FrameDecoder.h"
#include "autofill/ProtocolLimits.h"

#include <QString>
#include <QtTest>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <vector>

namespace arcanum::test {

class BrowserSocketClient
{
public:
    explicit BrowserSocketClient(const QString& path)
    {
        m_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, path.toLocal8Bit().constData(), sizeof address.sun_path - 1);
        if (::connect(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
            close(m_fd);
            m_fd = -1;
        }
    }
    ~BrowserSocketClient()
    {
        if (m_fd >= 0)
            close(m_fd);
    }
    bool connected() const { return m_fd >= 0; }
    void send(const std::string& json)
    {
        const auto bytes = frame(json);
        QCOMPARE(write(m_fd, bytes.data(), bytes.size()), ssize_t(bytes.size()));
    }
    // The next message, running the event loop meanwhile ("" after 10 s).
    std::string next()
    {
        for (int i = 0; i < 500 && m_frames.empty(); ++i) {
            QTest::qWait(20);
            std::uint8_t buffer[65536];
            const ssize_t n = read(m_fd, buffer, sizeof buffer);
            if (n > 0)
                m_decoder.feed(
                    {buffer, std::size_t(n)},
                    [&](std::span<const std::uint8_t> f) {
                        m_frames.emplace_back(f.begin(), f.end());
                    },
                    [](std::uint64_t) {});
        }
        if (m_frames.empty())
            return {};
        std::string first = m_frames.front();
        m_frames.erase(m_frames.begin());
        return first;
    }
    std::string roundTrip(const std::string& json)
    {
        send(json);
        return next();
    }

private:
    int m_fd = -1;
    autofill::FrameDecoder m_decoder{autofill::maxFrameBytes,
                                     autofill::FrameDecoder::Order::LittleEndian};
    std::vector<std::string> m_frames;
};

} // namespace arcanum::test
