// Tests for CanaryScanner and the arcanum-canary-scan tool: the scanner must find every planted
// copy of a canary (heap, stack, anonymous memory, across a chunk border, in another process)
// and must find nothing when the canary lives only in secret memory.
//
// Canaries are random letters generated straight into an arena; the only copies outside it are
// the ones each test plants on purpose (and wipes afterwards).
#include "Sanitizers.h"
#include "TestSupport.h"
#include "canary/CanaryScanner.h"
#include "crypto/Random.h"
#include "text/Utf8.h"

#include <QtTest>
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sodium.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace arcanum;

namespace {
// Where a small malloc() block lives: [heap], or an anonymous mapping of ASan's allocator.
constexpr MappingKind mallocKind =
    test::mallocUsesBrkHeap ? MappingKind::Heap : MappingKind::Anonymous;
} // namespace
using arcanum::test::makeArena;

Q_DECLARE_METATYPE(arcanum::CanaryEncoding)

namespace {

constexpr std::size_t canaryLength = 32;

// Keeps the compiler from dropping stores to `pointer` that nothing seems to read.
void keep(const volatile void* pointer)
{
    asm volatile("" : : "r"(pointer) : "memory");
}

std::uintptr_t addressOf(const volatile void* pointer)
{
    return reinterpret_cast<std::uintptr_t>(pointer);
}

// `length` random lowercase letters, generated and kept in `arena` only.
SecretBuffer makeCanary(SecretArena& arena, std::size_t length = canaryLength)
{
    auto buffer = arena.allocate(length);
    if (!buffer)
        qFatal("canary: %s", buffer.error().message.c_str());
    Random::fill(buffer->bytes());
    for (std::uint8_t& byte : buffer->bytes())
        byte = static_cast<std::uint8_t>('a' + byte % 26);
    return std::move(buffer.value());
}

CanarySet setOf(SecretSpan canary, const char* label = "canary",
                const SecretArenaOptions& options = {})
{
    auto set = CanarySet::create(options);
    if (!set || !set->add(label, canary))
        qFatal("canary set");
    return std::move(set.value());
}

ScanReport scanned(Result<ScanReport> report)
{
    if (!report)
        qFatal("scan: %s", report.error().message.c_str());
    return std::move(report.value());
}

// The hits at exactly `address`.
std::vector<CanaryHit> hitsAt(const ScanReport& report, std::uintptr_t address)
{
    std::vector<CanaryHit> found;
    std::copy_if(report.hits.begin(), report.hits.end(), std::back_inserter(found),
                 [address](const CanaryHit& hit) { return hit.address == address; });
    return found;
}

// Copies the canary into an array in this frame and scans while the frame is live.
[[gnu::noinline]] ScanReport scanWithStackCopy(const CanarySet& set, SecretSpan canary,
                                               std::uintptr_t& where)
{
    volatile std::uint8_t copy[64] = {};
    for (std::size_t i = 0; i < canary.size() && i < sizeof copy; ++i)
        copy[i] = canary[i];
    where = addressOf(copy);
    ScanReport report = scanned(CanaryScanner::scanSelf(set));
    for (volatile std::uint8_t& byte : copy)
        byte = 0;
    return report;
}

// Leaves the canary in dead stack: deep in this frame, which is gone once it returns.
[[gnu::noinline]] std::uintptr_t leaveStackResidue(SecretSpan canary)
{
    volatile std::uint8_t frame[8192];
    for (std::size_t i = 0; i < canary.size(); ++i)
        frame[i] = canary[i]; // frame[0] is the deepest byte
    return addressOf(frame);
}

// Overwrites the dead stack that leaveStackResidue left.
[[gnu::noinline]] void scrubStack()
{
    volatile std::uint8_t frame[16384];
    for (volatile std::uint8_t& byte : frame)
        byte = 0;
}

bool writeAll(int fd, const void* data, std::size_t size)
{
    const auto* bytes = static_cast<const std::uint8_t*>(data);
    while (size > 0) {
        const ssize_t written = write(fd, bytes, size);
        if (written <= 0)
            return false;
        bytes += written;
        size -= std::size_t(written);
    }
    return true;
}

// A forked process that holds the canary the way Arcanum should: our arena regions are
// MADV_DONTFORK, so it gets the canary through a pipe and read()s it into its own arena; with
// `heapCopy` it also leaks a copy to its heap. It lives until this object is destroyed.
class CanaryChild
{
public:
    CanaryChild(SecretSpan canary, bool heapCopy)
    {
        int data[2], ready[2], control[2];
        if (pipe2(data, O_CLOEXEC) != 0 || pipe2(ready, O_CLOEXEC) != 0 ||
            pipe2(control, O_CLOEXEC) != 0)
            qFatal("pipe2");
        m_pid = fork();
        if (m_pid == 0) {
            close(data[1]);
            close(ready[0]);
            close(control[1]);
            _exit(childMain(data[0], ready[1], control[0], canary.size(), heapCopy));
        }
        close(data[0]);
        close(ready[1]);
        close(control[0]);
        m_control = control[1];
        m_ready = writeAll(data[1], canary.data(), canary.size()); // straight from the arena
        close(data[1]);
        char byte = 0;
        m_ready = m_ready && read(ready[0], &byte, 1) == 1;
        close(ready[0]);
    }
    ~CanaryChild()
    {
        close(m_control); // EOF: the child exits
        int status = 0;
        waitpid(m_pid, &status, 0);
    }
    CanaryChild(const CanaryChild&) = delete;
    CanaryChild& operator=(const CanaryChild&) = delete;

