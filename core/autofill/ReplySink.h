// ReplySink: where an AutofillRequest's answer goes. AutofillServer frames the JSON and hands it
// to its transport; the JSON is an envelope (ciphertext or an error), never plaintext.
#pragma once

#include <cstdint>
#include <string_view>

namespace arcanum::autofill {

using ConnectionId = std::uint64_t;

class ReplySink
{
public:
    virtual ~ReplySink() = default;
    virtual void sendJson(ConnectionId connection, std::string_view json) = 0;
};

} // namespace arcanum::autofill
