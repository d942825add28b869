// OuterReply: the unencrypted JSON envelopes the app (and the host) send: an encrypted reply's
// wrapper, errors, the key exchange answer and the lock notifications.
//
// Nothing secret goes in: actions, ciphertext, nonces, public keys, error sentences. The action
// and requestID of the request are echoed (the extension matches replies on them), but only
// when they are short printable ASCII.
#pragma once

#include "autofill/BoxNonce.h"
#include "autofill/ProtocolError.h"

#include <span>
#include <string>
#include <string_view>

namespace arcanum::autofill {

class OuterReply
{
public:
    // {"action", "message", "nonce"[, "requestID"]}
    [[nodiscard]] static std::string encrypted(std::string_view action,
                                               std::span<const std::uint8_t> ciphertext,
                                               const BoxNonce& replyNonce,
                                               std::string_view requestId = {});
    // {"action", "errorCode":"N", "error"[, "requestID"]}; `message` defaults to the code's.
    [[nodiscard]] static std::string error(std::string_view action, ProtocolError code,
                                           std::string_view message = {},
                                           std::string_view requestId = {});
    // The host's answer when Arcanum is not reachable: errorCode 5 as a JSON number, which is
    // what the extension itself uses for "timeout or not connected" and checks with ===.
    [[nodiscard]] static std::string notRunning(std::string_view action,
                                                std::string_view requestId = {});
    // {"action":"change-public-keys", "version", "publicKey", "success":"true", "nonce"}
    [[nodiscard]] static std::string publicKeys(std::span<const std::uint8_t> publicKey,
                                                const BoxNonce& replyNonce,
                                                std::string_view version);
    // {"action": "database-locked"} and the like.
    [[nodiscard]] static std::string notification(std::string_view action);

    // `text` when it is at most 64 bytes of printable ASCII, else empty.
    [[nodiscard]] static std::string_view echoable(std::string_view text);
};

} // namespace arcanum::autofill