    [[nodiscard]] pid_t pid() const { return m_pid; }
    [[nodiscard]] bool ready() const { return m_ready; }

private:
    static int childMain(int dataFd, int readyFd, int controlFd, std::size_t length, bool heapCopy)
    {
        auto arena = SecretArena::create();
        if (!arena || arena.value()->protectionLevel() != ProtectionLevel::SecretMemory)
            return 10;
        auto buffer = arena.value()->allocate(length);
        if (!buffer)
            return 11;
        for (std::size_t got = 0; got < length;) {
            const ssize_t n = read(dataFd, buffer->data() + got, length - got);
            if (n <= 0)
                return 12;
            got += std::size_t(n);
        }
        void* leak = nullptr;
        if (heapCopy) {
            leak = std::malloc(length);
            std::memcpy(leak, buffer->data(), length);
            keep(leak);
        }
        if (write(readyFd, "r", 1) != 1)
            return 13;
        char byte = 0;
        (void)!read(controlFd, &byte, 1);
        return 0;
    }

    pid_t m_pid = -1;
    int m_control = -1;
    bool m_ready = false;
};

struct ToolRun
{
    int exitCode = -1;
    QByteArray output; // stdout and stderr
};

// Runs arcanum-canary-scan with `arguments`. With a `pattern` (arena memory), feeds it on
// descriptor 3 as "label<TAB>pattern\n".
ToolRun runTool(const QStringList& arguments, const char* label = nullptr, SecretSpan pattern = {})
{
    int patterns[2], output[2];
    if (pipe2(patterns, O_CLOEXEC) != 0 || pipe2(output, O_CLOEXEC) != 0)
        qFatal("pipe2");
    if (label &&
        !(writeAll(patterns[1], label, std::strlen(label)) && writeAll(patterns[1], "\t", 1) &&
          writeAll(patterns[1], pattern.data(), pattern.size()) && writeAll(patterns[1], "\n", 1)))
        qFatal("write patterns");
    close(patterns[1]);

    std::vector<QByteArray> storage{QByteArray(ARCANUM_CANARY_SCAN_PATH)};
    for (const QString& argument : arguments)
        storage.push_back(argument.toLocal8Bit());
    std::vector<char*> argv;
    for (QByteArray& argument : storage)
        argv.push_back(argument.data());
    argv.push_back(nullptr);

    const pid_t pid = fork();
    if (pid == 0) {
        // dup2 onto itself would keep O_CLOEXEC, so clear the flag explicitly.
        if (dup2(patterns[0], 3) < 0 || fcntl(3, F_SETFD, 0) != 0 || dup2(output[1], 1) < 0 ||
            dup2(output[1], 2) < 0)
            _exit(126);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(patterns[0]);
    close(output[1]);
    ToolRun run;
    char block[4096];
    for (ssize_t got; (got = read(output[0], block, sizeof block)) > 0;)
        run.output.append(block, got);
    close(output[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    return run;
}

bool contains(const QByteArray& haystack, SecretSpan needle)
{
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                       [](char a, std::uint8_t b) { return std::uint8_t(a) == b; }) !=
           haystack.end();
}

} // namespace

class TestCanaryScanner : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_arena = makeArena();
        QCOMPARE(m_arena->protectionLevel(), ProtectionLevel::SecretMemory);
    }

