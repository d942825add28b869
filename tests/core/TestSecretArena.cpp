// Tests for SecretArena / SecretBuffer / SecretRegion: mapping, allocation, wiping, release,
// fork behaviour, fallback and memory-lock limits (DESIGN.md §3).
#include "Sanitizers.h"
#include "hardening/ProcessHardening.h"
#include "secret/SecretArena.h"

#include <QtTest>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <string>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace arcanum;

namespace {

// Lines of /proc/self/maps that contain `needle` (mapping names are not secret).
int mapsLinesContaining(const char* needle)
{
    std::ifstream maps("/proc/self/maps");
    std::string line;
    int count = 0;
    while (std::getline(maps, line))
        if (line.find(needle) != std::string::npos)
            ++count;
    return count;
}

int secretmemDescriptors()
{
    int count = 0;
    DIR* dir = opendir("/proc/self/fd");
    while (dirent* entry = readdir(dir)) {
        char path[300];
        char target[256] = {};
        std::snprintf(path, sizeof path, "/proc/self/fd/%s", entry->d_name);
        if (readlink(path, target, sizeof target - 1) > 0 && std::strstr(target, "secretmem"))
            ++count;
    }
    closedir(dir);
    return count;
}

// The permissions of the mapping that holds `address`, e.g. "rw-s", or "" if unmapped.
std::string permissionsAt(const void* address)
{
    const auto wanted = reinterpret_cast<unsigned long>(address);
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        unsigned long start = 0, end = 0;
        char perms[5] = {};
        if (std::sscanf(line.c_str(), "%lx-%lx %4s", &start, &end, perms) == 3 && wanted >= start &&
            wanted < end)
            return perms;
    }
    return {};
}

// The VmFlags of the mapping holding `address` (/proc/self/smaps), space-separated with a
// space at both ends: " rd wr mr mw me lo dd ".
std::string vmFlagsAt(const void* address)
{
    const auto wanted = reinterpret_cast<unsigned long>(address);
    std::ifstream smaps("/proc/self/smaps");
    std::string line;
    bool inside = false;
    while (std::getline(smaps, line)) {
        unsigned long start = 0, end = 0;
        if (std::sscanf(line.c_str(), "%lx-%lx ", &start, &end) == 2)
            inside = wanted >= start && wanted < end;
        else if (inside && line.rfind("VmFlags:", 0) == 0)
            return line.substr(8) + " ";
    }
    return {};
}

// Runs `body` in a forked child; returns its exit status (or -signal).
template <typename Body>
int inChild(Body body)
{
    const pid_t pid = fork();
    if (pid == 0)
        _exit(body());
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

std::unique_ptr<SecretArena> makeArena(const SecretArenaOptions& options = {})
{
    auto arena = SecretArena::create(options);
    if (!arena)
        qFatal("arena: %s", arena.error().message.c_str());
    return std::move(arena.value());
}

} // namespace

class TestSecretArena : public QObject
{
    Q_OBJECT

private slots:
    void usesSecretMemoryOnThisKernel()
    {
        auto arena = makeArena();
        QCOMPARE(arena->protectionLevel(), ProtectionLevel::SecretMemory);
        QVERIFY(arena->fallbackReason().empty());
        QVERIFY(mapsLinesContaining("secretmem") >= 1);
    }

    void allocatesZeroedAlignedDistinctBuffers()
    {
        auto arena = makeArena();
        auto a = arena->allocate(5);
        auto b = arena->allocate(100);
        QVERIFY(a && b);
        QCOMPARE(a->size(), std::size_t(5));
        QVERIFY(a->capacity() >= 5);
        QCOMPARE(reinterpret_cast<std::uintptr_t>(a->data()) % 16, std::uintptr_t(0));
        QVERIFY(a->data() + a->capacity() <= b->data() || b->data() + b->capacity() <= a->data());
        for (std::uint8_t byte : b->bytes())
            QCOMPARE(byte, std::uint8_t(0));
        QVERIFY(arena->contains(a->data()));
        QVERIFY(arena->usedBytes() >= 105);
    }

