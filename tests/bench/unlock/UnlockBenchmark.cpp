// arcanum-unlock-bench: what unlocking costs beyond Argon2 itself (docs/BENCHMARKS.md, "Unlock").
//
//   build/tests/bench/unlock/arcanum-unlock-bench [--kdf-memory MIB] [--kdf-iterations N]
//       [--kdf-lanes N] [--entries N] [--rounds N] [--cli PATH]... [--quick] [--window-only]
//
// Every round measures each of these once, interleaved, so that a busy machine disturbs all
// columns alike; the tables give medians (and the lowest value) over the rounds.
//  1. Argon2id alone: libargon2 with the work-memory allocator Arcanum had before (small pages,
//     wiped twice) and Argon2::deriveKey now (Argon2WorkMemory: 2 MiB-aligned, MADV_HUGEPAGE,
//     wiped once).
//  2. Unlocking a vault of --entries entries sealed with the same cost: Vault::open (what
//     arcanum-cli does once started), VaultSession::unlock (the GUI's worker, to unlocked()),
//     and the real MainWindow (QT_QPA_PLATFORM, offscreen unless set): from the unlock request
//     to unlocked() and to the first paint of the entry list.
//  3. arcanum-cli ls as a whole process, for every --cli binary (compare two builds): from
//     posix_spawn to the first byte of output and to the exit, with the vault's real cost and
//     with the cheapest Argon2id (what is left is process start, the re-exec, secret memory).
// Prints Markdown. Exits 1 when something fails.
#include "bench/Stopwatch.h"
#include "bench/SyntheticVault.h"
#include "crypto/Argon2.h"
#include "crypto/Argon2WorkMemory.h"
#include "hardening/ProcessHardening.h"
#include "secret/SecretArena.h"
#include "secret/SecretLineEdit.h"
#include "session/VaultSession.h"
#include "settings/Settings.h"
#include "vault/Vault.h"
#include "window/BusyIndicator.h"
#include "window/MainWindow.h"
#include "window/UnlockPage.h"
#include "window/VaultPage.h"

#include <QApplication>
#include <QBoxLayout>
#include <QEventLoop>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>
#include <argon2.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sodium.h>
#include <spawn.h>
#include <string>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vector>

extern char** environ;

using namespace arcanum;
using namespace arcanum::bench;

namespace {

const char* const password = "unlock bench password";

struct Options
{
    std::uint32_t kdfMemoryMiB = 64;
    std::uint32_t kdfIterations = 3;
    std::uint32_t kdfLanes = 2;
    std::size_t entries = 1000;
    int rounds = 15;
    bool windowOnly = false; // for profiling the GUI's part
    std::vector<std::string> clis;
};

[[noreturn]] void fail(const std::string& what)
{
    std::fprintf(stderr, "arcanum-unlock-bench: %s\n", what.c_str());
    std::exit(1);
}

bool parse(int argc, char** argv, Options& options)
{
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--quick") {
            options.kdfMemoryMiB = 8;
            options.kdfIterations = 1;
            options.entries = 50;
            options.rounds = 1;
        } else if (arg == "--window-only") {
            options.windowOnly = true;
        } else if (arg == "--cli" && hasValue) {
            options.clis.emplace_back(argv[++i]);
        } else if (hasValue && (arg == "--kdf-memory" || arg == "--kdf-iterations" ||
                                arg == "--kdf-lanes" || arg == "--entries" || arg == "--rounds")) {
            const long value = std::strtol(argv[++i], nullptr, 10);
            if (value <= 0)
                return false;
            if (arg == "--kdf-memory")
                options.kdfMemoryMiB = std::uint32_t(value);
            else if (arg == "--kdf-iterations")
                options.kdfIterations = std::uint32_t(value);
            else if (arg == "--kdf-lanes")
                options.kdfLanes = std::uint32_t(value);
            else if (arg == "--entries")
                options.entries = std::size_t(value);
            else
                options.rounds = int(value);
        } else {
            return false;
        }
    }
    return true;
}

SecretBuffer copyIn(SecretArena& arena, const char* text)
{
    auto buffer =
        arena.copyOf(SecretSpan(reinterpret_cast<const std::uint8_t*>(text), std::strlen(text)));
    if (!buffer)
        fail(buffer.error().message);
    return std::move(buffer.value());
}