    // The key negative test: a secret that exists only in secret memory gives zero hits.
    void canaryOnlyInTheArenaGivesNoHit()
    {
        SecretBuffer canary = makeCanary(*m_arena);
        const CanarySet set = setOf(canary.span());
        const ScanReport report = scanned(CanaryScanner::scanSelf(set));
        QVERIFY2(report.hitCount() == 0, report.summary().c_str());
        QVERIFY2(report.clean(), report.summary().c_str());
        QVERIFY(report.bytesScanned > 1024 * 1024);
        QVERIFY(report.mappingsScanned > 10);
        QVERIFY(report.secretMappings >= 2); // m_arena and the set's arena
        QCOMPARE(report.secretMappingsReadable, std::size_t(0));
        QCOMPARE(report.secretBytesRead, std::uint64_t(0));

        const ScanReport copy = scanned(CanaryScanner::scanForkedCopy(set));
        QVERIFY2(copy.hitCount() == 0, copy.summary().c_str());
        QVERIFY(copy.pid != getpid());
        QVERIFY(copy.bytesScanned > 1024 * 1024);
    }

    // Dead stack below the caller's frame is invisible to scanSelf, whose own frames overwrite
    // it; a forked copy still has it.
    void forkedCopySeesDeadStack()
    {
        SecretBuffer canary = makeCanary(*m_arena);
        const CanarySet set = setOf(canary.span(), "dead stack");
        const std::uintptr_t where = leaveStackResidue(canary.span());
        const ScanReport report = scanned(CanaryScanner::scanForkedCopy(set));
        scrubStack();
        const auto hits = hitsAt(report, where);
        QVERIFY2(hits.size() == 1, report.summary().c_str());
        QCOMPARE(hits.front().mapping.kind, MappingKind::Stack);
        QCOMPARE(scanned(CanaryScanner::scanForkedCopy(set)).hitCount(), std::size_t(0));
    }

    void findsHeapCopy_data()
    {
        QTest::addColumn<CanaryEncoding>("encoding");
        QTest::newRow("UTF-8") << CanaryEncoding::Utf8;
        QTest::newRow("UTF-16LE") << CanaryEncoding::Utf16Le;
    }
    void findsHeapCopy()
    {
        QFETCH(CanaryEncoding, encoding);
        SecretBuffer canary = makeCanary(*m_arena);
        const CanarySet set = setOf(canary.span(), "heap canary");
        const std::size_t bytes = canary.size() * 2;
        auto* plant = static_cast<std::uint8_t*>(std::malloc(bytes)); // small: on [heap]
        std::memset(plant, 0, bytes);
        if (encoding == CanaryEncoding::Utf8)
            std::memcpy(plant, canary.data(), canary.size());
        else
            Utf8::toUtf16(canary.span(), {reinterpret_cast<char16_t*>(plant), canary.size()});
        keep(plant);
        const std::uintptr_t where = addressOf(plant);
        const ScanReport report = scanned(CanaryScanner::scanSelf(set));
        sodium_memzero(plant, bytes);
        std::free(plant);

        QVERIFY2(report.hitCount() == 1, report.summary().c_str());
        const CanaryHit& hit = report.hits.front();
        QCOMPARE(hit.address, where);
        QCOMPARE(hit.encoding, encoding);
        QCOMPARE(hit.label, std::string("heap canary"));
        QCOMPARE(hit.mapping.kind, mallocKind);
        if (test::mallocUsesBrkHeap)
            QCOMPARE(hit.mapping.name, std::string("[heap]"));
        QVERIFY(report.summary().find("\"heap canary\"") != std::string::npos);
    }

