// KeyFingerprint: how a browser's identification key is shown to the user — "3f2a 91c0 ...",
// the first 16 bytes of its SHA-256 in eight groups of four hex digits. One-way: the text does
// not reveal the key (which acts as the browser's password), so the GUI may show it as an
// ordinary string. Written into the arena because the key it is made from lives there.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

namespace arcanum::autofill {

class KeyFingerprint
{
public:
    static constexpr std::size_t textBytes = 8 * 5 - 1;

    [[nodiscard]] static Result<SecretBuffer> of(SecretSpan key, SecretArena& arena);
};

} // namespace arcanum::autofill