    void freeWipesAndReuses()
    {
        auto arena = makeArena();
        auto buffer = arena->allocate(64);
        QVERIFY(buffer);
        std::uint8_t* where = buffer->data();
        std::memset(where, 0xA5, 64);
        const std::size_t used = arena->usedBytes();
        buffer->reset();
        QCOMPARE(arena->usedBytes(), used - 64);
        for (int i = 0; i < 64; ++i)
            QCOMPARE(where[i], std::uint8_t(0)); // still mapped, wiped
        auto again = arena->allocate(64);
        QVERIFY(again);
        QCOMPARE(again->data(), where); // coalesced and reused
    }

    // Free blocks join their free neighbours whatever the order of frees (the free list reuses
    // its nodes when a block splits or grows): once everything is freed, one block spans the
    // whole region again and buffers never overlap on the way.
    void freesInAnyOrderCoalesceIntoOneBlock()
    {
        SecretArenaOptions options;
        options.minimumRegionBytes = 256 * 1024;
        auto arena = makeArena(options);
        QCOMPARE(arena->regionCount(), std::size_t(1));
        const std::size_t whole = arena->mappedBytes();
        std::uint32_t seed = 12345;
        auto random = [&seed](std::uint32_t below) {
            seed = seed * 1103515245u + 12345u;
            return (seed >> 8) % below;
        };
        for (int round = 0; round < 20; ++round) {
            std::vector<SecretBuffer> live;
            for (int i = 0; i < 200; ++i) {
                auto buffer = arena->allocate(1 + random(900));
                QVERIFY(buffer);
                std::memset(buffer->data(), 0x5A, buffer->size());
                live.push_back(std::move(buffer.value()));
                if (random(3) == 0) // free one at random on the way
                    live.erase(live.begin() + random(std::uint32_t(live.size())));
            }
            for (const SecretBuffer& a : live)
                for (const SecretBuffer& b : live)
                    QVERIFY(&a == &b || a.data() + a.capacity() <= b.data() ||
                            b.data() + b.capacity() <= a.data());
            while (!live.empty())
                live.erase(live.begin() + random(std::uint32_t(live.size())));
            QCOMPARE(arena->usedBytes(), std::size_t(0));
        }
        QCOMPARE(arena->regionCount(), std::size_t(1));
        auto all = arena->allocate(whole); // only possible as one coalesced block
        QVERIFY(all);
        QCOMPARE(arena->regionCount(), std::size_t(1));
    }

    // prefault() maps and touches memory that later allocations then use without mapping more.
    void prefaultLeavesTouchedMemoryFree()
    {
        SecretArenaOptions options;
        options.minimumRegionBytes = 64 * 1024;
        auto arena = makeArena(options);
        const std::size_t regions = arena->regionCount();
        QCOMPARE(arena->prefault(1 << 20), std::size_t(1 << 20));
        QCOMPARE(arena->usedBytes(), std::size_t(0));
        QCOMPARE(arena->regionCount(), regions + 1);
        const auto region = arena->regions().back();
        QVERIFY(region.size() >= std::size_t(1 << 20));
        // Every page of the new region is resident now (touched), not just mapped.
        const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
        std::vector<unsigned char> resident(region.size() / page);
        QCOMPARE(mincore(const_cast<std::uint8_t*>(region.data()), region.size(), resident.data()),
                 0);
        for (unsigned char r : resident)
            QVERIFY(r & 1);
        auto big = arena->allocate(1 << 20);
        QVERIFY(big);
        QCOMPARE(arena->regionCount(), regions + 1); // no new mapping
        for (std::uint8_t byte : big->bytes())
            QCOMPARE(byte, std::uint8_t(0));
    }

    // Under the memory-lock limit prefault() touches what fits, and the arena stays usable.
    void prefaultUnderTheLockLimitTouchesWhatFits()
    {
        SecretArenaOptions options;
        options.minimumRegionBytes = 64 * 1024;
        options.simulateMemoryLockLimit = 512 * 1024;
        auto arena = makeArena(options);
        const std::size_t touched = arena->prefault(4 << 20);
        QVERIFY2(touched > 0 && touched + 64 * 1024 <= 512 * 1024, std::to_string(touched).c_str());
        QVERIFY(arena->mappedBytes() <= 512 * 1024);
        QVERIFY(arena->allocate(1000));
    }

