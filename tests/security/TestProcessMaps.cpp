// Tests for ProcessMaps: parsing /proc/PID/maps lines, classifying mappings, reading a live map.
#include "Sanitizers.h"
#include "canary/ProcessMaps.h"

#include <QtTest>
#include <cstdlib>
#include <unistd.h>

using namespace arcanum;

Q_DECLARE_METATYPE(arcanum::MappingKind)

class TestProcessMaps : public QObject
{
    Q_OBJECT

private slots:
    void parsesAndClassifies_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<MappingKind>("kind");
        QTest::addColumn<QByteArray>("name");
        const QByteArray prefix = "7f0000001000-7f0000003000 rw-p 00002000 08:01 1234   ";
        QTest::newRow("heap") << prefix + "[heap]" << MappingKind::Heap << QByteArray("[heap]");
        QTest::newRow("stack") << prefix + "[stack]" << MappingKind::Stack << QByteArray("[stack]");
        QTest::newRow("old thread stack")
            << prefix + "[stack:4242]" << MappingKind::Stack << QByteArray("[stack:4242]");
        QTest::newRow("anonymous")
            << QByteArray("7f0000001000-7f0000003000 rw-p 00002000 08:01 1234")
            << MappingKind::Anonymous << QByteArray();
        QTest::newRow("named anonymous")
            << prefix + "[anon:glibc: malloc]" << MappingKind::Anonymous
            << QByteArray("[anon:glibc: malloc]");
        QTest::newRow("library") << prefix + "/usr/lib/x86_64-linux-gnu/libc.so.6"
                                 << MappingKind::File
                                 << QByteArray("/usr/lib/x86_64-linux-gnu/libc.so.6");
        QTest::newRow("path with spaces") << prefix + "/tmp/my file (deleted)" << MappingKind::File
                                          << QByteArray("/tmp/my file (deleted)");
        QTest::newRow("secret memory") << prefix + "/secretmem (deleted)" << MappingKind::Secret
                                       << QByteArray("/secretmem (deleted)");
        QTest::newRow("file named like secretmem")
            << prefix + "/home/a/secretmem (deleted)" << MappingKind::File
            << QByteArray("/home/a/secretmem (deleted)");
        QTest::newRow("vvar") << prefix + "[vvar]" << MappingKind::Special << QByteArray("[vvar]");
        QTest::newRow("vdso") << prefix + "[vdso]" << MappingKind::Special << QByteArray("[vdso]");
    }
    void parsesAndClassifies()
    {
        QFETCH(QByteArray, line);
        QFETCH(MappingKind, kind);
        QFETCH(QByteArray, name);
        auto maps = ProcessMaps::parse(std::string_view(line.constData(), line.size()));
        QVERIFY2(maps, maps ? "" : maps.error().message.c_str());
        QCOMPARE(maps->mappings().size(), std::size_t(1));
        const Mapping& mapping = maps->mappings().front();
        QCOMPARE(mapping.start, std::uintptr_t(0x7f0000001000));
        QCOMPARE(mapping.end, std::uintptr_t(0x7f0000003000));
        QCOMPARE(mapping.perms, std::string("rw-p"));
        QCOMPARE(mapping.offset, std::uint64_t(0x2000));
        QCOMPARE(mapping.inode, std::uint64_t(1234));
        QCOMPARE(mapping.kind, kind);
        QCOMPARE(QByteArray::fromStdString(mapping.name), name);
    }

    void vsyscallAtTheTopOfTheAddressSpace()
    {
        auto maps = ProcessMaps::parse(
            "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0     [vsyscall]\n");
        QVERIFY(maps);
        QCOMPARE(maps->mappings().front().start, std::uintptr_t(0xffffffffff600000));
        QCOMPARE(maps->mappings().front().kind, MappingKind::Special);
        QVERIFY(!maps->mappings().front().readable());
    }

    void rejectsMalformedLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("garbage") << QByteArray("hello world");
        QTest::newRow("bad address") << QByteArray("1000-zz rw-p 00000000 00:00 0");
        QTest::newRow("end before start") << QByteArray("2000-1000 rw-p 00000000 00:00 0");
        QTest::newRow("short perms") << QByteArray("1000-2000 rw 00000000 00:00 0");
        QTest::newRow("no device") << QByteArray("1000-2000 rw-p 00000000 0 0");
        QTest::newRow("no inode") << QByteArray("1000-2000 rw-p 00000000 00:00");
    }
    void rejectsMalformedLines()
    {
        QFETCH(QByteArray, line);
        auto maps = ProcessMaps::parse(std::string_view(line.constData(), line.size()));
        QVERIFY(!maps);
        QCOMPARE(maps.error().code, ErrorCode::InvalidArgument);
        QVERIFY(maps.error().message.find("maps line 1") != std::string::npos);
    }

    void readsOwnMapAndFindsAddresses()
    {
        auto maps = ProcessMaps::read(getpid());
        QVERIFY2(maps, maps ? "" : maps.error().message.c_str());
        QVERIFY(maps->mappings().size() > 10);
        int local = 0;
        const Mapping* stack = maps->find(reinterpret_cast<std::uintptr_t>(&local));
        QVERIFY(stack);
        QCOMPARE(stack->kind, MappingKind::Stack);
        void* block = std::malloc(32);
        auto again = ProcessMaps::read(getpid()); // the heap may have grown
        QVERIFY(again);
        const Mapping* heap = again->find(reinterpret_cast<std::uintptr_t>(block));
        std::free(block);
        QVERIFY(heap);
        QCOMPARE(maps->find(0), nullptr);
        if (test::mallocUsesBrkHeap) {
            QCOMPARE(heap->kind, MappingKind::Heap);
            QCOMPARE(maps->count(MappingKind::Heap), std::size_t(1));
        } else { // ASan's allocator: its own anonymous mappings; [heap] may not exist at all
            QCOMPARE(heap->kind, MappingKind::Anonymous);
            QVERIFY(maps->count(MappingKind::Heap) <= 1);
        }
    }

    void missingProcessIsNotFound()
    {
        auto maps = ProcessMaps::read(2147483647);
        QVERIFY(!maps);
        QCOMPARE(maps.error().code, ErrorCode::NotFound);
        QVERIFY2(maps.error().message.find("no such process") != std::string::npos,
                 maps.error().message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestProcessMaps)
#include "TestProcessMaps.moc"
