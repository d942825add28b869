// Tests for core/crypto: Argon2 known answers (RFC 9106), the KDF limits every reader checks
// (docs/FORMAT.md §7), AEAD, secretstream, keyed BLAKE2b, constant time.
#include "crypto/Aead.h"
#include "crypto/Argon2.h"
#include "crypto/ConstantTime.h"
#include "crypto/KeyedHash.h"
#include "crypto/Random.h"
#include "crypto/SecretStream.h"
#include "secret/SecretArena.h"

#include <QtTest>
#include <array>
#include <cstring>
#include <sodium.h>
#include <vector>

using namespace arcanum;

namespace {

std::vector<std::uint8_t> hex(const char* text)
{
    std::vector<std::uint8_t> bytes;
    for (std::size_t i = 0; text[i] != 0 && text[i + 1] != 0; i += 2) {
        const char pair[3] = {text[i], text[i + 1], 0};
        bytes.push_back(static_cast<std::uint8_t>(std::strtoul(pair, nullptr, 16)));
    }
    return bytes;
}

SecretBuffer filled(SecretArena& arena, std::size_t size, std::uint8_t value)
{
    auto buffer = arena.allocate(size);
    std::memset(buffer->data(), value, size);
    return std::move(buffer.value());
}

} // namespace

class TestCrypto : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

