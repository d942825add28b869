// Sanitizers: what a test may assume about its own process in an AddressSanitizer build
// (-DARCANUM_ASAN=ON, docs/TESTING.md). ASan replaces malloc() and intercepts mlock(); tests
// whose expectations depend on either ask here instead of being skipped.
#pragma once

namespace arcanum::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool addressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool addressSanitizer = true;
#else
inline constexpr bool addressSanitizer = false;
#endif
#else
inline constexpr bool addressSanitizer = false;
#endif

// Small malloc() blocks live on the brk heap ("[heap]"); ASan's allocator keeps them in
// anonymous mappings of its own.
inline constexpr bool mallocUsesBrkHeap = !addressSanitizer;

// mlock() locks pages (VmLck, VmFlags "lo"); ASan's interceptor turns it into a no-op that
// returns 0, so an ASan build never locks the fallback arena.
inline constexpr bool mlockLocks = !addressSanitizer;

} // namespace arcanum::test
