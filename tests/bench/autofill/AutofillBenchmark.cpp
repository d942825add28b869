// arcanum-autofill-bench: get-logins round trips as the browser sees them, through the real
// arcanum-browser-host and the app's server (docs/BENCHMARKS.md, "Browser autofill").
//
//   build/tests/bench/autofill/arcanum-autofill-bench --host PATH [--entries N]... [--rounds N]
//       [--quick]
//
// For each vault size (default 1,000 and 20,000 synthetic entries, SyntheticVault, plus one
// entry for https://bench-target.example and 20 for https://shared.example.net): the app's
// BrowserSocketServer with that vault runs in a thread of this process, polled as the app's event
// loop polls it, with a user who allows everything; arcanum-browser-host runs as a child with its
// stdin and stdout on pipes, as a browser starts it. This process is the extension: a libsodium
// client (NaCl box, like keepassxc-browser's tweetnacl) that exchanges keys, associates, and then
// times get-logins round trips — from building and encrypting the request to having the reply's
// JSON decrypted — for a page with one matching entry and for a page with 20 (shared.example.net).
// The same requests are then sent straight to the socket, without the host, so the host's share
// shows. "app CPU ms" is the CPU time the server's thread used per request (its mean): unlike
// the wall-clock columns it does not grow when other processes compete for the CPU. Prints a
// Markdown table; exits 1 when an answer is wrong.
#include "AutofillTestSupport.h"
#include "autofill/BrowserSocketServer.h"
#include "autofill/SocketPath.h"
#include "bench/Stopwatch.h"
#include "bench/SyntheticVault.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <thread>
#include <time.h>
#include <unistd.h>
#include <vector>

extern char** environ;

using namespace arcanum;
using namespace arcanum::autofill;
using namespace arcanum::bench;
using namespace arcanum::test;

namespace {

const char* const targetUrl = "https://bench-target.example/login";
const char* const busyUrl = "https://shared.example.net/";
constexpr int busyEntries = 20;
const char* const targetPassword = "bench target password";

struct Options
{
    std::string host;
    std::vector<std::size_t> entries;
    int rounds = 1000;
    bool quick = false;
};

[[noreturn]] void fail(const std::string& what)
{
    std::fprintf(stderr, "arcanum-autofill-bench: %s\n", what.c_str());
    std::exit(1);
}

Options parse(int argc, char** argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                fail(argument + " needs a value");
            return argv[++i];
        };
        if (argument == "--host")
            options.host = value();
        else if (argument == "--entries")
            options.entries.push_back(std::strtoull(value().c_str(), nullptr, 10));
        else if (argument == "--rounds")
            options.rounds = std::atoi(value().c_str());
        else if (argument == "--quick")
            options.quick = true;
        else
            fail("unknown argument " + argument +
                 " (--host PATH [--entries N]... [--rounds N] [--quick])");
    }
    if (options.host.empty())
        fail("--host PATH (the arcanum-browser-host to measure) is required");
    if (options.entries.empty())
        options.entries =
            options.quick ? std::vector<std::size_t>{200} : std::vector<std::size_t>{1000, 20000};
    if (options.quick)
        options.rounds = std::min(options.rounds, 50);
    if (options.rounds < 1)
        fail("--rounds must be at least 1");
    return options;
}

// The app's side: the socket server with the vault, polled in a thread.
class AppServer
{
public:
    AppServer(const std::string& path, std::size_t entries) : m_vault()
    {
        SyntheticVault synthetic(m_vault.arena(), SyntheticVault::defaultSeed);
        if (auto filled = synthetic.fill(m_vault.contents(), entries); !filled)
            fail("cannot make the vault: " + filled.error().message);
        m_vault.addLogin("Bench target", "bench-user", targetPassword, targetUrl);
        for (int i = 0; i < busyEntries; ++i)
            m_vault.addLogin("Shared " + std::to_string(i), "user" + std::to_string(i),
                             "shared password " + std::to_string(i), "https://shared.example.net");
        auto server = BrowserSocketServer::listen(path);
        if (!server)
            fail("cannot listen: " + server.error().message);
        m_server = std::move(server.value());
        answerEverything(m_prompter, m_server->protocol(), "bench", SiteAnswer::AllowAlways);
        m_server->protocol().setPrompter(&m_prompter);
        m_server->protocol().setVault(&m_vault);
        m_thread = std::thread([this] {
            while (!m_stop) {
                m_server->pollOnce(50);
                timespec now{};
                ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
                m_cpuNs = std::uint64_t(now.tv_sec) * 1000000000u + std::uint64_t(now.tv_nsec);
            }
        });
    }
    ~AppServer()
    {
        m_stop = true;
        m_thread.join();
    }

