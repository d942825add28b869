// The fuzz build's self-check: a libFuzzer target with undefined behaviour planted on purpose.
//
// The input "UB" makes a signed int overflow. Built as every target is (-fsanitize=undefined
// with -fno-sanitize-recover=undefined), UBSan stops the run right there, libFuzzer reports a
// crash and saves the input. Without -fno-sanitize-recover, UBSan only prints a warning and the
// fuzzer carries on as if nothing happened, which is how undefined behaviour in the parsers
// would have gone unnoticed. ExpectUbCrash.cmake runs it after every build (docs/FUZZING.md).
#include <climits>
#include <cstddef>
#include <cstdint>

namespace {

volatile int sink; // keeps the overflowing sum from being optimised away

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size >= 2 && data[0] == 'U' && data[1] == 'B') {
        volatile int big = INT_MAX;
        sink = big + static_cast<int>(size); // signed overflow: undefined behaviour
    }
    return 0;
}
