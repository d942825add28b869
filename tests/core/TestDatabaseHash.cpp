// Tests for DatabaseHash: the hash the extension knows a vault by is KeePassXC's (SHA-256 of the
// root group UUID as 32 lowercase hex digits), checked against values computed with Python's
// hashlib.
#include "autofill/DatabaseHash.h"

#include <QtTest>

using namespace arcanum::autofill;

class TestDatabaseHash : public QObject
{
    Q_OBJECT

private slots:
    void matchesKeePassXC()
    {
        DatabaseHash::Identity counting{};
        for (std::size_t i = 0; i < counting.size(); ++i)
            counting[i] = std::uint8_t(i);
        QCOMPARE(DatabaseHash::hex(counting), std::string("000102030405060708090a0b0c0d0e0f"));
        QCOMPARE(DatabaseHash::of(counting),
                 std::string("d65df89f702eec58ca3c7bf2001c9ffc7cd80553ae01d42a799ba26756142d96"));
        const DatabaseHash::Identity root = {0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6, 0x07, 0x18,
                                             0x29, 0x3a, 0x4b, 0x5c, 0x6d, 0x7e, 0x8f, 0x90};
        QCOMPARE(DatabaseHash::of(root),
                 std::string("ff25d2389ab7917a77cc0c3546331401054d53cb7b2edeedb7b4e7742bb5286d"));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseHash)
#include "TestDatabaseHash.moc"
