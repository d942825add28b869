#include "autofill/LoginActions.h"

#include "autofill/AssociationActions.h"
#include "autofill/ClientSession.h"
#include "autofill/EntryFinder.h"
#include "text/Utf8.h"
#include "vault/EntryDraft.h"

#include <algorithm>
#include <cstring>
#include <sodium.h>

namespace arcanum::autofill {

namespace {

std::string_view viewOf(SecretSpan span) // ids and protocol words only, never secrets
{
    return {span.chars(), span.size()};
}

bool startsWith(SecretSpan text, std::string_view prefix)
{
    return text.size() >= prefix.size() &&
           std::memcmp(text.data(), prefix.data(), prefix.size()) == 0;
}

SiteAccess combined(const SiteAccessStore& store, const EntryId& id, const SiteMatcher& site,
                    const SiteMatcher* submit)
{
    const SiteAccess page = store.access(id, site.origin());
    const SiteAccess form = submit ? store.access(id, submit->origin()) : SiteAccess::Allowed;
    if (page == SiteAccess::Denied || form == SiteAccess::Denied)
        return SiteAccess::Denied;
    if (page == SiteAccess::Allowed && form == SiteAccess::Allowed)
        return SiteAccess::Allowed;
    return SiteAccess::Unknown;
}

// The form's target, when it is a valid http(s) URL of another origin than the page.
std::unique_ptr<SiteMatcher> submitMatcher(const InnerRequest& inner, const SiteMatcher& site,
                                           SecretArena& arena)
{
    if (!InnerRequest::present(inner.submitUrl) || inner.submitUrl.empty())
        return nullptr;
    auto submit = SiteMatcher::create(inner.submitUrl, arena);
    if (!submit)
        return nullptr;
    const SecretSpan a = site.origin(), b = submit->origin();
    if (a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size()) == 0)
        return nullptr;
    return std::make_unique<SiteMatcher>(std::move(submit.value()));
}

bool provesAssociation(const InnerRequest& inner, AutofillVault& vault)
{
    for (const InnerRequest::Key& key : inner.keys) {
        if (!InnerRequest::present(key.id) || !InnerRequest::present(key.key))
            continue;
        auto bytes = AssociationActions::decodeIdKey(key.key, vault.arena());
        if (!bytes)
            continue;
        if (const auto index = vault.associations().verify(key.id, bytes->span())) {
            vault.associations().touch(*index, VaultContents::nowMs());
            return true;
        }
    }
    return false;
}

void writeEntry(InnerReply& reply, const VaultContents& contents, const EntryView& entry,
                AutofillVault& vault)
{
    auto& json = reply.writer();
    json.StartObject();
    reply.field("login", entry.username());
    reply.field("name", entry.title());
    reply.field("password", entry.password());
    reply.field("uuid", std::string_view(LoginActions::uuidText(entry.id())));
    const auto group = entry.group().isNull() ? std::nullopt : contents.findGroup(entry.group());
    if (group)
        reply.field("group", contents.group(*group).name());
    else
        reply.field("group", std::string_view(LoginActions::rootGroupName));
    if (!entry.totp().empty() && vault.totp() != nullptr) {
        auto code = vault.totp()->currentCode(entry, vault.arena());
        if (code)
            reply.field("totp", code->span());
    }
    // KeePassHTTP-style custom fields ("KPH: name") the extension can fill into a page.
    reply.key("stringFields");
    json.StartArray();
    entry.forEachCustomField([&](const EntryView::CustomField& field) {
        if (!startsWith(field.name, "KPH: "))
            return;
        json.StartObject();
        reply.field(viewOf(field.name), field.value);
        json.EndObject();
    });
    json.EndArray();
    json.EndObject();
}

// `hints`: where EntryFinder found each entry of `ids` (or empty). A hint is taken when the entry
// there still has that id, so a reply made at once costs no scan of the vault per entry (at
// 20,000 entries that scan was a quarter of a get-logins); an answer that waited for the user
// looks each id up again, as the vault may have changed meanwhile.
void replyLogins(AutofillRequest& request, AutofillVault& vault, const SiteMatcher& site,
                 const SiteMatcher* submit, const std::vector<EntryId>& ids,
                 const std::vector<std::size_t>& hints = {})
{
    const VaultContents& contents = vault.contents();
    std::vector<std::size_t> indexes;
    for (std::size_t k = 0; k < ids.size(); ++k) {
        if (k < hints.size() && hints[k] < contents.entryCount() &&
            contents.entry(hints[k]).id() == ids[k])
            indexes.push_back(hints[k]);
        else if (const auto index = contents.findEntry(ids[k]))
            indexes.push_back(*index);
    }
    if (indexes.empty()) {
        request.fail(ProtocolError::NoLoginsFound);
        return;
    }
    InnerReply reply = request.startReply(vault.arena());
    reply.key("count");
    reply.writer().Uint64(indexes.size());
    reply.key("entries");
    reply.writer().StartArray();
    for (std::size_t index : indexes) {
        const EntryView entry = contents.entry(index);
        writeEntry(reply, contents, entry, vault);
        request.client().grant(entry.id(), site.origin());
        if (submit)
            request.client().grant(entry.id(), submit->origin());
    }
    reply.writer().EndArray();
    reply.field("hash", std::string_view(DatabaseHash::of(vault.identity())));
    if (InnerRequest::present(request.inner().id))
        reply.field("id", request.inner().id);
    request.reply(reply);
}

std::optional<EntryId> parseUuid(SecretSpan text)
{
    return EntryId::parse(viewOf(text));
}

// The group a new login goes into: the one the browser chose, else the default group (created
// when missing). A null id is the vault's top level.
Result<EntryId> groupForNewLogin(const InnerRequest& inner, AutofillVault& vault)
{
    VaultContents& contents = vault.contents();
    if (InnerRequest::present(inner.groupUuid) && !inner.groupUuid.empty()) {
        if (viewOf(inner.groupUuid) == DatabaseHash::hex(vault.identity()))
            return EntryId();
        if (const auto id = parseUuid(inner.groupUuid); id && contents.findGroup(*id))
            return *id;
    }
    const std::string_view name(LoginActions::defaultGroupName);
    for (std::size_t i = 0; i < contents.groupCount(); ++i) {
        const GroupView group = contents.group(i);
        if (group.parent().isNull() && viewOf(group.name()) == name)
            return group.id();
    }
    return contents.addGroup(
        SecretSpan(reinterpret_cast<const std::uint8_t*>(name.data()), name.size()));
}

} // namespace