// The work-memory allocator Argon2.cpp had before Argon2WorkMemory: small pages anywhere,
// MADV_DONTDUMP + MADV_DONTFORK, a full wipe on top of libargon2's own.
int oldAllocate(std::uint8_t** memory, std::size_t bytes)
{
    void* mapped = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED)
        return ARGON2_MEMORY_ALLOCATION_ERROR;
    (void)madvise(mapped, bytes, MADV_DONTDUMP);
    (void)madvise(mapped, bytes, MADV_DONTFORK);
    *memory = static_cast<std::uint8_t*>(mapped);
    return ARGON2_OK;
}

void oldFree(std::uint8_t* memory, std::size_t bytes)
{
    sodium_memzero(memory, bytes);
    munmap(memory, bytes);
}

double argon2Before(const Argon2Params& params, SecretSpan secret)
{
    std::uint8_t key[32];
    argon2_context context{};
    context.out = key;
    context.outlen = sizeof key;
    context.pwd = const_cast<std::uint8_t*>(secret.data());
    context.pwdlen = std::uint32_t(secret.size());
    context.salt = const_cast<std::uint8_t*>(params.salt.data());
    context.saltlen = std::uint32_t(params.salt.size());
    context.t_cost = params.iterations;
    context.m_cost = params.memoryKiB;
    context.lanes = context.threads = params.lanes;
    context.version = ARGON2_VERSION_13;
    context.allocate_cbk = oldAllocate;
    context.free_cbk = oldFree;
    const Stopwatch watch;
    if (argon2_ctx(&context, Argon2_id) != ARGON2_OK)
        fail("libargon2 failed");
    const double ms = watch.elapsedMs();
    sodium_memzero(key, sizeof key);
    return ms;
}

double argon2Now(const Argon2Params& params, SecretSpan secret, SecretArena& arena)
{
    auto key = arena.allocate(32);
    if (!key)
        fail(key.error().message);
    const Stopwatch watch;
    if (!Argon2::deriveKey(secret, params, key->bytes()))
        fail("deriveKey failed");
    return watch.elapsedMs();
}

void writeVault(const std::string& path, const Argon2Params& params, std::size_t entries,
                SecretArena& arena)
{
    ::unlink(path.c_str());
    auto vault = Vault::create(path, copyIn(arena, password).span(), params);
    if (!vault)
        fail(vault.error().message);
    SyntheticVault synthetic((*vault)->arena(), SyntheticVault::defaultSeed);
    if (!synthetic.fill((*vault)->contents(), entries) || !(*vault)->save())
        fail("cannot fill the vault");
}

double openInProcess(const std::string& path, SecretArena& arena)
{
    SecretBuffer secret = copyIn(arena, password);
    const Stopwatch watch;
    auto vault = Vault::open(path, secret.span());
    const double ms = watch.elapsedMs();
    if (!vault)
        fail(vault.error().message);
    return ms;
}

double sessionUnlock(const QString& path, SecretArena& arena)
{
    VaultSession session;
    QEventLoop loop;
    QObject::connect(&session, &VaultSession::unlocked, &loop, &QEventLoop::quit);
    QObject::connect(&session, &VaultSession::unlockFailed, &loop, [&] { fail("unlock failed"); });
    const Stopwatch watch;
    session.unlock(path, copyIn(arena, password));
    loop.exec();
    const double ms = watch.elapsedMs();
    session.lock();
    return ms;
}

// Waits for the next paint of `widget`, then quits `loop`.
class PaintWatch : public QObject
{
public:
    PaintWatch(QWidget* widget, QEventLoop* loop) : m_loop(loop)
    {
        widget->installEventFilter(this);
    }
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && m_armed) {
            m_armed = false;
            QTimer::singleShot(0, m_loop, &QEventLoop::quit);
        }
        return QObject::eventFilter(watched, event);
    }
    void arm() { m_armed = true; }

private:
    QEventLoop* m_loop;
    bool m_armed = false;
};

struct WindowTimes
{
    double toUnlocked = 0;
    double toPainted = 0;
    int busyPaints = 0;      // paint events of the unlock page's busy row while Argon2 ran
    double guiThreadCpu = 0; // CPU time of the GUI thread meanwhile, competing with Argon2
};

double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6;
}

// Counts paint events of a widget and its children.
class PaintCounter : public QObject
{
public:
    explicit PaintCounter(QWidget* root)
    {
        root->installEventFilter(this);
        for (QWidget* child : root->findChildren<QWidget*>())
            child->installEventFilter(this);
    }
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            ++count;
        return QObject::eventFilter(watched, event);
    }
    int count = 0;
};

