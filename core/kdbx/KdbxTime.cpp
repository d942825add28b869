#include "kdbx/KdbxTime.h"

#include "kdbx/KdbxFormat.h"
#include "kdbx/PublicBase64.h"

#include <climits>
#include <cstdio>
#include <sodium.h>

namespace arcanum {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civilFromDays(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
}

bool digits(const std::uint8_t* p, std::size_t count, unsigned& value)
{
    value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        value = value * 10 + (p[i] - '0');
    }
    return true;
}

std::optional<std::int64_t> parseIso(const std::uint8_t* p, std::size_t n)
{
    // YYYY-MM-DDTHH:MM:SS[.fraction][Z|+HH:MM|-HH:MM]
    unsigned year, month, day, hour, minute, second;
    if (n < 19 || p[4] != '-' || p[7] != '-' || (p[10] != 'T' && p[10] != ' ') || p[13] != ':' ||
        p[16] != ':')
        return std::nullopt;
    if (!digits(p, 4, year) || !digits(p + 5, 2, month) || !digits(p + 8, 2, day) ||
        !digits(p + 11, 2, hour) || !digits(p + 14, 2, minute) || !digits(p + 17, 2, second))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    std::size_t at = 19;
    if (at < n && p[at] == '.') {
        ++at;
        while (at < n && p[at] >= '0' && p[at] <= '9')
            ++at;
    }
    std::int64_t offset = 0;
    if (at < n && p[at] == 'Z') {
        ++at;
    } else if (at < n && (p[at] == '+' || p[at] == '-')) {
        unsigned hours, minutes;
        if (n - at != 6 || p[at + 3] != ':' || !digits(p + at + 1, 2, hours) ||
            !digits(p + at + 4, 2, minutes))
            return std::nullopt;
        offset = (p[at] == '+' ? 1 : -1) * std::int64_t(hours * 3600 + minutes * 60);
        at += 6;
    }
    if (at != n)
        return std::nullopt;
    return daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
}

} // namespace

std::optional<std::int64_t> KdbxTime::parse(SecretSpan text)
{
    std::size_t begin = 0, end = text.size();
    auto space = [](std::uint8_t c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    };
    while (begin < end && space(text[begin]))
        ++begin;
    while (end > begin && space(text[end - 1]))
        --end;
    const std::uint8_t* p = text.data() + begin;
    const std::size_t n = end - begin;
    if (n == 0)
        return std::nullopt;
    if (n >= 19 && p[4] == '-')
        return parseIso(p, n);
    std::uint8_t raw[9] = {};
    std::size_t length = 0;
    // A time stamp is not secret: the table decoder first, libsodium for anything unusual.
    if (const auto fast = PublicBase64::decode({p, n}, raw); fast && *fast > 0 && *fast <= 8) {
        length = *fast;
    } else if (n > 16 ||
               sodium_base642bin(raw, sizeof raw, reinterpret_cast<const char*>(p), n, nullptr,
                                 &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
               length == 0 || length > 8)
        return std::nullopt;
    const auto seconds = static_cast<std::int64_t>(kdbx::readLe64(raw));
    if (seconds < INT64_MIN + kdbx::unixEpochInKdbxSeconds)
        return std::nullopt; // before any calendar: damaged
    return seconds - kdbx::unixEpochInKdbxSeconds;
}

std::string KdbxTime::toKdbx4(std::int64_t unixSeconds)
{
    std::uint8_t raw[8];
    // Wraps (as unsigned) instead of overflowing for times no calendar has.
    kdbx::writeLe64(raw, static_cast<std::uint64_t>(unixSeconds) +
                             static_cast<std::uint64_t>(kdbx::unixEpochInKdbxSeconds));
    char text[sodium_base64_ENCODED_LEN(8, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(text, sizeof text, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
    return text;
}

std::string KdbxTime::toIso(std::int64_t unixSeconds)
{
    std::int64_t days = unixSeconds / 86400, rest = unixSeconds % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    std::int64_t year;
    unsigned month, day;
    civilFromDays(days, year, month, day);
    char text[40];
    std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ",
                  static_cast<long long>(year), month, day, static_cast<long long>(rest / 3600),
                  static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
    return text;
}

} // namespace arcanum
