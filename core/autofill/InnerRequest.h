// InnerRequest: the decrypted message of a request, parsed in place in the arena.
//
// Holds plaintext: every field is a SecretSpan into the decrypted buffer (which the caller keeps
// alive), never a copy. Only the fields the protocol uses are kept; the others are checked for
// syntax and ignored. A field is absent when its span's data() is null.
#pragma once

#include "common/Result.h"
#include "secret/SecretBuffer.h"

#include <cstddef>
#include <string_view>
#include <vector>

namespace arcanum::autofill {

struct InnerRequest
{
    struct Key
    {
        SecretSpan id;  // the association's name
        SecretSpan key; // its identification key, base64
    };

    SecretSpan action;
    SecretSpan id;        // test-associate, set-login: the association's name
    SecretSpan key;       // associate: the session key; test-associate: the identification key
    SecretSpan idKey;     // associate: the new identification key
    SecretSpan url;       // get-logins, set-login
    SecretSpan submitUrl; // get-logins, set-login
    SecretSpan login;     // set-login
    SecretSpan password;  // set-login
    SecretSpan uuid;      // set-login (update), get-totp
    SecretSpan group;     // set-login
    SecretSpan groupUuid; // set-login
    SecretSpan groupName; // create-new-group
    bool httpAuth = false;
    std::vector<Key> keys; // get-logins: every association the browser holds

    [[nodiscard]] static bool present(SecretSpan field) { return field.data() != nullptr; }
    // True when `field` holds exactly `text` (ASCII protocol words such as action names).
    [[nodiscard]] static bool equals(SecretSpan field, std::string_view text);

    // Parses `plaintext` (SessionKeys::open's output: writable, zero byte after it) in place.
    // InvalidArgument for malformed JSON, a field of the wrong type or given twice, more than
    // maxKeysPerRequest keys; OutOfMemory when the arena is full.
    [[nodiscard]] static Result<InnerRequest> parse(SecretBuffer& plaintext);
};

} // namespace arcanum::autofill
