#include "generator/PasswordStrength.h"

#include "text/Utf8.h"

#include <cmath>
#include <string_view>

namespace arcanum {

namespace {

enum CharClass : unsigned
{
    Lower = 1,
    Upper = 2,
    Digit = 4,
    Symbol = 8,
    Other = 16
};

constexpr double poolOf(unsigned classes)
{
    double pool = 0;
    pool += (classes & Lower) ? 26 : 0;
    pool += (classes & Upper) ? 26 : 0;
    pool += (classes & Digit) ? 10 : 0;
    pool += (classes & Symbol) ? 33 : 0;
    pool += (classes & Other) ? 100 : 0;
    return pool;
}

CharClass classOf(char32_t c)
{
    if (c >= U'a' && c <= U'z')
        return Lower;
    if (c >= U'A' && c <= U'Z')
        return Upper;
    if (c >= U'0' && c <= U'9')
        return Digit;
    return c < 0x80 ? Symbol : Other;
}

char32_t foldAscii(char32_t c)
{
    return c >= U'A' && c <= U'Z' ? c - U'A' + U'a' : c;
}

// Keyboard rows (US layout), unshifted letters and digits and the shifted digit row.
constexpr std::string_view keyboardRows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890",
                                             "!@#$%^&*()"};

bool adjacentOnKeyboard(char32_t a, char32_t b)
{
    for (std::string_view row : keyboardRows) {
        for (std::size_t i = 0; i + 1 < row.size(); ++i) {
            const char32_t left = static_cast<unsigned char>(row[i]);
            const char32_t right = static_cast<unsigned char>(row[i + 1]);
            if ((a == left && b == right) || (a == right && b == left))
                return true;
        }
    }
    return false;
}

bool continuesSequence(char32_t previous, char32_t current)
{
    const char32_t a = foldAscii(previous), b = foldAscii(current);
    const bool alphanumeric = (classOf(a) == Lower && classOf(b) == Lower) ||
                              (classOf(a) == Digit && classOf(b) == Digit);
    if (alphanumeric && (a + 1 == b || b + 1 == a))
        return true;
    return adjacentOnKeyboard(a, b);
}

// True when code point `c` occurs in the bytes before `limit` (decoded again from the start:
// no table of the characters seen is kept).
bool occursBefore(SecretSpan password, std::size_t limit, char32_t c)
{
    std::size_t offset = 0;
    while (offset < limit)
        if (Utf8::decode(password, offset) == c)
            return true;
    return false;
}

} // namespace

double PasswordStrength::estimateBits(SecretSpan password)
{
    unsigned classes = 0;
    for (std::size_t offset = 0; offset < password.size();)
        classes |= classOf(Utf8::decode(password, offset));
    if (classes == 0)
        return 0.0;
    const double full = std::log2(poolOf(classes));

    double bits = 0.0;
    char32_t previous = 0;
    std::size_t previousStart = 0;
    for (std::size_t offset = 0; offset < password.size();) {
        const std::size_t start = offset;
        const char32_t c = Utf8::decode(password, offset);
        if (start > 0 && c == previous)
            bits += 1.0;
        else if (start > 0 && continuesSequence(previous, c))
            bits += 2.0;
        else if (start > 0 && occursBefore(password, previousStart, c))
            bits += full / 2.0;
        else
            bits += full;
        previous = c;
        previousStart = start;
    }
    const bool oneClass = (classes & (classes - 1)) == 0;
    return oneClass ? bits * oneClassFactor : bits;
}

PasswordStrength::Rating PasswordStrength::rate(double bits)
{
    if (bits < fairBits)
        return Rating::Weak;
    if (bits < strongBits)
        return Rating::Fair;
    if (bits < excellentBits)
        return Rating::Strong;
    return Rating::Excellent;
}

PasswordStrength::Estimate PasswordStrength::estimate(SecretSpan password)
{
    const double bits = estimateBits(password);
    return {bits, rate(bits)};
}

} // namespace arcanum
