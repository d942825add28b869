// ProtocolLimits: every size limit of the browser-autofill path, in one place (docs/AUTOFILL.md).
//
// Browsers define the outer limits: Chrome and Firefox refuse a message from a native host larger
// than 1 MiB (and drop the connection), and accept up to 4 GiB towards it. KeePassXC uses 1 MiB
// for both directions; so do we, so that whatever the app answers can always reach the browser.
// The extension's requests are a few hundred bytes; the largest (set-login with a long password
// and URL) stays far below these limits.
#pragma once

#include <cstddef>
#include <cstdint>

namespace arcanum::autofill {

// One frame (a whole JSON message) on stdin, stdout or the app's socket.
inline constexpr std::size_t maxFrameBytes = 1024 * 1024;
// The decrypted inner message of a request. URLs longer than this are not login pages.
inline constexpr std::size_t maxRequestPlaintextBytes = 256 * 1024;
// The decrypted inner message of a reply (its base64 ciphertext must fit in one frame).
inline constexpr std::size_t maxReplyPlaintextBytes = (maxFrameBytes - 4096) / 4 * 3 - 16;
// JSON nesting: the protocol never goes deeper than an array of objects in an object.
inline constexpr int maxJsonDepth = 4;
// Entries of the "keys" array of get-logins (one per associated vault).
inline constexpr std::size_t maxKeysPerRequest = 64;
// Key exchanges kept per connection (the extension makes a new one on every reconnect).
inline constexpr std::size_t maxClientsPerConnection = 16;
// Open questions to the user per connection (a page reloading while a dialog is open).
inline constexpr std::size_t maxPendingPerConnection = 16;
// Nonces remembered per key exchange (replay check); past this the client must exchange keys.
inline constexpr std::size_t maxNoncesPerClient = 1000 * 1000;
// Browser connections the app serves at once (one per browser profile).
inline constexpr std::size_t maxConnections = 64;

} // namespace arcanum::autofill
