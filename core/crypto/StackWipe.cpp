#include "crypto/StackWipe.h"

#include <alloca.h>
#include <sodium.h>

namespace arcanum {

__attribute__((noinline)) void StackWipe::below(std::size_t bytes)
{
    // alloca rather than a fixed array: the size is the caller's choice, and the compiler cannot
    // drop a wipe of memory whose address escapes into sodium_memzero.
    void* region = alloca(bytes);
    sodium_memzero(region, bytes);
    __asm__ __volatile__("" : : "r"(region) : "memory");
}

} // namespace arcanum