    void findsStackCopy()
    {
        SecretBuffer canary = makeCanary(*m_arena);
        const CanarySet set = setOf(canary.span());
        std::uintptr_t where = 0;
        const ScanReport report = scanWithStackCopy(set, canary.span(), where);
        const auto hits = hitsAt(report, where);
        QVERIFY2(hits.size() == 1, report.summary().c_str());
        QCOMPARE(hits.front().mapping.kind, MappingKind::Stack);
        QCOMPARE(hits.front().encoding, CanaryEncoding::Utf8);
        QCOMPARE(report.hitsIn(MappingKind::Stack), report.hitCount()); // nowhere else
    }

    void findsAnonymousMappingCopy()
    {
        SecretBuffer canary = makeCanary(*m_arena);
        const CanarySet set = setOf(canary.span());
        const std::size_t length = 64 * 1024;
        void* map =
            mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        QVERIFY(map != MAP_FAILED);
        auto* plant = static_cast<std::uint8_t*>(map) + 12345;
        std::memcpy(plant, canary.data(), canary.size());
        const ScanReport report = scanned(CanaryScanner::scanSelf(set));
        munmap(map, length); // anonymous pages are zeroed before reuse

        QVERIFY2(report.hitCount() == 1, report.summary().c_str());
        QCOMPARE(report.hits.front().address, addressOf(map) + 12345);
        QCOMPARE(report.hits.front().mapping.kind, MappingKind::Anonymous);
        QVERIFY(report.hits.front().mapping.contains(addressOf(map)));
    }

    void findsPatternAcrossChunkBorder_data()
    {
        QTest::addColumn<qulonglong>("chunkBytes");
        QTest::newRow("4 KiB chunks") << qulonglong(4096);
        QTest::newRow("default chunks") << qulonglong(ScanOptions{}.chunkBytes);
    }
    void findsPatternAcrossChunkBorder()
    {
        QFETCH(qulonglong, chunkBytes);
        SecretBuffer longCanary = makeCanary(*m_arena, 64);
        SecretBuffer shortCanary = makeCanary(*m_arena, 8);
        CanarySet set = setOf(longCanary.span(), "long");
        QVERIFY(set.add("short", shortCanary.span()));
        ScanOptions options;
        options.chunkBytes = chunkBytes;

        const std::size_t length = 3 * chunkBytes;
        void* map =
            mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        QVERIFY(map != MAP_FAILED);
        // Chunk borders are multiples of chunkBytes; the first one inside the mapping:
        auto* border = reinterpret_cast<std::uint8_t*>((addressOf(map) | (chunkBytes - 1)) + 1);
        std::uint8_t* across = border - 30; // 30 bytes before the border, 34 after
        std::uint8_t* before = border - 40; // wholly inside the carried-over tail
        std::memcpy(across, longCanary.data(), longCanary.size());
        std::memcpy(before, shortCanary.data(), shortCanary.size());
        const ScanReport report = scanned(CanaryScanner::scanSelf(set, {}, options));
        munmap(map, length);

        QVERIFY2(report.hitCount() == 2, report.summary().c_str()); // each once, none twice
        QCOMPARE(hitsAt(report, addressOf(across)).size(), std::size_t(1));
        QCOMPARE(hitsAt(report, addressOf(across)).front().label, std::string("long"));
        QCOMPARE(hitsAt(report, addressOf(before)).size(), std::size_t(1));
        QCOMPARE(hitsAt(report, addressOf(before)).front().label, std::string("short"));
    }

    // In LockedMemory fallback the arena is ordinary anonymous memory: the caller must exclude
    // it, and the scanner must really look there when it is not excluded.
    void fallbackArenaIsFoundUnlessExcluded()
    {
        SecretArenaOptions fallback;
        fallback.simulateMemfdSecretErrno = ENOSYS;
        auto locked = makeArena(fallback);
        QCOMPARE(locked->protectionLevel(), ProtectionLevel::LockedMemory);
        SecretBuffer canary = makeCanary(*locked);
        const CanarySet set = setOf(canary.span(), "fallback canary");

        const ScanReport excluded = scanned(CanaryScanner::scanSelf(set, locked->regions()));
        QVERIFY2(excluded.hitCount() == 0, excluded.summary().c_str());

        const ScanReport included = scanned(CanaryScanner::scanSelf(set));
        QVERIFY2(included.hitCount() == 1, included.summary().c_str());
        QCOMPARE(included.hits.front().address, addressOf(canary.data()));
        QCOMPARE(included.hits.front().mapping.kind, MappingKind::Anonymous);
    }

