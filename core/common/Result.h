// Result<T>: a value or an Error, the return type of every core operation that can fail.
//
// A small stand-in for C++23 std::expected. It is [[nodiscard]] so a failure can't be ignored
// silently; `value()` on an error (or `error()` on a value) is a programming bug and aborts.
#pragma once

#include "common/Error.h"

#include <cstdlib>
#include <utility>
#include <variant>

namespace arcanum {

template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}

    [[nodiscard]] bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() &
    {
        check(ok());
        return std::get<0>(m_state);
    }
    const T& value() const&
    {
        check(ok());
        return std::get<0>(m_state);
    }
    T&& value() &&
    {
        check(ok());
        return std::get<0>(std::move(m_state));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }

    const Error& error() const
    {
        check(!ok());
        return std::get<1>(m_state);
    }

private:
    static void check(bool condition)
    {
        if (!condition)
            std::abort();
    }
    std::variant<T, Error> m_state;
};

template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    [[nodiscard]] bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }

    const Error& error() const
    {
        if (!m_failed)
            std::abort();
        return m_error;
    }

private:
    Error m_error{ErrorCode::SystemError, {}};
    bool m_failed = false;
};

// Shorthand for `return Error{code, message};` where the return type is deduced poorly.
inline Error makeError(ErrorCode code, std::string message)
{
    return Error{code, std::move(message)};
}

} // namespace arcanum