std::string LoginActions::uuidText(const EntryId& id)
{
    char text[2 * EntryId::size + 1];
    sodium_bin2hex(text, sizeof text, id.bytes().data(), id.bytes().size());
    return text;
}

void LoginActions::getLogins(std::unique_ptr<AutofillRequest> request, AutofillVault& vault,
                             DecisionAsker& asker)
{
    const InnerRequest& inner = request->inner();
    if (!request->client().associated() || !provesAssociation(inner, vault)) {
        request->fail(ProtocolError::AssociationFailed);
        return;
    }
    if (!InnerRequest::present(inner.url) || inner.url.empty()) {
        request->fail(ProtocolError::NoUrlProvided);
        return;
    }
    auto site = SiteMatcher::create(inner.url, vault.arena());
    if (!site) {
        request->fail(ProtocolError::NoLoginsFound, site.error().message);
        return;
    }
    auto submit = submitMatcher(inner, *site, vault.arena());
    SiteAccessStore& store = vault.siteAccess();
    std::vector<EntryId> allowed, unknown, ordered;
    std::vector<std::size_t> allowedIndexes;
    for (const EntryFinder::Match& match : EntryFinder::find(vault.contents(), *site, store)) {
        switch (combined(store, match.id, *site, submit.get())) {
        case SiteAccess::Denied:
            continue;
        case SiteAccess::Allowed:
            allowed.push_back(match.id);
            allowedIndexes.push_back(match.index);
            break;
        case SiteAccess::Unknown:
            unknown.push_back(match.id);
            break;
        }
        ordered.push_back(match.id);
    }
    if (unknown.empty()) {
        if (allowed.empty())
            request->fail(ProtocolError::NoLoginsFound);
        else
            replyLogins(*request, vault, *site, submit.get(), allowed, allowedIndexes);
        return;
    }
    auto decision = std::make_unique<PendingDecision>();
    decision->kind = PendingDecision::Kind::SiteAccess;
    decision->site = std::make_unique<SiteMatcher>(std::move(site.value()));
    decision->submit = std::move(submit);
    decision->allowed = std::move(ordered); // every candidate, in order; unknown ones filtered
    decision->siteAccess.origin = decision->site->origin();
    if (decision->submit)
        decision->siteAccess.submitOrigin = decision->submit->origin();
    decision->siteAccess.httpAuth = inner.httpAuth;
    decision->siteAccess.entries = std::move(unknown);
    decision->request = std::move(request);
    asker.ask(std::move(decision));
}

void LoginActions::finishGetLogins(PendingDecision& decision, AutofillVault& vault,
                                   std::span<const EntryDecision> answers)
{
    const std::vector<EntryId>& asked = decision.siteAccess.entries;
    SiteAccessStore& store = vault.siteAccess();
    std::vector<EntryId> given;
    bool remembered = false;
    for (const EntryId& id : decision.allowed) {
        const bool wasAsked = std::find(asked.begin(), asked.end(), id) != asked.end();
        if (!wasAsked) {
            given.push_back(id);
            continue;
        }
        const auto answer = std::find_if(answers.begin(), answers.end(),
                                         [&](const EntryDecision& d) { return d.entry == id; });
        if (answer == answers.end())
            continue;
        if (answer->answer != SiteAnswer::AllowOnce) {
            const SiteAccess access = answer->answer == SiteAnswer::AllowAlways
                                          ? SiteAccess::Allowed
                                          : SiteAccess::Denied;
            if (store.setAccess(id, decision.site->origin(), access) &&
                (!decision.submit || store.setAccess(id, decision.submit->origin(), access)))
                remembered = true;
        }
        if (answer->answer != SiteAnswer::Deny)
            given.push_back(id);
    }
    if (remembered)
        (void)vault.commit(); // the answer stands for now even if saving it failed
    replyLogins(*decision.request, vault, *decision.site, decision.submit.get(), given);
}