    // The set's own arena holds every pattern; in fallback mode scanSelf leaves it out itself.
    void setArenaInFallbackIsNeverScanned()
    {
        SecretBuffer canary = makeCanary(*m_arena);
        SecretArenaOptions fallback;
        fallback.simulateMemfdSecretErrno = ENOSYS;
        const CanarySet set = setOf(canary.span(), "canary", fallback);
        QCOMPARE(set.arena().protectionLevel(), ProtectionLevel::LockedMemory);
        const ScanReport report = scanned(CanaryScanner::scanSelf(set));
        QVERIFY2(report.hitCount() == 0, report.summary().c_str());
    }

    void scansAnotherProcess_data()
    {
        QTest::addColumn<bool>("heapCopy");
        QTest::newRow("canary only in its arena") << false;
        QTest::newRow("canary also on its heap") << true;
    }
    void scansAnotherProcess()
    {
        QFETCH(bool, heapCopy);
        SecretBuffer canary = makeCanary(*m_arena);
        const CanarySet set = setOf(canary.span(), "child canary");
        CanaryChild child(canary.span(), heapCopy);
        QVERIFY(child.ready());
        const ScanReport report = scanned(CanaryScanner::scanProcess(child.pid(), set));
        QCOMPARE(report.pid, child.pid());
        QVERIFY2(report.hitCount() == (heapCopy ? 1u : 0u), report.summary().c_str());
        QCOMPARE(report.hitsIn(mallocKind), heapCopy ? std::size_t(1) : std::size_t(0));
        QVERIFY(report.bytesScanned > 0);
        QVERIFY2(report.secretMappings >= 1, report.summary().c_str());
        QCOMPARE(report.secretMappingsReadable, std::size_t(0));
        QCOMPARE(report.secretBytesRead, std::uint64_t(0));
    }

    // Secret memory is never readable on a working kernel, so a plain mapping stands in for
    // one: the probe must report every byte it could read.
    void readableSecretMappingIsReported()
    {
        const std::size_t length = 64 * 1024;
        void* map =
            mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        QVERIFY(map != MAP_FAILED);
        std::memset(map, 'x', length);
        SecretBuffer canary = makeCanary(*m_arena);
        const CanarySet set = setOf(canary.span());
        CanaryChild child(canary.span(), false); // inherits the mapping
        QVERIFY(child.ready());
        ScanOptions options;
        options.simulateSecretRanges = {{static_cast<const std::uint8_t*>(map), length}};
        const ScanReport report =
            scanned(CanaryScanner::scanProcess(child.pid(), set, {}, options));
        munmap(map, length);
        QVERIFY2(report.secretMappingsReadable == 1, report.summary().c_str());
        QVERIFY(report.secretBytesRead >= length);
        QVERIFY(!report.clean());
        QVERIFY(report.summary().find("readable: 1") != std::string::npos);
    }

    void toolScansAnotherProcess_data() { scansAnotherProcess_data(); }
    void toolScansAnotherProcess()
    {
        QFETCH(bool, heapCopy);
        SecretBuffer canary = makeCanary(*m_arena);
        CanaryChild child(canary.span(), heapCopy);
        QVERIFY(child.ready());
        const ToolRun run = runTool({"--pid", QString::number(child.pid()), "--patterns-fd", "3"},
                                    "tool canary", canary.span());
        QVERIFY2(run.exitCode == (heapCopy ? 1 : 0), run.output.constData());
        QVERIFY(!contains(run.output, canary.span())); // labels only, never the pattern
        QVERIFY2(run.output.contains(heapCopy ? "hits: 1" : "hits: 0"), run.output.constData());
        QVERIFY2(run.output.contains("readable: no"), run.output.constData());
        QVERIFY2(!run.output.contains("secret mappings: 0"), run.output.constData());
        if (heapCopy) {
            QVERIFY2(run.output.contains("tool canary"), run.output.constData());
            QVERIFY2(run.output.contains(test::mallocUsesBrkHeap ? "[heap]" : " anonymous "),
                     run.output.constData());
        }
    }