    void growsByAddingRegions()
    {
        SecretArenaOptions options;
        options.minimumRegionBytes = 4096;
        auto arena = makeArena(options);
        QCOMPARE(arena->regionCount(), std::size_t(1));
        std::vector<SecretBuffer> buffers;
        for (int i = 0; i < 40; ++i) {
            auto buffer = arena->allocate(1000);
            QVERIFY(buffer);
            std::memset(buffer->data(), i, 1000);
            buffers.push_back(std::move(buffer.value()));
        }
        QVERIFY(arena->regionCount() > 1);
        for (int i = 0; i < 40; ++i)
            QCOMPARE(buffers[i].data()[999], std::uint8_t(i));
        auto big = arena->allocate(1 << 20); // bigger than any region so far
        QVERIFY(big);
        QCOMPARE(big->size(), std::size_t(1 << 20));
    }

    void resizeKeepsContentAndWipesTail()
    {
        auto arena = makeArena();
        auto buffer = arena->allocate(3);
        QVERIFY(buffer);
        std::memcpy(buffer->data(), "abc", 3);
        QVERIFY(buffer->resize(5000));
        QCOMPARE(std::memcmp(buffer->data(), "abc", 3), 0);
        QCOMPARE(buffer->data()[4999], std::uint8_t(0));
        QVERIFY(buffer->resize(1));
        QCOMPARE(buffer->size(), std::size_t(1));
        QCOMPARE(buffer->data()[1], std::uint8_t(0));
    }

    void guardPagesSurroundEachRegion()
    {
        auto arena = makeArena();
        const auto region = arena->regions().front();
        QCOMPARE(QString::fromStdString(permissionsAt(region.data())), QString("rw-s"));
        QCOMPARE(QString::fromStdString(permissionsAt(region.data() - 1)), QString("---p"));
        QCOMPARE(QString::fromStdString(permissionsAt(region.data() + region.size())),
                 QString("---p"));
    }

    void wipeAllZeroesLiveBuffers()
    {
        auto arena = makeArena();
        auto buffer = arena->allocate(32);
        QVERIFY(buffer);
        std::memset(buffer->data(), 0x5A, 32);
        arena->wipeAll();
        for (std::uint8_t byte : buffer->bytes())
            QCOMPARE(byte, std::uint8_t(0));
    }

    void releaseLeavesNoSecretMappingOrDescriptor()
    {
        const int before = mapsLinesContaining("secretmem");
        auto arena = makeArena();
        auto buffer = arena->allocate(100);
        QVERIFY(buffer);
        QCOMPARE(mapsLinesContaining("secretmem"), before + 1);
        QCOMPARE(secretmemDescriptors(), 0); // the fd is closed right after mmap
        arena->release();
        QCOMPARE(mapsLinesContaining("secretmem"), before);
        QCOMPARE(secretmemDescriptors(), 0);
        QCOMPARE(arena->mappedBytes(), std::size_t(0));
        buffer->reset();                  // a dead buffer: no-op, no crash
        auto fresh = arena->allocate(10); // usable again after release
        QVERIFY(fresh);
        QCOMPARE(mapsLinesContaining("secretmem"), before + 1);
    }

    void procSelfMemCannotReadSecretPages()
    {
        auto arena = makeArena();
        auto buffer = arena->allocate(64);
        QVERIFY(buffer);
        std::memset(buffer->data(), 'S', 64);
        const int fd = open("/proc/self/mem", O_RDONLY | O_CLOEXEC);
        QVERIFY(fd >= 0);
        std::uint8_t scratch[64];
        errno = 0;
        const ssize_t got =
            pread(fd, scratch, sizeof scratch, reinterpret_cast<off_t>(buffer->data()));
        const int error = errno;
        close(fd);
        QCOMPARE(got, ssize_t(-1));
        QCOMPARE(error, EIO);
    }

