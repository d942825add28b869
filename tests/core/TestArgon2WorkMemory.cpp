// Tests for Argon2WorkMemory: Argon2's blocks live in their own mapping on a 2 MiB boundary,
// advised for transparent huge pages, out of core dumps and forked children, not on the heap;
// the mapping is gone after release; wiping happens exactly when the blocks were not wiped yet;
// Argon2::deriveKey really uses it.
#include "ChildProcess.h"
#include "TestSupport.h"
#include "crypto/Argon2.h"
#include "crypto/Argon2WorkMemory.h"
#include "crypto/Random.h"

#include <argon2.h>
#include <cstring>
#include <fstream>
#include <sodium.h>
#include <sstream>

using namespace arcanum;

namespace {

constexpr std::size_t mib = 1024 * 1024;

struct Mapping
{
    std::string name;    // "" for an anonymous mapping, "[heap]", a file path, ...
    std::string vmFlags; // " rd wr mr mw me dd hg " (a space at both ends)
    std::size_t anonHugePagesKiB = 0;
    bool found = false;
};

// What /proc/self/smaps says about the mapping holding `address`.
Mapping mappingAt(const void* address)
{
    const auto wanted = reinterpret_cast<unsigned long>(address);
    std::ifstream smaps("/proc/self/smaps");
    std::string line;
    Mapping mapping;
    bool inside = false;
    while (std::getline(smaps, line)) {
        unsigned long start = 0, end = 0;
        if (std::sscanf(line.c_str(), "%lx-%lx ", &start, &end) == 2) {
            if (mapping.found && inside)
                break;
            inside = wanted >= start && wanted < end;
            if (inside) {
                mapping.found = true;
                std::istringstream fields(line);
                std::string skip;
                for (int i = 0; i < 5; ++i)
                    fields >> skip;
                std::getline(fields >> std::ws, mapping.name);
            }
        } else if (inside && line.rfind("VmFlags:", 0) == 0) {
            mapping.vmFlags = line.substr(8) + " ";
        } else if (inside && line.rfind("AnonHugePages:", 0) == 0) {
            mapping.anonHugePagesKiB = std::stoul(line.substr(14));
        }
    }
    return mapping;
}

bool transparentHugePagesOff()
{
    std::ifstream file("/sys/kernel/mm/transparent_hugepage/enabled");
    std::string modes;
    std::getline(file, modes);
    return modes.empty() || modes.find("[never]") != std::string::npos;
}

} // namespace

class TestArgon2WorkMemory : public QObject
{
    Q_OBJECT

private slots:
    void areaIsAlignedAdvisedAndOffTheHeap()
    {
        const std::size_t bytes = 64 * mib + 1024; // not a multiple of anything
        std::uint8_t* area = nullptr;
        QCOMPARE(Argon2WorkMemory::allocate(&area, bytes), int(ARGON2_OK));
        QVERIFY(area != nullptr);
        QCOMPARE(reinterpret_cast<std::uintptr_t>(area) % Argon2WorkMemory::hugePageBytes,
                 std::uintptr_t(0));
        std::memset(area, 0x5a, bytes); // the first touch, as Argon2's first pass does

        const Mapping mapping = mappingAt(area);
        QVERIFY(mapping.found);
        QVERIFY2(mapping.name.empty(), mapping.name.c_str()); // anonymous: not [heap], no file
        for (const char* flag : {" hg ", " dd ", " dc "})
            QVERIFY2(mapping.vmFlags.find(flag) != std::string::npos,
                     (std::string(flag) + "missing in" + mapping.vmFlags).c_str());
        // With THP available (madvise or always), the kernel really used huge pages.
        if (!transparentHugePagesOff())
            QVERIFY2(mapping.anonHugePagesKiB >= 2048,
                     std::to_string(mapping.anonHugePagesKiB).c_str());

        // A forked child does not have the area at all.
        const int child = test::runInChild([area] { return mappingAt(area).found ? 1 : 0; });
        QCOMPARE(child, 0);

        Argon2WorkMemory::release(area, bytes);
        QVERIFY(!mappingAt(area).found);
    }

    void wipesOnlyWhatIsNotWipedYet()
    {
        std::vector<std::uint8_t> blocks(3 * 64 * 1024 + 100);
        Random::fill(blocks);
        QVERIFY(Argon2WorkMemory::wipeUnlessWiped(blocks.data(), blocks.size()));
        QVERIFY(std::all_of(blocks.begin(), blocks.end(), [](std::uint8_t b) { return b == 0; }));
        QVERIFY(!Argon2WorkMemory::wipeUnlessWiped(blocks.data(), blocks.size()));

        // One non-zero byte where the sampling looks (a 64 KiB boundary, the very end) is enough.
        for (std::size_t at : {std::size_t(0), std::size_t(2 * 64 * 1024 + 3), blocks.size() - 1}) {
            blocks[at] = 1;
            QVERIFY(Argon2WorkMemory::wipeUnlessWiped(blocks.data(), blocks.size()));
            QCOMPARE(blocks[at], std::uint8_t(0));
        }
        std::uint8_t tiny[5] = {1, 2, 3, 4, 5};
        QVERIFY(Argon2WorkMemory::wipeUnlessWiped(tiny, sizeof tiny));
        QCOMPARE(tiny[4], std::uint8_t(0));
    }

    void deriveKeyUsesIt()
    {
        auto arena = test::makeArena();
        SecretBuffer password = test::secret(*arena, "work memory");
        SecretBuffer key = std::move(arena->allocate(32).value());
        const std::uint64_t before = Argon2WorkMemory::allocationCount();
        const Argon2Params params = Argon2Params::withRandomSalt(4 * 1024, 1, 2);
        QVERIFY(Argon2::deriveKey(password.span(), params, key.bytes()).ok());
        QCOMPARE(Argon2WorkMemory::allocationCount(), before + 1);
    }
};

QTEST_GUILESS_MAIN(TestArgon2WorkMemory)
#include "TestArgon2WorkMemory.moc"
