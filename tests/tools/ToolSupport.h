// ToolSupport: what the test-data generators (make-vault-vectors, make-fuzz-seeds) share: stop
// with a message on the first error, and put known test strings into an arena. Header-only.
#pragma once

#include "common/Result.h"
#include "secret/SecretArena.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace arcanum::tools {

// The program name in messages; set it first thing in main().
inline const char* g_programName = "tool";

[[noreturn]] inline void die(const std::string& what, const Error& error)
{
    std::fprintf(stderr, "%s: %s: %s\n", g_programName, what.c_str(), error.message.c_str());
    std::exit(1);
}

template <typename T>
T check(Result<T> result, const std::string& what)
{
    if (!result)
        die(what, result.error());
    return std::move(result.value());
}

inline void check(Result<void> result, const std::string& what)
{
    if (!result)
        die(what, result.error());
}

// A copy of `value` in `arena`. Test data is public: these literals are meant to be known.
inline SecretBuffer textIn(SecretArena& arena, std::string_view value)
{
    return check(
        arena.copyOf(SecretSpan(reinterpret_cast<const std::uint8_t*>(value.data()), value.size())),
        "copy");
}

} // namespace arcanum::tools
