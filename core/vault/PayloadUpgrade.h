// PayloadUpgrade: turns a decrypted version-1 payload into a version-2 payload, in place
// (docs/FORMAT.md §8, §9).
//
// Version 1 frames every record with a u32 length and stores times in 8 bytes; version 2 uses a
// LEB128 length and 6-byte times, so no record grows. A first pass checks the version-1 rules
// and computes every container's new size; a second pass rewrites the records front to back in
// the same buffer (the write position never passes the read position), and the buffer is
// shrunk, which wipes the tail. No second copy of the payload exists at any point. The result
// has no vault identity yet: VaultContents::loadVersion1 gives it one.
#pragma once

#include "common/Result.h"
#include "secret/SecretBuffer.h"

namespace arcanum {

class PayloadUpgrade
{
public:
    // FileDamaged / UnsupportedVersion as a version-1 reader would have said; InvalidArgument
    // for a value of 2^28 bytes or more, which version 2 cannot frame. On error the buffer is
    // unchanged.
    [[nodiscard]] static Result<void> fromVersion1(SecretBuffer& payload);
};

} // namespace arcanum