    void toolRejectsBadUsage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("help") << QStringList{"--help"} << 0 << "usage:";
        QTest::newRow("nothing") << QStringList{} << 3 << "--pid is required";
        QTest::newRow("no value") << QStringList{"--pid"} << 3 << "missing value";
        QTest::newRow("unknown option") << QStringList{"--bogus", "1"} << 3 << "unknown option";
        QTest::newRow("pid not a number")
            << QStringList{"--pid", "abc", "--patterns-file", "@patterns"} << 3
            << "--pid needs a process id";
        QTest::newRow("no patterns") << QStringList{"--pid", "1"} << 3 << "no patterns";
        QTest::newRow("bad descriptor") << QStringList{"--pid", "1", "--patterns-fd", "97"} << 3
                                        << "descriptor 97: Bad file descriptor";
        QTest::newRow("missing file")
            << QStringList{"--pid", "1", "--patterns-file", "/nonexistent/patterns"} << 3
            << "cannot open /nonexistent/patterns";
        QTest::newRow("no such process")
            << QStringList{"--pid", "2147483647", "--patterns-file", "@patterns"} << 3
            << "no such process";
    }
    void toolRejectsBadUsage()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        QTemporaryFile patterns;
        QVERIFY(patterns.open());
        patterns.write("label\tnot a secret\n");
        patterns.flush();
        arguments.replaceInStrings("@patterns", patterns.fileName());
        const ToolRun run = runTool(arguments);
        QVERIFY2(run.exitCode == exitCode, run.output.constData());
        QVERIFY2(run.output.contains(message.toUtf8()), run.output.constData());
    }

    // Someone who is not root cannot open a root process's memory: the error says what to do.
    void nonRootGetsSpecificError()
    {
        const pid_t target = getpid();
        int messagePipe[2];
        QVERIFY(pipe(messagePipe) == 0);
        const pid_t pid = fork();
        if (pid == 0) {
            close(messagePipe[0]);
            if (setgid(65534) != 0 || setuid(65534) != 0)
                _exit(1);
            auto set = CanarySet::create();
            if (!set)
                _exit(2);
            auto pattern = set->arena().allocate(4);
            if (!pattern)
                _exit(3);
            std::memset(pattern->data(), 'x', 4);
            if (!set->add("x", pattern->span()))
                _exit(4);
            auto report = CanaryScanner::scanProcess(target, set.value());
            if (report)
                _exit(5);
            const std::string& message = report.error().message;
            (void)!write(messagePipe[1], message.data(), message.size());
            _exit(report.error().code == ErrorCode::PermissionDenied ? 0 : 6);
        }
        close(messagePipe[1]);
        char message[1024] = {};
        (void)!read(messagePipe[0], message, sizeof message - 1);
        close(messagePipe[0]);
        int status = 0;
        waitpid(pid, &status, 0);
        QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                 (std::to_string(status) + ": " + message).c_str());
        const std::string expected =
            "cannot open /proc/" + std::to_string(target) + "/mem: Permission denied (run as root)";
        QCOMPARE(std::string(message), expected);
    }

    void refusesBadRequests()
    {
        auto empty = CanarySet::create();
        QVERIFY(empty);
        auto noPatterns = CanaryScanner::scanSelf(empty.value());
        QVERIFY(!noPatterns);
        QCOMPARE(noPatterns.error().code, ErrorCode::InvalidArgument);

        SecretBuffer canary = makeCanary(*m_arena);
        const CanarySet set = setOf(canary.span());
        ScanOptions odd;
        odd.chunkBytes = 5000;
        auto badChunk = CanaryScanner::scanSelf(set, {}, odd);
        QVERIFY(!badChunk);
        QCOMPARE(badChunk.error().code, ErrorCode::InvalidArgument);

        auto missing = CanaryScanner::scanProcess(2147483647, set);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QVERIFY2(missing.error().message.find("/proc/2147483647/mem: no such process") !=
                     std::string::npos,
                 missing.error().message.c_str());
    }

private:
    std::unique_ptr<SecretArena> m_arena;
};

QTEST_GUILESS_MAIN(TestCanaryScanner)
#include "TestCanaryScanner.moc"