// The busy row as it was before BusyIndicator: an indeterminate QProgressBar, animated by the
// style. `old` puts it in place of the indicator (for the "before" rows), or takes it out.
void useOldBusyBar(MainWindow& window, bool old)
{
    QWidget* row = window.unlockPage()->busyIndicator()->parentWidget();
    auto* bar = row->findChild<QProgressBar*>();
    if (bar == nullptr) {
        bar = new QProgressBar(row);
        bar->setRange(0, 0);
        static_cast<QBoxLayout*>(row->layout())->insertWidget(0, bar, 1);
    }
    bar->setVisible(old);
    window.unlockPage()->busyIndicator()->setVisible(!old);
}

WindowTimes windowUnlock(MainWindow& window, const QString& path, SecretArena& arena)
{
    window.openVault(path);
    window.unlockPage()->focusPassword();
    if (!window.unlockPage()->passwordField()->setText(copyIn(arena, password).span()))
        fail("cannot type the password");
    QEventLoop loop;
    WindowTimes times;
    PaintCounter busyPaints(window.unlockPage()->busyIndicator()->parentWidget());
    const double cpuBefore = threadCpuMs();
    const Stopwatch watch;
    PaintWatch painted(window.vaultPage()->entryList()->viewport(), &loop);
    QObject::connect(window.session(), &VaultSession::unlocked, &loop, [&] {
        times.toUnlocked = watch.elapsedMs();
        times.busyPaints = busyPaints.count;
        times.guiThreadCpu = threadCpuMs() - cpuBefore;
        painted.arm();
    });
    window.unlock();
    loop.exec();
    times.toPainted = watch.elapsedMs();
    window.lockVault();
    return times;
}

struct CliTimes
{
    double firstByte = 0;
    double exit = 0;
};

// Runs `cli ls VAULT --password-fd 3` with the password on a pipe; times the first byte of
// stdout and the exit.
CliTimes runCli(const std::string& cli, const std::string& vault)
{
    int passwordPipe[2];
    int outputPipe[2];
    if (pipe2(passwordPipe, O_CLOEXEC) != 0 || pipe2(outputPipe, O_CLOEXEC) != 0)
        fail("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, passwordPipe[0], 3);
    posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1);
    const char* argv[] = {cli.c_str(), "ls", vault.c_str(), "--password-fd", "3", nullptr};
    const Stopwatch watch;
    pid_t child = 0;
    if (posix_spawn(&child, cli.c_str(), &actions, nullptr, const_cast<char**>(argv), environ) != 0)
        fail("cannot start " + cli);
    posix_spawn_file_actions_destroy(&actions);
    ::close(passwordPipe[0]);
    ::close(outputPipe[1]);
    const std::string line = std::string(password) + "\n";
    if (::write(passwordPipe[1], line.data(), line.size()) != ssize_t(line.size()))
        fail("write");
    ::close(passwordPipe[1]);
    CliTimes times;
    char buffer[65536];
    bool first = true;
    for (;;) {
        const ssize_t n = ::read(outputPipe[0], buffer, sizeof buffer);
        if (n > 0 && first) {
            times.firstByte = watch.elapsedMs();
            first = false;
        }
        if (n <= 0)
            break;
    }
    int status = 0;
    waitpid(child, &status, 0);
    times.exit = watch.elapsedMs();
    ::close(outputPipe[0]);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail(cli + " ls failed");
    return times;
}

std::string cell(const std::vector<double>& samples)
{
    char text[48];
    const double low = *std::min_element(samples.begin(), samples.end());
    std::snprintf(text, sizeof text, "%.1f (%.1f)", Stopwatch::median(samples), low);
    return text;
}

} // namespace

