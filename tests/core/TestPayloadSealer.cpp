// Tests for PayloadSealer (and PayloadOpener, which reads what it writes): a payload handed over
// in any pieces gives a file that opens to the same bytes, at every chunk boundary; the header
// is version 2 and its key check is right; the staging buffer is only used for pieces; a writer
// that gives more or less than it announced is refused. The ways a stream can be damaged are
// the vectors' (tests/data/vault/chunk-*, TestVaultVectors).
#include "TestSupport.h"
#include "Version1Writer.h"
#include "format/ChunkLayout.h"
#include "format/PayloadOpener.h"
#include "format/PayloadSealer.h"
#include "vault/Vault.h"

using namespace arcanum;
using namespace arcanum::test;

class TestPayloadSealer : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;
    std::optional<VaultKeys> m_keys;
    Argon2Params m_kdf;

    SecretBuffer pattern(std::size_t size)
    {
        SecretBuffer buffer = m_arena->allocate(size).value();
        for (std::size_t i = 0; i < size; ++i)
            buffer.data()[i] = static_cast<std::uint8_t>(i * 131 + (i >> 16));
        return buffer;
    }

    // Opens `file` and checks it holds `payload`.
    void checkOpens(const std::vector<std::uint8_t>& file, SecretSpan payload)
    {
        auto header = VaultHeader::parse(file);
        ARCANUM_VERIFY_OK(header);
        QCOMPARE(header->version, VaultHeader::version2);
        QCOMPARE(header->payloadLength(), std::uint64_t(payload.size()));
        QVERIFY(m_keys->verifyKeyCheck(std::span(file).first(VaultHeader::keyCheckOffset),
                                       header->keyCheck));
        SecretBuffer out = m_arena->allocate(payload.size()).value();
        ARCANUM_VERIFY_OK(PayloadOpener::open(file, *header, *m_keys, out.bytes(), *m_arena));
        QVERIFY(std::equal(out.span().begin(), out.span().end(), payload.begin(), payload.end()));
    }

private slots:
    void initTestCase()
    {
        m_arena = makeArena();
        m_kdf = Argon2Params::withRandomSalt(Argon2Params::minMemoryKiB, 1, 1);
        m_keys = VaultKeys::derive(secret(*m_arena, "pw").span(), m_kdf, *m_arena).value();
    }

    void roundTripsAtEveryBoundary_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("piece"); // 0: all at once
        for (int size : {0, 1, 65535, 65536, 65537, 131072, 131073, 300000})
            for (int piece : {0, 1000, 65536, 70000})
                if (piece != 1000 || size <= 70000) // small pieces of big payloads: slow, no news
                    QTest::addRow("%d bytes in pieces of %d", size, piece) << size << piece;
    }
    void roundTripsAtEveryBoundary()
    {
        QFETCH(int, size);
        QFETCH(int, piece);
        const SecretBuffer payload = pattern(std::size_t(size));
        auto sealer = PayloadSealer::begin(*m_keys, m_kdf, payload.size(), *m_arena);
        ARCANUM_VERIFY_OK(sealer);
        const std::size_t step = piece == 0 ? payload.size() + 1 : std::size_t(piece);
        for (std::size_t at = 0; at < payload.size(); at += step)
            ARCANUM_VERIFY_OK(sealer->write(payload.span().sub(at, step)));
        auto file = sealer->finish();
        ARCANUM_VERIFY_OK(file);
        const ChunkLayout layout = ChunkLayout::forPayload(payload.size());
        QCOMPARE(file->size(), std::size_t(VaultHeader::size + layout.ciphertextBytes));
        checkOpens(*file, payload.span());
    }

    void wholeChunksNeedNoStaging()
    {
        const SecretBuffer payload = pattern(3 * 65536 + 5);
        const std::size_t used = m_arena->usedBytes();
        auto sealer = PayloadSealer::begin(*m_keys, m_kdf, payload.size(), *m_arena);
        ARCANUM_VERIFY_OK(sealer);
        ARCANUM_VERIFY_OK(sealer->write(payload.span()));
        // The stream state only (it holds the key), no 64 KiB staging buffer.
        QVERIFY(m_arena->usedBytes() - used < 1024);
        ARCANUM_VERIFY_OK(sealer->finish());
    }

    void everySaveHasItsOwnStreamHeader()
    {
        const SecretBuffer payload = pattern(100);
        auto one = Vault::sealFile(payload.span(), *m_keys, m_kdf, *m_arena);
        auto two = Vault::sealFile(payload.span(), *m_keys, m_kdf, *m_arena);
        ARCANUM_VERIFY_OK(one);
        ARCANUM_VERIFY_OK(two);
        QVERIFY(!std::equal(one->begin() + 64, one->begin() + 88, two->begin() + 64));
        QVERIFY(!std::equal(one->begin() + VaultHeader::size, one->end(),
                            two->begin() + VaultHeader::size));
    }

    void refusesTheWrongAmount()
    {
        const SecretBuffer payload = pattern(10);
        auto less = PayloadSealer::begin(*m_keys, m_kdf, 11, *m_arena);
        ARCANUM_VERIFY_OK(less);
        ARCANUM_VERIFY_OK(less->write(payload.span()));
        QCOMPARE(less->finish().error().code, ErrorCode::InvalidArgument);
        auto more = PayloadSealer::begin(*m_keys, m_kdf, 9, *m_arena);
        ARCANUM_VERIFY_OK(more);
        QCOMPARE(more->write(payload.span()).error().code, ErrorCode::InvalidArgument);
    }

    void openerReadsVersion1Too()
    {
        const SecretBuffer payload = pattern(5000);
        const auto file = sealVersion1(payload.span(), *m_keys, m_kdf);
        auto header = VaultHeader::parse(file);
        ARCANUM_VERIFY_OK(header);
        QCOMPARE(header->version, VaultHeader::version1);
        QCOMPARE(header->payloadLength(), std::uint64_t(5000));
        SecretBuffer out = m_arena->allocate(5000).value();
        ARCANUM_VERIFY_OK(PayloadOpener::open(file, *header, *m_keys, out.bytes(), *m_arena));
        QVERIFY(std::equal(out.span().begin(), out.span().end(), payload.span().begin()));
    }
};

QTEST_GUILESS_MAIN(TestPayloadSealer)
#include "TestPayloadSealer.moc"
