// InnerReply: builds the JSON of an encrypted reply in the arena.
//
// Holds plaintext: passwords, user names, titles, group names and TOTP codes are written by a
// rapidjson::Writer straight into an ArenaJsonStream; the text is then encrypted from there
// (SessionKeys::seal). Every reply starts with what KeePassXC puts in each one:
// {"version", "success":"true", "nonce"} (the reply nonce, request nonce + 1).
#pragma once

#include "autofill/ArenaJsonStream.h"
#include "autofill/BoxNonce.h"
#include "common/Result.h"

#include <rapidjson/writer.h>
#include <string_view>

namespace arcanum::autofill {

class InnerReply
{
public:
    using Writer = rapidjson::Writer<ArenaJsonStream, rapidjson::UTF8<>, rapidjson::UTF8<>,
                                     rapidjson::CrtAllocator>;

    InnerReply(SecretArena& arena, const BoxNonce& replyNonce, std::string_view version);

    // Writes "key": value. Secret values go in as spans and never leave the arena.
    void field(std::string_view key, SecretSpan value);
    void field(std::string_view key, std::string_view value);
    // The raw writer, for arrays and nested objects (key() then values).
    [[nodiscard]] Writer& writer() { return m_writer; }
    void key(std::string_view key);
    void value(SecretSpan value);
    void value(std::string_view value);

    // Closes the object. Errors: OutOfMemory (arena full), InvalidArgument (the reply would be
    // larger than maxReplyPlaintextBytes).
    [[nodiscard]] Result<SecretSpan> finish();

private:
    ArenaJsonStream m_stream;
    Writer m_writer;
};

} // namespace arcanum::autofill
