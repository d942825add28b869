// Helpers for tests that need a SecretArena and test input inside it. Test input is not a
// secret: copying it from a QByteArray only puts it where real plaintext would be.
#pragma once

#include "secret/SecretArena.h"

#include <QByteArray>
#include <QtGlobal>
#include <cstring>
#include <memory>

namespace arcanum::test {

inline std::unique_ptr<SecretArena> makeArena()
{
    auto arena = SecretArena::create();
    if (!arena)
        qFatal("arena: %s", arena.error().message.c_str());
    return std::move(arena.value());
}

inline SecretBuffer copyIntoArena(SecretArena& arena, const QByteArray& bytes)
{
    auto buffer = arena.allocate(std::size_t(bytes.size()));
    if (!buffer)
        qFatal("allocate: %s", buffer.error().message.c_str());
    if (!bytes.isEmpty())
        std::memcpy(buffer->data(), bytes.constData(), std::size_t(bytes.size()));
    return std::move(buffer.value());
}

} // namespace arcanum::test
