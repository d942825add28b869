// OuterMessage: the unencrypted envelope of a request, as the host relays it from the browser:
// {"action", "message" (base64 ciphertext), "nonce", "clientID", and for some actions
// "publicKey", "requestID", "triggerUnlock"}.
//
// Nothing in it is secret (ciphertext, public keys, random identifiers), so it is parsed in
// ordinary memory. The views point into the buffer given to parse().
#pragma once

#include "common/Result.h"

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace arcanum::autofill {

struct OuterMessage
{
    std::string_view action;
    std::string_view message;
    std::string_view nonce;
    std::string_view clientId;
    std::string_view publicKey;
    std::string_view requestId;
    bool triggerUnlock = false;

    // Parses the JSON object in `frame` (copied into `storage`, which the views then point
    // into). InvalidArgument for malformed JSON, a non-object, a field of the wrong type or a
    // field given twice.
    [[nodiscard]] static Result<OuterMessage> parse(std::span<const std::uint8_t> frame,
                                                    std::vector<std::uint8_t>& storage);
};

} // namespace arcanum::autofill