    // CPU time the server's thread has used so far (updated after every poll), in ms.
    [[nodiscard]] double cpuMs() const { return double(m_cpuNs.load()) / 1e6; }

private:
    MemoryAutofillVault m_vault;
    std::unique_ptr<BrowserSocketServer> m_server;
    ScriptedPrompter m_prompter;
    std::atomic<bool> m_stop = false;
    std::atomic<std::uint64_t> m_cpuNs = 0;
    std::thread m_thread;
};

// Where the requests go: the host's stdin/stdout (native frames) or the socket (LE frames; the
// same on this machine's byte order, so one reader serves both).
class Channel
{
public:
    virtual ~Channel() = default;
    virtual std::string name() const = 0;

    std::string roundTrip(const std::string& json)
    {
        // Native order (Firefox and Chromium), little-endian here, as on the socket.
        const auto length = static_cast<std::uint32_t>(json.size());
        std::vector<std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(&length),
                                        reinterpret_cast<const std::uint8_t*>(&length) + 4);
        bytes.insert(bytes.end(), json.begin(), json.end());
        writeAll(bytes);
        std::uint32_t replyLength = 0;
        readExactly(reinterpret_cast<std::uint8_t*>(&replyLength), 4);
        std::string reply(replyLength, '\0');
        readExactly(reinterpret_cast<std::uint8_t*>(reply.data()), replyLength);
        return reply;
    }

protected:
    int m_in = -1;  // we write
    int m_out = -1; // we read

private:
    void writeAll(const std::vector<std::uint8_t>& bytes)
    {
        std::size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(m_in, bytes.data() + done, bytes.size() - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                fail(name() + ": write failed: " + std::strerror(errno));
            done += std::size_t(n);
        }
    }
    void readExactly(std::uint8_t* into, std::size_t count)
    {
        std::size_t done = 0;
        while (done < count) {
            pollfd watch{m_out, POLLIN, 0};
            if (::poll(&watch, 1, 10000) <= 0)
                fail(name() + ": no answer within 10 s");
            const ssize_t n = ::read(m_out, into + done, count - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                fail(name() + ": the other end closed");
            done += std::size_t(n);
        }
    }
};

class HostChannel : public Channel
{
public:
    HostChannel(const std::string& host, const std::string& runtimeDir)
    {
        int toHost[2], fromHost[2];
        if (::pipe2(toHost, O_CLOEXEC) != 0 || ::pipe2(fromHost, O_CLOEXEC) != 0)
            fail("pipe failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, toHost[0], 0);
        posix_spawn_file_actions_adddup2(&actions, fromHost[1], 1);
        std::vector<std::string> env = {"XDG_RUNTIME_DIR=" + runtimeDir};
        for (char** e = environ; *e; ++e)
            if (std::strncmp(*e, "XDG_RUNTIME_DIR=", 16) != 0)
                env.emplace_back(*e);
        std::vector<char*> envp;
        for (auto& e : env)
            envp.push_back(e.data());
        envp.push_back(nullptr);
        // Firefox's arguments: the manifest's path and the extension's id.
        std::string program = host, manifest = "/dev/null", extension = "bench@arcanum";
        char* argv[] = {program.data(), manifest.data(), extension.data(), nullptr};
        if (posix_spawn(&m_pid, host.c_str(), &actions, nullptr, argv, envp.data()) != 0)
            fail("cannot start " + host);
        posix_spawn_file_actions_destroy(&actions);
        ::close(toHost[0]);
        ::close(fromHost[1]);
        m_in = toHost[1];
        m_out = fromHost[0];
    }
    ~HostChannel() override
    {
        ::close(m_in); // end of input: the host exits
        ::close(m_out);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
    }
    std::string name() const override { return "through arcanum-browser-host"; }

private:
    pid_t m_pid = -1;
};

class SocketChannel : public Channel
{
public:
    explicit SocketChannel(const std::string& path)
    {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
        if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0)
            fail("cannot connect to " + path);
        m_in = m_out = fd;
    }
    ~SocketChannel() override { ::close(m_in); }
    std::string name() const override { return "socket only"; }
};

struct Row
{
    std::size_t entries = 0;
    std::string site;
    std::size_t matches = 0;
    std::string path;
    double medianMs = 0;
    double p99Ms = 0;
    double serverCpuMs = 0; // per request
    std::size_t requestBytes = 0;
    std::size_t replyBytes = 0;
};