private slots:
    void initTestCase() { m_arena = std::move(SecretArena::create().value()); }

    // RFC 9106 section 5: 32 KiB, 3 passes, 4 lanes, with secret and associated data.
    void argon2KnownAnswers_data()
    {
        QTest::addColumn<int>("variant");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("Argon2id (RFC 9106 5.3)")
            << int(Argon2::Variant::Argon2id)
            << QByteArray("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
        QTest::newRow("Argon2d (RFC 9106 5.1)")
            << int(Argon2::Variant::Argon2d)
            << QByteArray("512b391b6f1162975371d30919734294f868e3be3984f3c1a13a4db9fabe4acb");
    }
    void argon2KnownAnswers()
    {
        QFETCH(int, variant);
        QFETCH(QByteArray, expected);
        SecretBuffer password = filled(*m_arena, 32, 0x01);
        const std::vector<std::uint8_t> salt(16, 0x02), secret(8, 0x03), ad(12, 0x04);
        Argon2::RawInput input;
        input.variant = static_cast<Argon2::Variant>(variant);
        input.memoryKiB = 32;
        input.iterations = 3;
        input.lanes = 4;
        input.salt = salt;
        input.secret = secret;
        input.associatedData = ad;
        auto tag = m_arena->allocate(32);
        QVERIFY(tag);
        auto hashed = Argon2::hashRaw(password.span(), input, tag->bytes());
        QVERIFY2(hashed, hashed.ok() ? "" : hashed.error().message.c_str());
        const auto want = hex(expected.constData());
        QVERIFY(std::memcmp(tag->data(), want.data(), 32) == 0);
    }

    // Single-lane Argon2id must equal libsodium's independent implementation.
    void argon2idAgreesWithLibsodiumForOneLane()
    {
        SecretBuffer password = filled(*m_arena, 11, 'p');
        Argon2Params params = Argon2Params::withRandomSalt(8 * 1024, 2, 1);
        std::array<std::uint8_t, 16> sodiumSalt{};
        std::memcpy(sodiumSalt.data(), params.salt.data(), 16);
        Argon2::RawInput input;
        input.memoryKiB = params.memoryKiB;
        input.iterations = params.iterations;
        input.lanes = 1;
        input.salt = sodiumSalt;
        auto ours = m_arena->allocate(32);
        auto theirs = m_arena->allocate(32);
        QVERIFY(Argon2::hashRaw(password.span(), input, ours->bytes()));
        QCOMPARE(crypto_pwhash(theirs->data(), 32, password.span().chars(), password.size(),
                               sodiumSalt.data(), params.iterations, params.memoryKiB * 1024ull,
                               crypto_pwhash_ALG_ARGON2ID13),
                 0);
        QVERIFY(ConstantTime::equal(ours->bytes(), theirs->bytes()));
    }

    void deriveKeyDependsOnEveryParameter()
    {
        SecretBuffer password = filled(*m_arena, 8, 'x');
        const Argon2Params base = Argon2Params::withRandomSalt(64, 1, 2);
        auto reference = m_arena->allocate(32);
        QVERIFY(Argon2::deriveKey(password.span(), base, reference->bytes()));
        auto variants = std::vector<Argon2Params>(4, base);
        variants[0].memoryKiB = 128;
        variants[1].iterations = 2;
        variants[2].lanes = 1;
        variants[3].salt[0] ^= 1;
        for (const Argon2Params& params : variants) {
            auto key = m_arena->allocate(32);
            QVERIFY(Argon2::deriveKey(password.span(), params, key->bytes()));
            QVERIFY(!ConstantTime::equal(key->bytes(), reference->bytes()));
        }
    }

    void argon2ParamsAreValidated_data()
    {
        QTest::addColumn<uint>("memoryKiB");
        QTest::addColumn<uint>("iterations");
        QTest::addColumn<uint>("lanes");
        QTest::newRow("no lanes") << 64u << 1u << 0u;
        QTest::newRow("too many lanes") << 65536u << 1u << 65u;
        QTest::newRow("no passes") << 64u << 0u << 1u;
        QTest::newRow("absurd passes") << 64u << 1001u << 1u;
        QTest::newRow("memory below 8 KiB per lane") << 16u << 1u << 4u;
        QTest::newRow("memory over 4 GiB") << 4u * 1024 * 1024 + 1 << 1u << 1u;
    }
    void argon2ParamsAreValidated()
    {
        QFETCH(uint, memoryKiB);
        QFETCH(uint, iterations);
        QFETCH(uint, lanes);
        const Argon2Params params = Argon2Params::withRandomSalt(memoryKiB, iterations, lanes);
        auto valid = params.validate();
        QVERIFY(!valid);
        QCOMPARE(valid.error().code, ErrorCode::InvalidParameters);
        SecretBuffer password = filled(*m_arena, 4, 'a');
        auto key = m_arena->allocate(32);
        auto derived = Argon2::deriveKey(password.span(), params, key->bytes());
        QVERIFY(!derived);
        QCOMPARE(derived.error().code, ErrorCode::InvalidParameters);
    }

    void kdfLimits_data()
    {
        QTest::addColumn<qulonglong>("memoryKiB");
        QTest::addColumn<qulonglong>("iterations");
        QTest::addColumn<qulonglong>("physicalKiB");
        QTest::addColumn<bool>("allowed");
        const qulonglong gib = 1024 * 1024, ram = 16 * gib;
        QTest::newRow("default calibration: 256 MiB x 4") << 256 * 1024ull << 4ull << ram << true;
        QTest::newRow("CLI base: 256 MiB x 3") << 256 * 1024ull << 3ull << ram << true;
        QTest::newRow("64 MiB x 1000 (at the work limit)")
            << 64 * 1024ull << 1000ull << ram << true;
        QTest::newRow("4 GiB x 16 = 64 GiB-passes") << 4 * gib << 16ull << ram << true;
        QTest::newRow("4 GiB x 17") << 4 * gib << 17ull << ram << false;
        QTest::newRow("1 GiB x 1000") << gib << 1000ull << ram << false;
        QTest::newRow("4 GiB x 1000, the attack") << 4 * gib << 1000ull << ram << false;
        QTest::newRow("67,109 KiB x 1000, just over") << 67109ull << 1000ull << ram << false;
        QTest::newRow("67,108 KiB x 1000, just under") << 67108ull << 1000ull << ram << true;
        QTest::newRow("half of the RAM") << 2 * gib << 1ull << 4 * gib << true;
        QTest::newRow("more than half of the RAM") << 2 * gib + 1 << 1ull << 4 * gib << false;
        QTest::newRow("1 GiB on a 1 GiB machine") << gib << 1ull << gib << false;
        QTest::newRow("KDBX: 2^40 KiB") << (1ull << 40) << 1ull << ram << false;
        QTest::newRow("KDBX: 2^40 passes") << 1024ull << (1ull << 40) << ram << false;
        QTest::newRow("KDBX: 2^63 passes") << 64ull << (1ull << 63) << ram << false;
    }
    void kdfLimits()
    {
        QFETCH(qulonglong, memoryKiB);
        QFETCH(qulonglong, iterations);
        QFETCH(qulonglong, physicalKiB);
        QFETCH(bool, allowed);
        const auto result = Argon2Params::checkLimits(memoryKiB, iterations, physicalKiB);
        QCOMPARE(result.ok(), allowed);
        if (!allowed) {
            QCOMPARE(result.error().code, ErrorCode::KdfLimitExceeded);
            // Says what was asked and what the limit is.
            const std::string& message = result.error().message;
            QVERIFY2(message.find("ask for") != std::string::npos, message.c_str());
            QVERIFY2(message.find("at most") != std::string::npos, message.c_str());
        }
    }

    void kdfLimitsGuardEveryDerivation()
    {
        // 1 GiB x 1000 passes is within the format's bounds but beyond the limits: refused
        // before Argon2 runs (were it run, this test would take many minutes).
        const Argon2Params costly = Argon2Params::withRandomSalt(1024 * 1024, 1000, 1);
        QVERIFY(costly.validate());
        QCOMPARE(costly.checkLimits().error().code, ErrorCode::KdfLimitExceeded);
        QCOMPARE(Argon2Params::maxIterationsFor(1024 * 1024), std::uint32_t(64));
        QCOMPARE(Argon2Params::maxIterationsFor(8), Argon2Params::maxIterations);
        QCOMPARE(Argon2Params::maxIterationsFor(4ull << 30), std::uint32_t(1));
        QVERIFY(Argon2Params::physicalMemoryKiB() > 0);
    }

    void defaultLanesAreCoresUpToFour()
    {
        const std::uint32_t lanes = Argon2Params::defaultLanes();
        QVERIFY(lanes >= 1 && lanes <= 4);
        QCOMPARE(lanes, std::min<std::uint32_t>(4, std::max(1, QThread::idealThreadCount())));
    }

    void calibrationPicksValidBoundedParameters()
    {
        Argon2::Calibration calibration;
        calibration.target = std::chrono::milliseconds(150);
        calibration.maxMemoryKiB = 16 * 1024;
        auto params = Argon2::calibrate(calibration);
        QVERIFY(params);
        QVERIFY(params->validate());
        QVERIFY(params->memoryKiB <= 16 * 1024);
        QVERIFY(params->checkLimits()); // never what a reader would refuse
        QCOMPARE(params->lanes, Argon2Params::defaultLanes());
        const auto other = Argon2::calibrate(calibration);
        QVERIFY(other);
        QVERIFY(params->salt != other->salt);
    }

    void aeadRoundTrip()
    {
        SecretBuffer key = filled(*m_arena, Aead::keyBytes, 0x42);
        SecretBuffer message = filled(*m_arena, 1000, 'm');
        std::array<std::uint8_t, Aead::nonceBytes> nonce{};
        Random::fill(nonce);
        const std::vector<std::uint8_t> ad = {1, 2, 3};
        auto sealed = Aead::seal(message.span(), ad, key.span(), nonce);
        QVERIFY(sealed);
        QCOMPARE(sealed->size(), std::size_t(1000 + Aead::tagBytes));
        QVERIFY(std::memcmp(sealed->data(), message.data(), 16) != 0);
        auto opened = Aead::open(*sealed, ad, key.span(), nonce, *m_arena);
        QVERIFY(opened);
        QVERIFY(m_arena->contains(opened->data()));
        QVERIFY(ConstantTime::equal(opened->bytes(), message.bytes()));
    }

    void aeadRejectsTampering_data()
    {
        QTest::addColumn<QString>("what");
        for (const char* what : {"ciphertext", "tag", "nonce", "associated data", "key", "short"})
            QTest::newRow(what) << QString(what);
    }
    void aeadRejectsTampering()
    {
        QFETCH(QString, what);
        SecretBuffer key = filled(*m_arena, Aead::keyBytes, 0x42);
        SecretBuffer message = filled(*m_arena, 64, 'm');
        std::array<std::uint8_t, Aead::nonceBytes> nonce{};
        Random::fill(nonce);
        std::vector<std::uint8_t> ad = {9, 9};
        auto sealed = Aead::seal(message.span(), ad, key.span(), nonce);
        QVERIFY(sealed);
        std::vector<std::uint8_t> ciphertext = *sealed;
        if (what == "ciphertext")
            ciphertext[10] ^= 0x01;
        else if (what == "tag")
            ciphertext.back() ^= 0x80;
        else if (what == "nonce")
            nonce[23] ^= 0x01;
        else if (what == "associated data")
            ad[0] ^= 0x01;
        else if (what == "key")
            key.data()[0] ^= 0x01;
        else
            ciphertext.resize(Aead::tagBytes - 1);
        const std::size_t used = m_arena->usedBytes();
        auto opened = Aead::open(ciphertext, ad, key.span(), nonce, *m_arena);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::AuthenticationFailed);
        QCOMPARE(m_arena->usedBytes(), used); // the failed plaintext buffer was freed
    }

    void secretStreamRoundTrip()
    {
        SecretBuffer key = filled(*m_arena, SecretStream::keyBytes, 0x24);
        std::array<std::uint8_t, SecretStream::headerBytes> header{};
        auto push = SecretStream::push(key.span(), header, *m_arena);
        QVERIFY(push);
        QVERIFY(header != (std::array<std::uint8_t, SecretStream::headerBytes>{}));
        const std::vector<std::uint8_t> ad = {1, 2, 3};
        SecretBuffer first = filled(*m_arena, 100, 'a'), last = filled(*m_arena, 0, 0);
        std::vector<std::uint8_t> c1(100 + SecretStream::overheadBytes),
            c2(SecretStream::overheadBytes);
        QVERIFY(push->encrypt(first.span(), ad, SecretStream::Tag::Message, c1));
        QVERIFY(push->encrypt(last.span(), ad, SecretStream::Tag::Final, c2));
        QVERIFY(std::memcmp(c1.data(), first.data(), 16) != 0);

        auto pull = SecretStream::pull(key.span(), header, *m_arena);
        QVERIFY(pull);
        SecretBuffer out = filled(*m_arena, 100, 0);
        auto tag = pull->decrypt(c1, ad, out.bytes());
        QVERIFY(tag);
        QCOMPARE(*tag, SecretStream::Tag::Message);
        QVERIFY(ConstantTime::equal(out.bytes(), first.bytes()));
        tag = pull->decrypt(c2, ad, {});
        QVERIFY(tag);
        QCOMPARE(*tag, SecretStream::Tag::Final);
    }

    void secretStreamRejectsTampering_data()
    {
        QTest::addColumn<QString>("what");
        for (const char* what :
             {"ciphertext", "associated data", "order", "repeat", "header", "key", "short"})
            QTest::newRow(what) << QString(what);
    }
    void secretStreamRejectsTampering()
    {
        QFETCH(QString, what);
        SecretBuffer key = filled(*m_arena, SecretStream::keyBytes, 0x24);
        std::array<std::uint8_t, SecretStream::headerBytes> header{};
        auto push = SecretStream::push(key.span(), header, *m_arena);
        QVERIFY(push);
        std::vector<std::uint8_t> ad = {7};
        SecretBuffer message = filled(*m_arena, 32, 'm');
        std::vector<std::vector<std::uint8_t>> chunks(
            2, std::vector<std::uint8_t>(32 + SecretStream::overheadBytes));
        QVERIFY(push->encrypt(message.span(), ad, SecretStream::Tag::Message, chunks[0]));
        QVERIFY(push->encrypt(message.span(), ad, SecretStream::Tag::Final, chunks[1]));
        if (what == "ciphertext")
            chunks[0][3] ^= 0x01;
        else if (what == "associated data")
            ad[0] ^= 0x01;
        else if (what == "order")
            std::swap(chunks[0], chunks[1]);
        else if (what == "repeat")
            chunks[0] = chunks[1];
        else if (what == "header")
            header[5] ^= 0x01;
        else if (what == "key")
            key.data()[0] ^= 0x01;
        else
            chunks[0].resize(SecretStream::overheadBytes - 1);
        auto pull = SecretStream::pull(key.span(), header, *m_arena);
        QVERIFY(pull);
        SecretBuffer out = filled(*m_arena, 32, 0x5A);
        const std::size_t plain =
            chunks[0].size() >= SecretStream::overheadBytes ? chunks[0].size() - 17 : 0;
        auto first = pull->decrypt(chunks[0], ad, out.bytes().first(plain));
        QVERIFY(!first);
        QCOMPARE(first.error().code,
                 what == "short" ? ErrorCode::InvalidParameters : ErrorCode::AuthenticationFailed);
        for (std::uint8_t byte : out.bytes())
            QCOMPARE(byte, std::uint8_t(0x5A)); // nothing written
    }

    // First keyed vector of the BLAKE2 reference KAT: key 00..3f, empty message, 64 bytes.
    void keyedBlake2bKnownAnswer()
    {
        auto key = m_arena->allocate(64);
        for (int i = 0; i < 64; ++i)
            key->data()[i] = static_cast<std::uint8_t>(i);
        std::array<std::uint8_t, 64> out{};
        QVERIFY(KeyedHash::blake2b(key->span(), {}, out));
        const auto want = hex("10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786"
                              "b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568");
        QVERIFY(std::memcmp(out.data(), want.data(), 64) == 0);
    }

    void subkeysDifferByIdAndContext()
    {
        SecretBuffer master = filled(*m_arena, 32, 7);
        auto a = m_arena->allocate(32);
        auto b = m_arena->allocate(32);
        auto c = m_arena->allocate(32);
        QVERIFY(KeyedHash::deriveSubkey(master.span(), 1, "Arcanum1", a->bytes()));
        QVERIFY(KeyedHash::deriveSubkey(master.span(), 2, "Arcanum1", b->bytes()));
        QVERIFY(KeyedHash::deriveSubkey(master.span(), 1, "Arcanum2", c->bytes()));
        QVERIFY(!ConstantTime::equal(a->bytes(), b->bytes()));
        QVERIFY(!ConstantTime::equal(a->bytes(), c->bytes()));
        auto shortMaster = m_arena->allocate(16);
        QVERIFY(!KeyedHash::deriveSubkey(shortMaster->span(), 1, "Arcanum1", a->bytes()));
    }

    void constantTimeEqual()
    {
        const std::vector<std::uint8_t> a = {1, 2, 3}, b = {1, 2, 3}, c = {1, 2, 4}, d = {1, 2};
        QVERIFY(ConstantTime::equal(a, b));
        QVERIFY(!ConstantTime::equal(a, c));
        QVERIFY(!ConstantTime::equal(a, d));
        QVERIFY(ConstantTime::equal({}, {}));
    }

    void randomFillsAndIsUniformInRange()
    {
        std::array<std::uint8_t, 64> a{}, b{};
        Random::fill(a);
        Random::fill(b);
        QVERIFY(a != b);
        for (int i = 0; i < 1000; ++i)
            QVERIFY(Random::uniform(7) < 7);
    }
};

QTEST_GUILESS_MAIN(TestCrypto)
#include "TestCrypto.moc"
