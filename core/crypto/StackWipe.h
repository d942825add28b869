// StackWipe: zeroes the dead stack below the caller, where a library call just left secrets.
//
// Some library functions keep key material or plaintext in stack locals they never wipe (nettle's
// HMAC key pads and Twofish/SHA-1 working words, for instance). When such a call returns, those
// bytes stay in the dead part of the stack until something overwrites them. Calling
// StackWipe::below() right after such a call, from the same function, overwrites that region.
#pragma once

#include <cstddef>

namespace arcanum {

class StackWipe
{
public:
    // Bytes of stack zeroed below the caller's frame; more than any library we call uses.
    static constexpr std::size_t defaultBytes = 32 * 1024;

    // Never inlined, so its frame (and the zeroed array) lies below the caller's.
    static void below(std::size_t bytes = defaultBytes);
};

} // namespace arcanum
