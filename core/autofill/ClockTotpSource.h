// ClockTotpSource: the TotpSource the app gives the autofill protocol. Reads the entry's TOTP
// field (an otpauth:// URI or a bare Base32 secret, core/totp/TotpUri) and computes the code for
// the clock's current second, both inside the arena.
#pragma once

#include "autofill/TotpSource.h"

#include <cstdint>
#include <functional>

namespace arcanum::autofill {

class ClockTotpSource : public TotpSource
{
public:
    using Clock = std::function<std::uint64_t()>; // Unix seconds

    // Without a clock: the system's real-time clock.
    explicit ClockTotpSource(Clock clock = {});

    [[nodiscard]] Result<SecretBuffer> currentCode(const EntryView& entry,
                                                   SecretArena& arena) override;

private:
    Clock m_clock;
};

} // namespace arcanum::autofill
