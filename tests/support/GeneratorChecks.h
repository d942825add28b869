// GeneratorChecks: what every core/generator test checks the same way, for a generator class G
// (PasswordGenerator, PassphraseGenerator) with static validate / entropyBits / generate.
//
// The verify* helpers use QtTest macros, so they return early on the first failure; the caller
// makes them its last statement (or checks QTest::currentTestFailed()).
#pragma once

#include "common/Result.h"
#include "generator/GeneratedSecret.h"
#include "secret/SecretArena.h"

#include <QtTest>
#include <utility>

namespace arcanum::test {

// A fresh secret from G in `arena`; a failure ends the test run (it is never expected).
template <typename G, typename Options>
GeneratedSecret generateOrDie(SecretArena& arena, const Options& options)
{
    auto generated = G::generate(arena, options);
    if (!generated)
        qFatal("generate failed: %s", generated.error().message.c_str());
    return std::move(generated.value());
}

// entropyBits(options) equals `bits` to 1e-9 relative, and generate() reports the same value.
template <typename G, typename Options>
void verifyEntropy(SecretArena& arena, const Options& options, double bits)
{
    const auto computed = G::entropyBits(options);
    QVERIFY(computed.ok());
    QVERIFY2(qAbs(computed.value() - bits) < 1e-9 * qMax(1.0, bits),
             qPrintable(QString::number(computed.value(), 'g', 17)));
    QCOMPARE(generateOrDie<G>(arena, options).entropyBits, computed.value());
}

// validate, entropyBits and generate all refuse `options` with InvalidArgument, validate's
// message contains `messagePart`, and generate allocates nothing in `arena`.
template <typename G, typename Options>
void verifyRejected(SecretArena& arena, const Options& options, const QString& messagePart)
{
    const auto valid = G::validate(options);
    QVERIFY(!valid.ok());
    QCOMPARE(valid.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(QString::fromStdString(valid.error().message).contains(messagePart),
             valid.error().message.c_str());
    const auto bits = G::entropyBits(options);
    QVERIFY(!bits.ok());
    QCOMPARE(bits.error().code, ErrorCode::InvalidArgument);
    const std::size_t used = arena.usedBytes();
    const auto generated = G::generate(arena, options);
    QVERIFY(!generated.ok());
    QCOMPARE(generated.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(arena.usedBytes(), used);
}

} // namespace arcanum::test
