#include "autofill/AssociationActions.h"

#include "autofill/Base64.h"
#include "autofill/ClientSession.h"
#include "autofill/KeyFingerprint.h"
#include "crypto/ConstantTime.h"
#include "text/Utf8.h"

#include <sodium.h>

namespace arcanum::autofill {

namespace {

constexpr std::size_t maxNameBytes = 256;

Result<SecretBuffer> fingerprintOf(SecretSpan key, SecretArena& arena)
{
    return KeyFingerprint::of(key, arena);
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
