#include "autofill/ClockTotpSource.h"

#include "totp/Totp.h"
#include "totp/TotpUri.h"

#include <ctime>

namespace arcanum::autofill {

ClockTotpSource::ClockTotpSource(Clock clock) : m_clock(std::move(clock))
{
    if (!m_clock)
        m_clock = [] { return static_cast<std::uint64_t>(std::time(nullptr)); };
}

Result<SecretBuffer> ClockTotpSource::currentCode(const EntryView& entry, SecretArena& arena)
{
    if (entry.totp().empty())
        return Error{ErrorCode::InvalidArgument, "The entry has no TOTP setting."};
    auto parameters = TotpUri::parse(arena, entry.totp());
    if (!parameters)
        return parameters.error();
    return Totp::code(arena, *parameters, m_clock());
}

} // namespace arcanum::autofill
