#include "autofill/AssociationActions.h"

#include "autofill/Base64.h"
#include "autofill/ClientSession.h"
#include "crypto/ConstantTime.h"
#include "text/Utf8.h"

#include <sodium.h>

namespace arcanum::autofill {

namespace {

constexpr std::size_t maxNameBytes = 256;

// "3f2a 91c0 ...": the first 16 bytes of SHA-256(key) in eight groups of four hex digits.
Result<SecretBuffer> fingerprintOf(SecretSpan key, SecretArena& arena)
{
    auto digest = arena.allocate(crypto_hash_sha256_BYTES);
    auto text = arena.allocate(8 * 5 - 1);
    if (!digest)
        return digest.error();
    if (!text)
        return text.error();
    crypto_hash_sha256(digest->data(), key.data(), key.size());
    static constexpr char hex[] = "0123456789abcdef";
    std::size_t out = 0;
    for (std::size_t i = 0; i < 16; ++i) {
        if (i > 0 && i % 2 == 0)
            text->data()[out++] = ' ';
        text->data()[out++] = std::uint8_t(hex[digest->data()[i] >> 4]);
        text->data()[out++] = std::uint8_t(hex[digest->data()[i] & 15]);
    }
    return text;
}

void replyAssociated(AutofillRequest& request, AutofillVault& vault, SecretSpan name)
{
    request.client().setAssociated(true);
    InnerReply reply = request.startReply(vault.arena());
    reply.field("hash", std::string_view(DatabaseHash::of(vault.identity())));
    reply.field("id", name);
    request.reply(reply);
}

} // namespace

Result<SecretBuffer> AssociationActions::decodeIdKey(SecretSpan text, SecretArena& arena)
{
    auto key = arena.allocate(AssociationStore::idKeyBytes);
    if (!key)
        return key.error();
    if (!Base64::decodeExact(text.bytes(), key->bytes()))
        return makeError(ErrorCode::InvalidArgument, "The key is not 32 bytes of base64.");
    return key;
}

void AssociationActions::associate(std::unique_ptr<AutofillRequest> request, AutofillVault& vault,
                                   DecisionAsker& asker)
{
    const InnerRequest& inner = request->inner();
    SessionKeys::PublicKey sessionKey{};
    if (!InnerRequest::present(inner.key) || !Base64::decodeExact(inner.key.bytes(), sessionKey) ||
        !ConstantTime::equal(sessionKey, request->client().keys().clientPublicKey())) {
        request->fail(ProtocolError::AssociationFailed,
                      "The association request does not come from this session's key.");
        return;
    }
    // Extensions before 2.3.4's protocol sent no idKey and used the session key itself.
    const SecretSpan idKeyText = InnerRequest::present(inner.idKey) ? inner.idKey : inner.key;
    auto idKey = decodeIdKey(idKeyText, vault.arena());
    if (!idKey) {
        request->fail(ProtocolError::AssociationFailed, idKey.error().message);
        return;
    }
    auto fingerprint = fingerprintOf(idKey->span(), vault.arena());
    if (!fingerprint) {
        request->fail(ProtocolError::Unknown, fingerprint.error().message);
        return;
    }
    auto decision = std::make_unique<PendingDecision>();
    decision->kind = PendingDecision::Kind::Association;
    decision->request = std::move(request);
    decision->idKey = std::move(idKey.value());
    decision->fingerprint = std::move(fingerprint.value());
    decision->association.fingerprint = decision->fingerprint.span();
    asker.ask(std::move(decision));
}

void AssociationActions::finishAssociate(PendingDecision& decision, AutofillVault& vault,
                                         SecretSpan name)
{
    AutofillRequest& request = *decision.request;
    if (name.empty()) {
        request.fail(ProtocolError::ActionCancelledOrDenied,
                     "The connection to Arcanum was refused.");
        return;
    }
    if (name.size() > maxNameBytes || !Utf8::isValid(name)) {
        request.fail(ProtocolError::AssociationFailed, "The connection's name is not usable.");
        return;
    }
    if (auto added = vault.associations().add(name, decision.idKey.span(), VaultContents::nowMs());
        !added) {
        request.fail(ProtocolError::AssociationFailed, added.error().message);
        return;
    }
    if (auto saved = vault.commit(); !saved) {
        request.fail(ProtocolError::AssociationFailed,
                     "Arcanum could not save the connection: " + saved.error().message);
        return;
    }
    replyAssociated(request, vault, name);
}

void AssociationActions::testAssociate(AutofillRequest& request, AutofillVault& vault)
{
    const InnerRequest& inner = request.inner();
    if (!InnerRequest::present(inner.id) || !InnerRequest::present(inner.key)) {
        request.fail(ProtocolError::AssociationFailed, "The request names no connection.");
        return;
    }
    auto key = decodeIdKey(inner.key, vault.arena());
    const auto index =
        key ? vault.associations().verify(inner.id, key->span()) : std::optional<std::size_t>();
    if (!index) {
        request.fail(ProtocolError::AssociationFailed);
        return;
    }
    vault.associations().touch(*index, VaultContents::nowMs());
    replyAssociated(request, vault, inner.id);
}

} // namespace arcanum::autofill
