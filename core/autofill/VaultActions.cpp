#include "autofill/VaultActions.h"

#include "autofill/ClientSession.h"
#include "autofill/LoginActions.h"
#include "generator/PasswordGenerator.h"

#include <cstring>
#include <map>
#include <vector>

namespace arcanum::autofill {

namespace {

using Children = std::map<EntryId, std::vector<std::size_t>>;

void writeGroups(InnerReply& reply, const VaultContents& contents, const Children& children,
                 const EntryId& parent, int depth)
{
    auto& json = reply.writer();
    json.StartArray();
    const auto found = children.find(parent);
    if (found != children.end() && depth < VaultActions::maxGroupDepth) {
        for (std::size_t index : found->second) {
            const GroupView group = contents.group(index);
            json.StartObject();
            reply.field("name", group.name());
            reply.field("uuid", std::string_view(LoginActions::uuidText(group.id())));
            reply.key("children");
            writeGroups(reply, contents, children, group.id(), depth + 1);
            json.EndObject();
        }
    }
    json.EndArray();
}

bool sameText(SecretSpan a, SecretSpan b)
{
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size()) == 0);
}

} // namespace

void VaultActions::databaseHash(AutofillRequest& request, AutofillVault& vault)
{
    InnerReply reply = request.startReply(vault.arena());
    reply.field("hash", std::string_view(DatabaseHash::of(vault.identity())));
    request.reply(reply);
}

void VaultActions::generatePassword(AutofillRequest& request, AutofillVault& vault)
{
    auto generated = PasswordGenerator::generate(vault.arena(), vault.passwordOptions());
    if (!generated) {
        request.fail(ProtocolError::Unknown, generated.error().message);
        return;
    }
    InnerReply reply = request.startReply(vault.arena());
    reply.field("password", generated->secret.span());
    request.reply(reply);
}

void VaultActions::lockDatabase(AutofillRequest& request, AutofillVault& vault)
{
    InnerReply reply = request.startReply(vault.arena());
    request.reply(reply);
    vault.requestLock();
}

void VaultActions::databaseGroups(AutofillRequest& request, AutofillVault& vault)
{
    if (!request.client().associated()) {
        request.fail(ProtocolError::AssociationFailed);
        return;
    }
    const VaultContents& contents = vault.contents();
    Children children;
    for (std::size_t i = 0; i < contents.groupCount(); ++i) {
        const EntryId parent = contents.group(i).parent();
        // A group whose parent is gone is shown at the top, where the app shows it.
        children[parent.isNull() || contents.findGroup(parent) ? parent : EntryId()].push_back(i);
    }
    InnerReply reply = request.startReply(vault.arena());
    auto& json = reply.writer();
    reply.key("groups");
    json.StartArray();
    json.StartObject();
    reply.field("name", std::string_view(LoginActions::rootGroupName));
    reply.field("uuid", std::string_view(DatabaseHash::hex(vault.identity())));
    reply.key("children");
    writeGroups(reply, contents, children, EntryId(), 0);
    json.EndObject();
    json.EndArray();
    request.reply(reply);
}

void VaultActions::createGroup(AutofillRequest& request, AutofillVault& vault)
{
    if (!request.client().associated()) {
        request.fail(ProtocolError::AssociationFailed);
        return;
    }
    const SecretSpan path = request.inner().groupName;
    VaultContents& contents = vault.contents();
    EntryId parent;
    SecretSpan lastName;
    bool created = false;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= path.size(); ++i) {
        if (i < path.size() && path[i] != '/')
            continue;
        const SecretSpan name = path.sub(start, i - start);
        start = i + 1;
        if (name.empty())
            continue;
        std::optional<EntryId> found;
        for (std::size_t g = 0; g < contents.groupCount() && !found; ++g) {
            const GroupView group = contents.group(g);
            if (group.parent() == parent && sameText(group.name(), name))
                found = group.id();
        }
        if (!found) {
            auto added = contents.addGroup(name, parent);
            if (!added) {
                request.fail(ProtocolError::CannotCreateNewGroup, added.error().message);
                return;
            }
            found = *added;
            created = true;
        }
        parent = *found;
        lastName = name;
    }
    if (parent.isNull()) {
        request.fail(ProtocolError::CannotCreateNewGroup, "The request names no group.");
        return;
    }
    if (created) {
        if (auto saved = vault.commit(); !saved) {
            request.fail(ProtocolError::CannotCreateNewGroup, saved.error().message);
            return;
        }
    }
    InnerReply reply = request.startReply(vault.arena());
    reply.field("name", lastName);
    reply.field("uuid", std::string_view(LoginActions::uuidText(parent)));
    request.reply(reply);
}

} // namespace arcanum::autofill