void LoginActions::setLogin(AutofillRequest& request, AutofillVault& vault)
{
    const InnerRequest& inner = request.inner();
    if (!request.client().associated()) {
        request.fail(ProtocolError::AssociationFailed);
        return;
    }
    if (!InnerRequest::present(inner.url) || inner.url.empty()) {
        request.fail(ProtocolError::NoUrlProvided);
        return;
    }
    auto site = SiteMatcher::create(inner.url, vault.arena());
    if (!site) {
        request.fail(ProtocolError::NoUrlProvided, site.error().message);
        return;
    }
    if (!Utf8::isValid(inner.login) || !Utf8::isValid(inner.password)) {
        request.fail(ProtocolError::EmptyMessageReceived, "The login is not valid text.");
        return;
    }
    VaultContents& contents = vault.contents();
    SiteAccessStore& store = vault.siteAccess();
    std::optional<std::size_t> existing;
    if (InnerRequest::present(inner.uuid) && !inner.uuid.empty()) {
        const auto id = parseUuid(inner.uuid);
        if (!id) {
            request.fail(ProtocolError::NoValidUuidProvided);
            return;
        }
        existing = contents.findEntry(*id);
        if (existing) {
            const bool given = request.client().granted(*id, site->origin()) ||
                               store.access(*id, site->origin()) == SiteAccess::Allowed;
            if (!given || store.flags(*id).hideFromBrowser) {
                request.fail(ProtocolError::ActionCancelledOrDenied,
                             "This entry was not given to this page, so it may not change it.");
                return;
            }
        }
        // An entry deleted since it was given: saved as a new one, as KeePassXC does.
    }
    Result<void> changed;
    if (existing) {
        const EntryView entry = contents.entry(*existing);
        auto draft = EntryDraft::fromEntry(entry, vault.arena());
        if (draft)
            changed = draft->set(EntryField::Username, inner.login);
        if (draft && changed)
            changed = draft->set(EntryField::Password, inner.password);
        if (draft && changed)
            changed = contents.updateEntry(entry.id(), *draft);
        if (!draft)
            changed = draft.error();
    } else {
        auto group = groupForNewLogin(inner, vault);
        EntryDraft draft(vault.arena());
        const SecretSpan title = site->host().empty() ? site->origin() : site->host();
        changed = group ? Result<void>() : Result<void>(group.error());
        const std::pair<EntryField, SecretSpan> fields[] = {{EntryField::Title, title},
                                                            {EntryField::Url, inner.url},
                                                            {EntryField::Username, inner.login},
                                                            {EntryField::Password, inner.password}};
        for (const auto& [field, value] : fields)
            if (changed)
                changed = draft.set(field, value);
        if (changed) {
            draft.setGroup(*group);
            auto id = contents.addEntry(draft);
            if (!id)
                changed = id.error();
            else if (auto allowed = store.setAccess(*id, site->origin(), SiteAccess::Allowed);
                     allowed)
                request.client().grant(*id, site->origin());
        }
    }
    if (changed)
        changed = vault.commit();
    if (!changed) {
        request.fail(ProtocolError::Unknown,
                     "Arcanum could not save the login: " + changed.error().message);
        return;
    }
    InnerReply reply = request.startReply(vault.arena());
    reply.key("count");
    reply.writer().Null();
    reply.key("entries");
    reply.writer().Null();
    reply.field("error", std::string_view("success"));
    reply.field("hash", std::string_view(DatabaseHash::of(vault.identity())));
    request.reply(reply);
}

void LoginActions::getTotp(AutofillRequest& request, AutofillVault& vault)
{
    if (!request.client().associated()) {
        request.fail(ProtocolError::AssociationFailed);
        return;
    }
    const auto id = InnerRequest::present(request.inner().uuid) ? parseUuid(request.inner().uuid)
                                                                : std::nullopt;
    const auto index = id ? vault.contents().findEntry(*id) : std::nullopt;
    if (!index) {
        request.fail(ProtocolError::NoValidUuidProvided);
        return;
    }
    if (!request.client().grantedAnywhere(*id)) {
        request.fail(ProtocolError::ActionCancelledOrDenied,
                     "This entry was not given to this browser.");
        return;
    }
    const EntryView entry = vault.contents().entry(*index);
    InnerReply reply = request.startReply(vault.arena());
    if (entry.totp().empty()) {
        reply.field("totp", std::string_view(""));
    } else if (vault.totp() == nullptr) {
        request.fail(ProtocolError::Unknown, "This Arcanum cannot compute TOTP codes.");
        return;
    } else {
        auto code = vault.totp()->currentCode(entry, vault.arena());
        if (!code) {
            request.fail(ProtocolError::Unknown, code.error().message);
            return;
        }
        reply.field("totp", code->span());
    }
    request.reply(reply);
}

} // namespace arcanum::autofill
