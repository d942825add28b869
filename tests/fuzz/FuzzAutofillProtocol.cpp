// libFuzzer target for the browser-autofill protocol (core/autofill), see docs/FUZZING.md.
//
// The first byte of the input picks what the rest is:
// - 'F' (or anything not listed): raw bytes from a browser connection, fed to
//   AutofillServer::receive in chunks whose sizes come from the input: framing, the outer JSON,
//   key exchanges, every error path. Every frame the server sends back must be a JSON object
//   with an "action" string.
// - 'E': the decrypted inner message of a request. A client exchanges keys and proves a
//   pre-seeded association, then the rest (after one byte choosing the action) is encrypted
//   with the session's keys and sent: so the fuzzer reaches InnerRequest parsing and every
//   action with hostile fields, over a vault with entries and a group. The association is
//   pre-seeded with a fixed key (see below) that inputs can name in "keys"; "$K" in the input
//   stands for the session's public key and "$U" for an entry's id. Questions to the user are
//   answered from the input's last byte, first with that answer, then (a second request) by
//   the lock that withdraws them.
// - 'U': URL matching. The rest is "site\nentry": SiteMatcher::create must accept or refuse;
//   what it accepts must match itself (as an entry URL, allowing http) with at least SameHost,
//   its origin must start with "http://" or "https://", and each host's canonical form must be
//   the same whether read as a site's or as an entry's.
#include "AutofillTestSupport.h"
#include "autofill/HostName.h"
#include "autofill/LoginActions.h"
#include "autofill/SiteMatcher.h"
#include "autofill/UrlParts.h"

#include <cstdlib>
#include <cstring>

using namespace arcanum;
using namespace arcanum::autofill;
using namespace arcanum::test;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

SecretArena& arena()
{
    static std::unique_ptr<SecretArena> instance = std::move(SecretArena::create().value());
    return *instance;
}

// Every message the server sends must be a JSON object naming its action.
void checkReplies(RecordingTransport& transport)
{
    for (auto& [connection, messages] : transport.messages)
        for (const std::string& message : messages) {
            const auto json = parseJson(message);
            check(json.IsObject() && json.HasMember("action") && json["action"].IsString());
        }
    transport.messages.clear();
}

void replaceAll(std::string& text, const std::string& token, const std::string& value)
{
    for (std::size_t at = text.find(token); at != std::string::npos;
         at = text.find(token, at + value.size()))
        text.replace(at, token.size(), value);
}

void fuzzRawBytes(const std::uint8_t* data, std::size_t size)
{
    RecordingTransport transport;
    AutofillServer server(transport);
    MemoryAutofillVault vault(arena());
    server.setVault(&vault);
    const ConnectionId connection = server.openConnection();
    std::size_t offset = 0;
    while (offset < size) {
        const std::size_t chunk = std::min<std::size_t>(size - offset, 1 + data[offset] % 64);
        server.receive(connection, {data + offset, chunk});
        offset += chunk;
    }
    server.closeConnection(connection);
    checkReplies(transport);
}