    void forkedChildDoesNotHaveTheArena()
    {
        auto arena = makeArena();
        auto buffer = arena->allocate(64);
        QVERIFY(buffer);
        const void* where = buffer->data();
        const int status = inChild([&] {
            if (!permissionsAt(where).empty())
                return 1;
            return mapsLinesContaining("secretmem") == 0 ? 0 : 2;
        });
        QCOMPARE(status, 0);
    }

    void fallbackWhenMemfdSecretUnavailable_data()
    {
        QTest::addColumn<int>("simulatedErrno");
        QTest::newRow("ENOSYS (old kernel)") << ENOSYS;
        QTest::newRow("EPERM (seccomp)") << EPERM;
        QTest::newRow("EINVAL") << EINVAL;
    }
    void fallbackWhenMemfdSecretUnavailable()
    {
        QFETCH(int, simulatedErrno);
        SecretArenaOptions options;
        options.simulateMemfdSecretErrno = simulatedErrno;
        const int before = mapsLinesContaining("secretmem");
        auto arena = makeArena(options);
        QCOMPARE(arena->protectionLevel(), ProtectionLevel::LockedMemory);
        QVERIFY(arena->fallbackReason().find(std::strerror(simulatedErrno)) != std::string::npos);
        QCOMPARE(mapsLinesContaining("secretmem"), before);
        auto buffer = arena->allocate(128);
        QVERIFY(buffer);
        std::memset(buffer->data(), 1, 128);
        QCOMPARE(QString::fromStdString(permissionsAt(buffer->data())), QString("rw-p"));
        // Never in a core dump (dd), never in a child (dc).
        const std::string flags = vmFlagsAt(buffer->data());
        QVERIFY2(flags.find(" dd ") != std::string::npos, flags.c_str());
        QVERIFY2(flags.find(" dc ") != std::string::npos, flags.c_str());
        if (!test::mlockLocks)
            return; // ASan's mlock() is a no-op: nothing to count (docs/TESTING.md)
        // Locked (lo), and VmLck in /proc/self/status counts our region.
        QVERIFY2(flags.find(" lo ") != std::string::npos, flags.c_str());
        std::ifstream status("/proc/self/status");
        std::string line;
        long lockedKiB = -1;
        while (std::getline(status, line))
            if (line.rfind("VmLck:", 0) == 0)
                lockedKiB = std::stol(line.substr(6));
        QVERIFY(lockedKiB * 1024 >= long(arena->mappedBytes()));
    }

    void refusalPolicyRefusesFallback()
    {
        SecretArenaOptions options;
        options.simulateMemfdSecretErrno = ENOSYS;
        options.fallback = FallbackPolicy::RequireSecretMemory;
        auto arena = SecretArena::create(options);
        QVERIFY(!arena);
        QCOMPARE(arena.error().code, ErrorCode::SecretMemoryUnavailable);
        QVERIFY(arena.error().message.find("required") != std::string::npos);
    }

    void otherMemfdErrorsAreNotSilentlyDowngraded()
    {
        SecretArenaOptions options;
        options.simulateMemfdSecretErrno = EMFILE;
        auto arena = SecretArena::create(options);
        QVERIFY(!arena);
        QCOMPARE(arena.error().code, ErrorCode::SystemError);
    }

    void simulatedLimitGivesSpecificError_data()
    {
        QTest::addColumn<int>("simulatedErrno");
        QTest::newRow("secret memory") << 0;
        QTest::newRow("locked memory") << ENOSYS;
    }
    void simulatedLimitGivesSpecificError()
    {
        QFETCH(int, simulatedErrno);
        SecretArenaOptions options;
        options.simulateMemfdSecretErrno = simulatedErrno;
        options.simulateMemoryLockLimit = 128 * 1024;
        options.minimumRegionBytes = 64 * 1024;
        auto arena = makeArena(options);
        auto fits = arena->allocate(60 * 1024);
        QVERIFY(fits);
        auto tooBig = arena->allocate(100 * 1024);
        QVERIFY(!tooBig);
        QCOMPARE(tooBig.error().code, ErrorCode::MemoryLockLimit);
        const std::string& message = tooBig.error().message;
        QVERIFY2(message.find("RLIMIT_MEMLOCK") != std::string::npos, message.c_str());
        QVERIFY2(message.find("131072 bytes") != std::string::npos, message.c_str());
        QVERIFY2(message.find("167936 bytes") != std::string::npos, message.c_str());
        QVERIFY2(message.find("limits.conf") != std::string::npos, message.c_str());
        QCOMPARE(arena->regionCount(), std::size_t(1)); // nothing half-made
    }