int main(int argc, char** argv)
{
    ProcessHardening::bindSymbolsNow(argv);
    ProcessHardening::apply();
    Options options;
    if (!parse(argc, argv, options)) {
        std::fprintf(stderr, "usage: arcanum-unlock-bench [--kdf-memory MIB] [--kdf-iterations N] "
                             "[--kdf-lanes N] [--entries N] [--rounds N] [--cli PATH]... "
                             "[--quick] [--window-only]\n");
        return 2;
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTemporaryDir dir;
    auto arena = SecretArena::create();
    if (!dir.isValid() || !arena)
        fail("no temporary folder or secret memory");

    const Argon2Params params = Argon2Params::withRandomSalt(
        options.kdfMemoryMiB * 1024, options.kdfIterations, options.kdfLanes);
    const Argon2Params cheapest = Argon2Params::withRandomSalt(8, 1, 1);
    const std::string vault = dir.filePath("bench.arcanum").toStdString();
    const std::string cheap = dir.filePath("cheap.arcanum").toStdString();
    writeVault(vault, params, options.entries, **arena);
    writeVault(cheap, cheapest, options.entries, **arena);

    Settings settings(dir.filePath("settings.ini"));
    MainWindow window(&settings, nullptr);
    window.show();

    std::vector<double> before, now, open, session, unlocked, painted, busyPaints, guiCpu;
    std::vector<double> oldUnlocked, oldBusyPaints, oldGuiCpu; // with the old busy bar
    std::vector<std::vector<double>> cliFirst(options.clis.size() * 2),
        cliExit(options.clis.size() * 2);
    SecretBuffer secret = copyIn(**arena, password);
    for (int round = 0; round < options.rounds; ++round) {
        if (round == 0 || !options.windowOnly) {
            before.push_back(argon2Before(params, secret.span()));
            now.push_back(argon2Now(params, secret.span(), **arena));
            open.push_back(openInProcess(vault, **arena));
            session.push_back(sessionUnlock(QString::fromStdString(vault), **arena));
        }
        useOldBusyBar(window, true);
        const WindowTimes old = windowUnlock(window, QString::fromStdString(vault), **arena);
        oldUnlocked.push_back(old.toUnlocked);
        oldBusyPaints.push_back(old.busyPaints);
        oldGuiCpu.push_back(old.guiThreadCpu);
        useOldBusyBar(window, false);
        const WindowTimes times = windowUnlock(window, QString::fromStdString(vault), **arena);
        unlocked.push_back(times.toUnlocked);
        painted.push_back(times.toPainted);
        busyPaints.push_back(times.busyPaints);
        guiCpu.push_back(times.guiThreadCpu);
        for (std::size_t i = 0; i < options.clis.size(); ++i) {
            for (int cost = 0; cost < 2; ++cost) {
                const CliTimes cli = runCli(options.clis[i], cost == 0 ? vault : cheap);
                cliFirst[i * 2 + cost].push_back(cli.firstByte);
                cliExit[i * 2 + cost].push_back(cli.exit);
            }
        }
    }

    std::printf("# arcanum-unlock-bench\n\nArgon2id %u MiB, %u passes, %u lanes; %zu entries; "
                "%d rounds; QT_QPA_PLATFORM=%s. Milliseconds: median (lowest).\n\n",
                options.kdfMemoryMiB, options.kdfIterations, options.kdfLanes, options.entries,
                options.rounds, qgetenv("QT_QPA_PLATFORM").constData());
    std::printf("| what | ms | beyond Argon2 (medians) |\n|---|---:|---:|\n");
    const double argon2 = Stopwatch::median(now);
    const auto row = [&](const char* what, const std::vector<double>& samples,
                         bool compare = true) {
        if (compare)
            std::printf("| %s | %s | %+.1f |\n", what, cell(samples).c_str(),
                        Stopwatch::median(samples) - argon2);
        else
            std::printf("| %s | %s | – |\n", what, cell(samples).c_str());
    };
    row("Argon2id alone, work memory as before (small pages, wiped twice)", before);
    row("Argon2id alone, Argon2::deriveKey (huge pages, wiped once)", now);
    row("Vault::open (in process)", open);
    row("GUI worker: VaultSession::unlock to unlocked()", session);
    row("GUI window, old busy bar: unlock request to unlocked()", oldUnlocked);
    row("GUI window: unlock request to unlocked()", unlocked);
    row("GUI window: unlock request to the entry list painted", painted);
    std::printf("| GUI window: repaints of the busy row while unlocking, old bar / now | %.0f / "
                "%.0f | – |\n",
                Stopwatch::median(oldBusyPaints), Stopwatch::median(busyPaints));
    std::printf("| GUI window: CPU time of the GUI thread while unlocking, old bar | %s | – |\n",
                cell(oldGuiCpu).c_str());
    std::printf("| GUI window: CPU time of the GUI thread while unlocking, now | %s | – |\n",
                cell(guiCpu).c_str());
    for (std::size_t i = 0; i < options.clis.size(); ++i) {
        const std::string name = "`" + options.clis[i] + " ls`";
        row((name + ": first line").c_str(), cliFirst[i * 2]);
        row((name + ": exit").c_str(), cliExit[i * 2]);
        row((name + ", cheapest KDF: first line").c_str(), cliFirst[i * 2 + 1], false);
    }
    return 0;
}