void fuzzInnerMessage(const std::uint8_t* data, std::size_t size)
{
    static constexpr const char* actions[] = {
        "get-databasehash", "associate",         "test-associate", "get-logins",
        "set-login",        "generate-password", "lock-database",  "get-database-groups",
        "create-new-group", "get-totp"};
    if (size < 2)
        return;
    const std::string action = actions[data[0] % std::size(actions)];
    const SiteAnswer answer = SiteAnswer(data[size - 1] % 3);
    RecordingTransport transport;
    AutofillServer server(transport);
    MemoryAutofillVault vault(arena());
    ScriptedPrompter prompter;
    answerEverything(prompter, server, "fuzz", answer);
    server.setPrompter(&prompter);
    const EntryId group = vault.contents().addGroup(spanOf("Web")).value();
    const EntryId first = vault.addLogin("Example", "alice", std::string(1500, 'p'),
                                         "https://example.com", "TOTP", group);
    vault.addLogin("Other", "bob", "pw2", "http://192.168.1.1:8080");
    vault.addLogin("IDN", "carol", "pw3", "münchen.example");
    server.setVault(&vault);

    // A fixed identification key (32 bytes of 1), so inputs can name the association:
    // "keys":[{"id":"fuzz","key":"AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="}]
    const std::vector<std::uint8_t> idKey(AssociationStore::idKeyBytes, 1);
    (void)vault.associations().add(spanOf("fuzz"), SecretSpan(idKey.data(), idKey.size()), 0);
    BrowserTestClient client;
    const ConnectionId connection = server.openConnection();
    server.receive(connection, frame(client.changePublicKeys()));
    check(client.acceptKeys(transport.next(connection)));
    server.receive(
        connection,
        frame(client.request("test-associate", {{"id", "fuzz"}, {"key", Base64::encode(idKey)}})));
    check(client.open(transport.next(connection)).has_value());

    if (action == "set-login" || action == "get-totp") { // give the first entry to the page
        answerEverything(prompter, server, "fuzz", SiteAnswer::AllowOnce);
        server.receive(connection,
                       frame(client.requestRaw(
                           "get-logins", "{\"action\":\"get-logins\",\"url\":"
                                         "\"https://example.com/\",\"keys\":[{\"id\":\"fuzz\","
                                         "\"key\":\"" +
                                             Base64::encode(idKey) + "\"}]}")));
        check(client.open(transport.next(connection)).has_value());
        answerEverything(prompter, server, "fuzz", answer);
    }
    // Tokens the fuzzer cannot guess: "$K" becomes this session's public key (associate needs
    // it), "$U" the first entry's id (set-login updates and get-totp need one).
    std::string inner(reinterpret_cast<const char*>(data + 1), size - 2);
    replaceAll(inner, "$K", client.publicKey());
    replaceAll(inner, "$U", LoginActions::uuidText(first));
    server.receive(connection, frame(client.requestRaw(action, inner)));
    checkReplies(transport);
    server.setVault(nullptr); // answers whatever still waits
    checkReplies(transport);
}

void fuzzUrls(const std::uint8_t* data, std::size_t size)
{
    const auto* newline = static_cast<const std::uint8_t*>(std::memchr(data, '\n', size));
    const std::size_t siteLength = newline ? std::size_t(newline - data) : size;
    auto site = arena().copyOf({data, siteLength});
    auto entry =
        arena().copyOf(newline ? SecretSpan(newline + 1, size - siteLength - 1) : SecretSpan());
    if (!site || !entry)
        return;
    auto matcher = SiteMatcher::create(site->span(), arena());
    if (matcher) {
        const SecretSpan origin = matcher->origin();
        check(std::memcmp(origin.data(), "http://", 7) == 0 ||
              std::memcmp(origin.data(), "https://", 8) == 0);
        check(matcher->score(site->span(), true) >= SiteMatcher::SameHost);
        check(matcher->score(entry->span(), true) <= SiteMatcher::SamePath);
        (void)matcher->score(entry->span(), false);
    }
    // A host reads the same as a site's and as an entry's, when a site may have it.
    const UrlParts parts = UrlParts::split(site->span());
    if (!parts.valid)
        return;
    auto a = arena().allocate(HostName::maxCanonicalBytes).value();
    auto b = arena().allocate(HostName::maxCanonicalBytes).value();
    auto scratch = arena().allocate(HostName::scratchCodePoints * sizeof(char32_t)).value();
    const std::span<char32_t> points(reinterpret_cast<char32_t*>(scratch.data()),
                                     HostName::scratchCodePoints);
    const auto asSite =
        HostName::canonicalize(parts.host, HostName::Source::Site, a.bytes(), points);
    const auto asEntry =
        HostName::canonicalize(parts.host, HostName::Source::Entry, b.bytes(), points);
    if (asSite.kind != HostName::Kind::Invalid) {
        check(asEntry.kind == asSite.kind && asEntry.length == asSite.length);
        check(std::memcmp(a.data(), b.data(), asSite.length) == 0);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size == 0)
        return 0;
    switch (data[0]) {
    case 'E':
        fuzzInnerMessage(data + 1, size - 1);
        break;
    case 'U':
        fuzzUrls(data + 1, size - 1);
        break;
    default:
        fuzzRawBytes(data + 1, size - 1);
        break;
    }
    return 0;
}
