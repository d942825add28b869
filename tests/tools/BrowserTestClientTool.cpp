// arcanum-browser-test-client: the browser's side of autofill for the Flatpak sandbox tests
// (packaging/flatpak/test-sandbox.sh). Starts the host command it is given, as a browser starts
// its native-messaging host (pipes on stdin and stdout, native-endian frames), and
//   1. exchanges keys (change-public-keys): the reply must carry a server key and our nonce + 1;
//   2. sends an encrypted get-databasehash: the reply must decrypt with the exchanged keys.
//
//   arcanum-browser-test-client [--expect-not-running] -- HOST-COMMAND [ARGS...]
//
// With --expect-not-running it checks instead that the host answers the key exchange with the
// extension's "cannot connect" error (code 5): the host ran, but no app socket was reachable.
// Prints one line per step; exit status 0 when every step passed, 1 otherwise (with the reason).
// Test-side only: this process holds the decrypted reply in ordinary memory.
#include "AutofillTestSupport.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <poll.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace arcanum;
using namespace arcanum::test;

namespace {

constexpr int replyTimeoutMs = 60'000; // `flatpak run` starts a sandbox first

class HostProcess
{
public:
    explicit HostProcess(char** argv)
    {
        int toHost[2], fromHost[2];
        if (pipe(toHost) != 0 || pipe(fromHost) != 0)
            fail("pipe: " + std::string(std::strerror(errno)));
        m_pid = fork();
        if (m_pid < 0)
            fail("fork: " + std::string(std::strerror(errno)));
        if (m_pid == 0) {
            dup2(toHost[0], 0);
            dup2(fromHost[1], 1);
            close(toHost[0]);
            close(toHost[1]);
            close(fromHost[0]);
            close(fromHost[1]);
            execvp(argv[0], argv);
            std::fprintf(stderr, "arcanum-browser-test-client: cannot start %s: %s\n", argv[0],
                         std::strerror(errno));
            _exit(127);
        }
        close(toHost[0]);
        close(fromHost[1]);
        m_in = toHost[1];
        m_out = fromHost[0];
    }
    ~HostProcess()
    {
        close(m_in); // the browser closes the host's stdin: the host ends
        close(m_out);
        int status = 0;
        for (int i = 0; i < 100; ++i) {
            if (waitpid(m_pid, &status, WNOHANG) == m_pid)
                return;
            usleep(100'000);
        }
        kill(m_pid, SIGKILL);
        waitpid(m_pid, &status, 0);
    }
    HostProcess(const HostProcess&) = delete;
    HostProcess& operator=(const HostProcess&) = delete;

    std::string roundTrip(const std::string& json)
    {
        std::vector<std::uint8_t> bytes(4);
        const auto length = std::uint32_t(json.size());
        std::memcpy(bytes.data(), &length, 4); // native byte order, as browsers write it
        bytes.insert(bytes.end(), json.begin(), json.end());
        for (std::size_t done = 0; done < bytes.size();) {
            const ssize_t n = write(m_in, bytes.data() + done, bytes.size() - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                fail("writing to the host: " + std::string(std::strerror(errno)));
            done += std::size_t(n);
        }
        return next();
    }

    [[noreturn]] static void fail(const std::string& why)
    {
        std::fprintf(stderr, "arcanum-browser-test-client: %s\n", why.c_str());
        std::exit(1);
    }

private:
    // The next frame from the host; fails after replyTimeoutMs or when the host's stdout ends.
    std::string next()
    {
        const auto deadline =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(replyTimeoutMs);
        for (;;) {
            if (m_buffer.size() >= 4) {
                std::uint32_t length = 0;
                std::memcpy(&length, m_buffer.data(), 4);
                if (m_buffer.size() >= 4 + std::size_t(length)) {
                    std::string message(m_buffer.begin() + 4, m_buffer.begin() + 4 + length);
                    m_buffer.erase(m_buffer.begin(), m_buffer.begin() + 4 + length);
                    return message;
                }
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  deadline - std::chrono::steady_clock::now())
                                  .count();
            if (left <= 0)
                fail("no reply from the host within " + std::to_string(replyTimeoutMs / 1000) +
                     " s");
            pollfd p{m_out, POLLIN, 0};
            if (poll(&p, 1, int(left)) < 0 && errno != EINTR)
                fail("poll: " + std::string(std::strerror(errno)));
            if (p.revents == 0)
                continue;
            std::uint8_t chunk[4096];
            const ssize_t n = read(m_out, chunk, sizeof chunk);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                fail("the host ended without a reply");
            m_buffer.insert(m_buffer.end(), chunk, chunk + n);
        }
    }

    pid_t m_pid = -1;
    int m_in = -1, m_out = -1;
    std::vector<std::uint8_t> m_buffer;
};

int usage()
{
    std::fprintf(stderr, "usage: arcanum-browser-test-client [--expect-not-running] -- "
                         "HOST-COMMAND [ARGS...]\n");
    return 2;
}

} // namespace

int main(int argc, char** argv)
{
    std::signal(SIGPIPE, SIG_IGN);
    bool expectNotRunning = false;
    int i = 1;
    for (; i < argc && std::strcmp(argv[i], "--") != 0; ++i) {
        if (std::strcmp(argv[i], "--expect-not-running") == 0)
            expectNotRunning = true;
        else
            return usage();
    }
    if (i + 1 >= argc)
        return usage();

    HostProcess host(argv + i + 1);
    BrowserTestClient client;
    const std::string keysReply = host.roundTrip(client.changePublicKeys());
    if (expectNotRunning) {
        const auto json = parseJson(keysReply);
        if (field(json, "action") != "change-public-keys" || !json.HasMember("errorCode") ||
            !json["errorCode"].IsInt() || json["errorCode"].GetInt() != 5)
            HostProcess::fail("expected the \"not running\" error (code 5), got: " + keysReply);
        std::printf("change-public-keys: error 5 (%s), as expected without the app\n",
                    field(json, "error").c_str());
        return 0;
    }
    if (!client.acceptKeys(keysReply))
        HostProcess::fail("change-public-keys: the reply is not a key exchange: " + keysReply);
    std::printf("change-public-keys: server key received, nonce incremented\n");

    const std::string hashReply = host.roundTrip(client.request("get-databasehash"));
    const auto text = client.open(hashReply);
    if (!text)
        HostProcess::fail("get-databasehash: the reply does not decrypt: " + hashReply);
    const std::string hash = field(parseJson(*text), "hash");
    if (hash.size() != 64)
        HostProcess::fail("get-databasehash: no 64-digit hash in the decrypted reply");
    std::printf("get-databasehash: reply decrypts, hash %s\n", hash.c_str());
    return 0;
}
