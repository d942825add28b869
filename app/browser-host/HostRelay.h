// HostRelay: arcanum-browser-host's whole job — relay native messages between the browser
// (stdin/stdout) and the running Arcanum (its Unix socket), in one poll() loop.
//
// Browser side: a 32-bit native-endian length, then that much JSON (the native-messaging
// framing of Chrome and Firefox). App side: the same with little-endian lengths. Messages in
// both directions are at most maxFrameBytes (1 MiB: the most Chrome accepts from a host); a
// bigger one is skipped and answered with an error, so the stream stays usable. Replies and the
// app's own messages (database-locked, database-unlocked) are written as soon as they arrive.
// No timers, no sleeping, no threads.
//
// It holds no key and sees no plaintext: what it relays is the protocol's envelope around NaCl
// ciphertext. When the app is not running it answers each request itself with the error the
// extension shows for "cannot connect" (code 5), and tries the socket again with the next
// request; when the app closes the connection the host ends, so that the browser reconnects
// (and exchanges keys again) through a new host.
#pragma once

#include "autofill/FrameDecoder.h"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace arcanum::host {

class HostRelay
{
public:
    struct Options
    {
        int input = 0;  // from the browser
        int output = 1; // to the browser
        std::string socketPath;
        // Called once, the first time a request finds Arcanum not running (the "start Arcanum
        // when the browser asks" setting); the request is still answered "not running", and the
        // next one reaches the app once it listens.
        std::function<void()> startApp;
    };

    explicit HostRelay(Options options);
    ~HostRelay();
    HostRelay(const HostRelay&) = delete;
    HostRelay& operator=(const HostRelay&) = delete;

    // Runs until the browser closes stdin or the app closes the socket. Exit status: 0, or 1
    // when the browser's stream ended inside a message or a write failed.
    [[nodiscard]] int run();

private:
    void fromBrowser(std::span<const std::uint8_t> frame);
    void fromApp(std::span<const std::uint8_t> frame);
    void toBrowser(std::string_view json);
    bool connectToApp();
    void dropApp();
    // Writes what it can without blocking; false when the descriptor failed.
    static bool flush(int fd, std::vector<std::uint8_t>& buffer, std::size_t& written);

    Options m_options;
    autofill::FrameDecoder m_browserFrames;
    autofill::FrameDecoder m_appFrames;
    int m_socket = -1;
    bool m_appClosed = false;
    std::vector<std::uint8_t> m_toBrowser, m_toApp;
    std::size_t m_toBrowserWritten = 0, m_toAppWritten = 0;
    bool m_failed = false;
    bool m_startedApp = false;
};

} // namespace arcanum::host