double percentile(std::vector<double> samples, double p)
{
    std::sort(samples.begin(), samples.end());
    const auto index = static_cast<std::size_t>(p * double(samples.size() - 1) + 0.5);
    return samples[std::min(index, samples.size() - 1)];
}

// The number of entries in a get-logins reply (its "count"), or fails.
std::size_t checkedCount(BrowserTestClient& client, const std::string& reply, bool wantTarget)
{
    const auto text = client.open(reply);
    if (!text)
        fail(std::string("get-logins (") + (wantTarget ? targetUrl : busyUrl) +
             ") was not answered: " + reply.substr(0, 200));
    const auto json = parseJson(*text);
    if (!json.HasMember("entries") || !json["entries"].IsArray() || json["entries"].Empty())
        fail("get-logins found no entries");
    if (wantTarget && field(json["entries"][0], "password") != targetPassword)
        fail("get-logins answered another password");
    return json["entries"].Size();
}

void measure(Channel& channel, const AppServer& app, std::size_t entries, int rounds,
             std::vector<Row>& rows)
{
    BrowserTestClient client;
    if (!client.acceptKeys(channel.roundTrip(client.changePublicKeys())))
        fail(channel.name() + ": the key exchange failed");
    if (!client.open(channel.roundTrip(client.associate())))
        fail(channel.name() + ": associate failed");
    for (const char* site : {targetUrl, busyUrl}) {
        const bool target = site == targetUrl;
        Row row;
        row.entries = entries;
        row.site = target ? "one entry" : "a shared login page";
        row.path = channel.name();
        for (int i = 0; i < 10; ++i) // warm up (and the first request's site question)
            row.matches =
                checkedCount(client, channel.roundTrip(client.getLogins(site, "bench")), target);
        std::vector<double> samples;
        samples.reserve(std::size_t(rounds));
        const double cpuBefore = app.cpuMs();
        for (int i = 0; i < rounds; ++i) {
            Stopwatch watch;
            const std::string request = client.getLogins(site, "bench");
            const std::string reply = channel.roundTrip(request);
            const auto text = client.open(reply);
            samples.push_back(watch.elapsedMs());
            if (!text)
                fail(channel.name() + ": a reply did not decrypt");
            row.requestBytes = request.size();
            row.replyBytes = reply.size();
        }
        row.serverCpuMs = (app.cpuMs() - cpuBefore) / rounds;
        row.medianMs = Stopwatch::median(samples);
        row.p99Ms = percentile(samples, 0.99);
        rows.push_back(row);
    }
}

} // namespace

int main(int argc, char** argv)
{
    const Options options = parse(argc, argv);
    char runtimeTemplate[] = "/tmp/arcanum-autofill-bench.XXXXXX";
    if (!::mkdtemp(runtimeTemplate))
        fail("cannot make a runtime folder");
    const std::string runtimeDir = runtimeTemplate;
    ::setenv("XDG_RUNTIME_DIR", runtimeDir.c_str(), 1); // SocketPath::socket() under it
    auto folder = SocketPath::ensureDirectory();
    auto path = SocketPath::socket();
    if (!folder || !path)
        fail("no socket path");

    std::vector<Row> rows;
    for (const std::size_t entries : options.entries) {
        Stopwatch made;
        AppServer app(*path, entries);
        std::fprintf(stderr, "vault of %zu entries made in %.0f ms\n", entries, made.elapsedMs());
        {
            HostChannel host(options.host, runtimeDir);
            measure(host, app, entries, options.rounds, rows);
        }
        {
            SocketChannel socket(*path);
            measure(socket, app, entries, options.rounds, rows);
        }
    }
    ::rmdir((runtimeDir + "/app/org.arcanum.Arcanum").c_str());
    ::rmdir((runtimeDir + "/app").c_str());
    ::rmdir(runtimeDir.c_str());

    std::printf("get-logins round trips, %d per row (median and 99th percentile; from building the "
                "request to its reply decrypted)\n\n",
                options.rounds);
    std::printf("| entries | page | matches | path | median ms | p99 ms | app CPU ms | "
                "request bytes | reply bytes |\n|---:|---|---:|---|---:|---:|---:|---:|---:|\n");
    for (const Row& row : rows)
        std::printf("| %zu | %s | %zu | %s | %.3f | %.3f | %.3f | %zu | %zu |\n", row.entries,
                    row.site.c_str(), row.matches, row.path.c_str(), row.medianMs, row.p99Ms,
                    row.serverCpuMs, row.requestBytes, row.replyBytes);
    return 0;
}
