// Helpers for tests of the browser-autofill protocol (core/autofill), Qt-free so the fuzzer can
// use them too:
// - MemoryAutofillVault: an AutofillVault over a VaultContents in its own arena, with in-memory
//   associations and site decisions, a fixed TOTP code, and counters for commits and locks.
// - RecordingTransport: an AutofillServer::Transport that decodes every frame it is sent.
// - ScriptedPrompter: an AutofillPrompter that records questions and answers them as told.
// - BrowserTestClient: the extension's side of the protocol with libsodium (key exchange,
//   encrypted requests, decrypted replies), like keepassxc-browser's client.js.
// The test process itself holds plaintext in std::string here (requests it builds, replies it
// decrypts); only servers in other processes are ever scanned for canaries.
#pragma once

#include "autofill/AutofillPrompter.h"
#include "autofill/AutofillServer.h"
#include "autofill/AutofillVault.h"
#include "autofill/Base64.h"
#include "autofill/BoxNonce.h"
#include "autofill/FrameDecoder.h"
#include "autofill/MemoryAssociationStore.h"
#include "autofill/MemorySiteAccessStore.h"
#include "autofill/ProtocolLimits.h"
#include "vault/EntryDraft.h"

#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <sodium.h>
#include <string>
#include <vector>

namespace arcanum::test {

inline SecretSpan spanOf(const std::string& text)
{
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

inline std::string stringOf(SecretSpan span) // test-side only
{
    return span.empty() ? std::string() : std::string(span.chars(), span.size());
}

class FixedTotp : public autofill::TotpSource
{
public:
    std::string code = "123456";
    Result<SecretBuffer> currentCode(const EntryView&, SecretArena& arena) override
    {
        return arena.copyOf(spanOf(code));
    }
};

class MemoryAutofillVault : public autofill::AutofillVault
{
public:
    explicit MemoryAutofillVault(const SecretArenaOptions& options = {})
        : MemoryAutofillVault(std::move(SecretArena::create(options).value()), nullptr)
    {}
    // A vault in `shared` (the fuzzer's one arena), which must outlive it.
    explicit MemoryAutofillVault(SecretArena& shared) : MemoryAutofillVault(nullptr, &shared) {}

    SecretArena& arena() override { return *m_arenaInUse; }
    VaultContents& contents() override { return m_contents; }
    autofill::DatabaseHash::Identity identity() const override { return m_identity; }
    autofill::AssociationStore& associations() override { return m_associations; }
    autofill::SiteAccessStore& siteAccess() override { return m_access; }
    autofill::TotpSource* totp() override { return withTotp ? &fixedTotp : nullptr; }
    PasswordOptions passwordOptions() const override { return generator; }
    Result<void> commit() override
    {
        ++commits;
        return {};
    }
    void requestLock() override { ++lockRequests; }

    autofill::MemorySiteAccessStore& memoryAccess() { return m_access; }

    // A new entry; "" leaves a field out. Returns its id.
    EntryId addLogin(const std::string& title, const std::string& user, const std::string& password,
                     const std::string& url, const std::string& totp = {},
                     const EntryId& group = {})
    {
        EntryDraft draft(*m_arenaInUse);
        if (!title.empty())
            (void)draft.set(EntryField::Title, spanOf(title));
        if (!user.empty())
            (void)draft.set(EntryField::Username, spanOf(user));
        if (!password.empty())
            (void)draft.set(EntryField::Password, spanOf(password));
        if (!url.empty())
            (void)draft.set(EntryField::Url, spanOf(url));
        if (!totp.empty())
            (void)draft.set(EntryField::Totp, spanOf(totp));
        draft.setGroup(group);
        return m_contents.addEntry(draft).value();
    }

    bool withTotp = true;
    FixedTotp fixedTotp;
    PasswordOptions generator;
    int commits = 0;
    int lockRequests = 0;

private:
    MemoryAutofillVault(std::unique_ptr<SecretArena> own, SecretArena* shared)
        : m_arena(std::move(own)), m_arenaInUse(shared ? shared : m_arena.get()),
          m_contents(std::move(VaultContents::createEmpty(*m_arenaInUse).value())),
          m_associations(*m_arenaInUse), m_access(*m_arenaInUse)
    {
        for (std::size_t i = 0; i < m_identity.size(); ++i)
            m_identity[i] = std::uint8_t(i);
    }

    std::unique_ptr<SecretArena> m_arena;
    SecretArena* m_arenaInUse;
    VaultContents m_contents;
    autofill::MemoryAssociationStore m_associations;
    autofill::MemorySiteAccessStore m_access;
    autofill::DatabaseHash::Identity m_identity{};
};

class RecordingTransport : public autofill::AutofillServer::Transport
{
public:
    void send(autofill::ConnectionId connection, std::span<const std::uint8_t> frame) override
    {
        auto& decoder = m_decoders
                            .try_emplace(connection, 64 * 1024 * 1024,
                                         autofill::FrameDecoder::Order::LittleEndian)
                            .first->second;
        decoder.feed(
            frame,
            [&](std::span<const std::uint8_t> json) {
                messages[connection].emplace_back(json.begin(), json.end());
            },
            [](std::uint64_t) {});
    }
    // Takes the oldest message sent to `connection` ("" when none).
    std::string next(autofill::ConnectionId connection)
    {
        auto& queue = messages[connection];
        if (queue.empty())
            return {};
        std::string first = queue.front();
        queue.erase(queue.begin());
        return first;
    }
    std::map<autofill::ConnectionId, std::vector<std::string>> messages;

private:
    std::map<autofill::ConnectionId, autofill::FrameDecoder> m_decoders;
};

class ScriptedPrompter : public autofill::AutofillPrompter
{
public:
    // What to do with each question: called inside ask...(); may answer through the server.
    std::function<void(autofill::DecisionId, const autofill::AssociationQuestion&)> onAssociation;
    std::function<void(autofill::DecisionId, const autofill::SiteAccessQuestion&)> onSiteAccess;

    void askAssociation(autofill::DecisionId id, const autofill::AssociationQuestion& q) override
    {
        associationQuestions.push_back(id);
        lastFingerprint = stringOf(q.fingerprint);
        if (onAssociation)
            onAssociation(id, q);
    }
    void askSiteAccess(autofill::DecisionId id, const autofill::SiteAccessQuestion& q) override
    {
        siteQuestions.push_back(id);
        lastOrigin = stringOf(q.origin);
        lastSubmitOrigin = stringOf(q.submitOrigin);
        lastEntries = q.entries;
        if (onSiteAccess)
            onSiteAccess(id, q);
    }
    void withdraw(autofill::DecisionId id) override { withdrawn.push_back(id); }

    std::vector<autofill::DecisionId> associationQuestions, siteQuestions, withdrawn;
    std::string lastFingerprint, lastOrigin, lastSubmitOrigin;
    std::vector<EntryId> lastEntries;
};

// Accepts every association under `name` and answers every site question with `answer`.
inline void answerEverything(ScriptedPrompter& prompter, autofill::AutofillServer& server,
                             const std::string& name, autofill::SiteAnswer answer)
{
    prompter.onAssociation = [&server, name](autofill::DecisionId id,
                                             const autofill::AssociationQuestion&) {
        server.answerAssociation(id, spanOf(name));
    };
    prompter.onSiteAccess = [&server, answer](autofill::DecisionId id,
                                              const autofill::SiteAccessQuestion& q) {
        std::vector<autofill::EntryDecision> answers;
        for (const EntryId& entry : q.entries)
            answers.push_back({entry, answer});
        server.answerSiteAccess(id, answers);
    };
}

inline rapidjson::Document parseJson(const std::string& text)
{
    rapidjson::Document document;
    document.Parse(text.c_str(), text.size());
    return document;
}

inline std::string field(const rapidjson::Value& object, const char* name)
{
    if (!object.IsObject() || !object.HasMember(name) || !object[name].IsString())
        return {};
    return {object[name].GetString(), object[name].GetStringLength()};
}

// A JSON object from name/value pairs of strings.
inline std::string jsonObject(const std::vector<std::pair<std::string, std::string>>& fields)
{
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.StartObject();
    for (const auto& [name, value] : fields) {
        writer.Key(name.c_str(), rapidjson::SizeType(name.size()));
        writer.String(value.c_str(), rapidjson::SizeType(value.size()));
    }
    writer.EndObject();
    return {buffer.GetString(), buffer.GetSize()};
}

class BrowserTestClient
{
public:
    BrowserTestClient()
    {
        if (sodium_init() < 0)
            std::abort();
        crypto_box_keypair(m_public, m_secret);
        crypto_box_keypair(m_idPublic, m_idSecret);
        std::uint8_t unused[crypto_box_SECRETKEYBYTES]; // a server key until the exchange
        crypto_box_keypair(m_server, unused);
        std::uint8_t id[24];
        randombytes_buf(id, sizeof id);
        clientId = autofill::Base64::encode(id);
    }

    std::string publicKey() const { return autofill::Base64::encode(m_public); }
    // The identification key the extension keeps per vault (associate's idKey).
    std::string idKey() const { return autofill::Base64::encode(m_idPublic); }

    std::string changePublicKeys()
    {
        m_lastNonce = autofill::BoxNonce::random();
        return jsonObject({{"action", "change-public-keys"},
                           {"publicKey", publicKey()},
                           {"nonce", m_lastNonce.toBase64()},
                           {"clientID", clientId}});
    }
    // Takes the server's key from its answer; false when the answer is not right.
    bool acceptKeys(const std::string& reply)
    {
        const auto json = parseJson(reply);
        std::uint8_t key[crypto_box_PUBLICKEYBYTES];
        if (field(json, "success") != "true" ||
            field(json, "nonce") != m_lastNonce.incremented().toBase64() ||
            !autofill::Base64::decodeExact(spanOf(field(json, "publicKey")).bytes(),
                                           std::span<std::uint8_t>(key)))
            return false;
        std::memcpy(m_server, key, sizeof key);
        m_haveServerKey = true;
        return true;
    }

    // An encrypted request: `inner` is the JSON to encrypt. `nonce` (when given) is used
    // instead of a fresh one; `extra` adds envelope fields.
    std::string requestRaw(const std::string& action, const std::string& inner,
                           std::optional<autofill::BoxNonce> nonce = {},
                           const std::vector<std::pair<std::string, std::string>>& extra = {})
    {
        m_lastNonce = nonce ? *nonce : autofill::BoxNonce::random();
        std::vector<std::uint8_t> box(inner.size() + crypto_box_MACBYTES);
        if (crypto_box_easy(box.data(), reinterpret_cast<const std::uint8_t*>(inner.data()),
                            inner.size(), m_lastNonce.bytes().data(), m_server, m_secret) != 0)
            std::abort();
        std::vector<std::pair<std::string, std::string>> fields = {
            {"action", action},
            {"message", autofill::Base64::encode(box)},
            {"nonce", m_lastNonce.toBase64()},
            {"clientID", clientId}};
        fields.insert(fields.end(), extra.begin(), extra.end());
        return jsonObject(fields);
    }
    // The usual request: {"action": action, fields...} encrypted.
    std::string request(const std::string& action,
                        const std::vector<std::pair<std::string, std::string>>& fields = {})
    {
        auto inner = fields;
        inner.insert(inner.begin(), {"action", action});
        return requestRaw(action, jsonObject(inner));
    }
    [[nodiscard]] const autofill::BoxNonce& lastNonce() const { return m_lastNonce; }

    // The decrypted message of an encrypted reply to the last request, or nullopt (an error
    // reply, a wrong nonce, a message that does not decrypt).
    std::optional<std::string> open(const std::string& reply) const
    {
        const auto json = parseJson(reply);
        const std::string nonceText = field(json, "nonce");
        if (nonceText != m_lastNonce.incremented().toBase64())
            return std::nullopt;
        const auto box = autofill::Base64::decode(field(json, "message"));
        const auto nonce = autofill::BoxNonce::fromBase64(nonceText);
        if (!box || !nonce || box->size() < crypto_box_MACBYTES)
            return std::nullopt;
        std::string plain(box->size() - crypto_box_MACBYTES, '\0');
        if (crypto_box_open_easy(reinterpret_cast<std::uint8_t*>(plain.data()), box->data(),
                                 box->size(), nonce->bytes().data(), m_server, m_secret) != 0)
            return std::nullopt;
        return plain;
    }

    // Inner messages as keepassxc-browser 1.8.4 builds them.
    std::string associate()
    {
        return request("associate", {{"key", publicKey()}, {"idKey", idKey()}});
    }
    std::string testAssociate(const std::string& name)
    {
        return request("test-associate", {{"id", name}, {"key", idKey()}});
    }
    std::string getLogins(const std::string& url, const std::string& name,
                          const std::string& submitUrl = {})
    {
        std::string keys = "[{\"id\":" + quoted(name) + ",\"key\":" + quoted(idKey()) + "}]";
        std::string inner = "{\"action\":\"get-logins\",\"id\":" + quoted(name) +
                            ",\"url\":" + quoted(url) +
                            (submitUrl.empty() ? "" : ",\"submitUrl\":" + quoted(submitUrl)) +
                            ",\"keys\":" + keys + "}";
        return requestRaw("get-logins", inner);
    }

    static std::string quoted(const std::string& text)
    {
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        writer.String(text.c_str(), rapidjson::SizeType(text.size()));
        return {buffer.GetString(), buffer.GetSize()};
    }

    std::string clientId;

private:
    std::uint8_t m_public[crypto_box_PUBLICKEYBYTES], m_secret[crypto_box_SECRETKEYBYTES];
    std::uint8_t m_idPublic[crypto_box_PUBLICKEYBYTES], m_idSecret[crypto_box_SECRETKEYBYTES];
    std::uint8_t m_server[crypto_box_PUBLICKEYBYTES] = {};
    bool m_haveServerKey = false;
    autofill::BoxNonce m_lastNonce;
};

// Frames `json` as the host frames it towards the app (little-endian length).
inline std::vector<std::uint8_t> frame(const std::string& json)
{
    std::vector<std::uint8_t> out;
    autofill::FrameDecoder::appendFrame(
        out, {reinterpret_cast<const std::uint8_t*>(json.data()), json.size()},
        autofill::FrameDecoder::Order::LittleEndian);
    return out;
}

} // namespace arcanum::test