    // The real kernel limit, in a child that drops root (root is exempt from RLIMIT_MEMLOCK).
    void realMemoryLockLimitIsReportedAndNothingIsHalfMade()
    {
        int pipeFds[2];
        QVERIFY(pipe(pipeFds) == 0);
        const int status = inChild([&] {
            close(pipeFds[0]);
            const rlimit small{64 * 1024, 64 * 1024};
            if (setrlimit(RLIMIT_MEMLOCK, &small) != 0)
                return 10;
            if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
                return 11;
            auto arena = SecretArena::create({}, 1024 * 1024);
            if (arena)
                return 12;
            const std::string& message = arena.error().message;
            (void)!write(pipeFds[1], message.data(), message.size());
            if (arena.error().code != ErrorCode::MemoryLockLimit)
                return 13;
            if (mapsLinesContaining("secretmem") != 0 || secretmemDescriptors() != 0)
                return 14;
            return 0;
        });
        close(pipeFds[1]);
        char message[2048] = {};
        (void)!read(pipeFds[0], message, sizeof message - 1);
        close(pipeFds[0]);
        QVERIFY2(status == 0, (std::to_string(status) + ": " + message).c_str());
        QVERIFY2(std::strstr(message, "65536 bytes") != nullptr, message);
        QVERIFY2(std::strstr(message, "1048576 bytes") != nullptr, message);
    }

    // Above the memory-lock limit the kernel refuses the secretmem mapping only after it has
    // unmapped the reservation's middle. Another thread can map that hole at once (it did: a
    // thread stack of Argon2's, and the import crashed); SecretRegion must then give back only
    // what is still its own. The hook maps into the hole as that thread would.
    void aFailedMappingLeavesAnotherThreadsMemoryAlone()
    {
        static void* taken = nullptr;
        static std::size_t takenBytes = 0;
        const int status = inChild([] {
            const rlimit small{64 * 1024, 64 * 1024};
            if (setrlimit(RLIMIT_MEMLOCK, &small) != 0)
                return 10;
            if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
                return 11;
            SecretArenaOptions options;
            options.afterFailedMapForTests = [](void* where, std::size_t bytes) {
                void* got = mmap(where, bytes, PROT_READ | PROT_WRITE,
                                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
                if (got == where) {
                    taken = got;
                    takenBytes = bytes;
                }
            };
            auto arena = SecretArena::create(options, 1024 * 1024);
            if (arena || arena.error().code != ErrorCode::MemoryLockLimit)
                return 12;
            if (taken == nullptr)
                return 0; // the middle was no hole (the kernel kept the reservation): nothing to
                          // take, nothing to lose
            std::memset(taken, 0x5A, takenBytes); // SIGSEGV if it was unmapped under us
            if (mapsLinesContaining("secretmem") != 0)
                return 14;
            return 0;
        });
        QCOMPARE(status, 0);
    }

    void hardeningMakesTheProcessUndumpable()
    {
        const int status = inChild([] {
            const auto report = ProcessHardening::apply();
            rlimit core{};
            getrlimit(RLIMIT_CORE, &core);
            if (!report.dumpableCleared || prctl(PR_GET_DUMPABLE) != 0)
                return 1;
            if (!report.coreLimitZero || core.rlim_cur != 0 || core.rlim_max != 0)
                return 2;
            rlimit memlock{};
            getrlimit(RLIMIT_MEMLOCK, &memlock);
            return memlock.rlim_cur == memlock.rlim_max ? 0 : 3;
        });
        QCOMPARE(status, 0);
    }
};

QTEST_GUILESS_MAIN(TestSecretArena)
#include "TestSecretArena.moc"
