// Helpers shared by the core tests: arena-held literals, temporary folders, field comparison.
//
// Test data such as "hunter2" is written in the test source (so it lives in the binary's
// read-only data); these helpers copy it into the arena so the code under test only ever sees
// arena memory, as in production.
#pragma once

#include "secret/SecretArena.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>
#include <cstring>
#include <memory>
#include <string>

namespace arcanum::test {

inline std::unique_ptr<SecretArena> makeArena(const SecretArenaOptions& options = {})
{
    auto arena = SecretArena::create(options);
    if (!arena)
        qFatal("cannot create arena: %s", arena.error().message.c_str());
    return std::move(arena.value());
}

// A copy of `text` in `arena`.
inline SecretBuffer secret(SecretArena& arena, const char* text)
{
    auto buffer =
        arena.copyOf(SecretSpan(reinterpret_cast<const std::uint8_t*>(text), std::strlen(text)));
    if (!buffer)
        qFatal("cannot allocate: %s", buffer.error().message.c_str());
    return std::move(buffer.value());
}

// A copy of `bytes` (which may hold NULs or be empty) in `arena`.
inline SecretBuffer secret(SecretArena& arena, const QByteArray& bytes)
{
    auto buffer = arena.copyOf(SecretSpan(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                                          std::size_t(bytes.size())));
    if (!buffer)
        qFatal("cannot allocate: %s", buffer.error().message.c_str());
    return std::move(buffer.value());
}

// Writes `bytes` to `path` (test data, not secret), creating its folder first.
inline void writeTestFile(const std::string& path, const QByteArray& bytes)
{
    QVERIFY(QDir().mkpath(QFileInfo(QString::fromStdString(path)).path()));
    QFile file(QString::fromStdString(path));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), qint64(bytes.size()));
}

// True when `span` holds exactly `text`.
inline bool equals(SecretSpan span, const char* text)
{
    const std::size_t length = std::strlen(text);
    return span.size() == length && (length == 0 || std::memcmp(span.data(), text, length) == 0);
}

inline std::string errorText(const Error& error)
{
    return std::string(errorCodeName(error.code)) + ": " + error.message;
}

} // namespace arcanum::test

#define ARCANUM_VERIFY_OK(expr)                                                                    \
    do {                                                                                           \
        const auto& arcanumResult_ = (expr);                                                       \
        QVERIFY2(arcanumResult_.ok(),                                                              \
                 arcanumResult_.ok() ? ""                                                          \
                                     : arcanum::test::errorText(arcanumResult_.error()).c_str());  \
    } while (false)
