// autofill-canary-server: an AutofillServer on a real socket, for TestAutofillCanaryScan to scan
// from outside. Usage: autofill-canary-server SOCKET-PATH, then on stdin three lines — the title,
// the user name and the password of one entry for https://canary.example — read with read(2)
// straight into secret memory. The user "accepts" every association and allows every site, in
// code that copies nothing. Runs until stdin closes.
#include "autofill/AutofillServer.h"
#include "autofill/BrowserSocketServer.h"
#include "autofill/MemoryAssociationStore.h"
#include "autofill/MemorySiteAccessStore.h"
#include "hardening/ProcessHardening.h"
#include "vault/EntryDraft.h"

#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

using namespace arcanum;
using namespace arcanum::autofill;

namespace {

class CanaryVault : public AutofillVault
{
public:
    explicit CanaryVault(SecretArena& arena)
        : m_arena(arena), m_contents(std::move(VaultContents::createEmpty(arena).value())),
          m_associations(arena), m_access(arena)
    {}
    SecretArena& arena() override { return m_arena; }
    VaultContents& contents() override { return m_contents; }
    DatabaseHash::Identity identity() const override { return {1, 2, 3}; }
    AssociationStore& associations() override { return m_associations; }
    SiteAccessStore& siteAccess() override { return m_access; }
    TotpSource* totp() override { return nullptr; }
    PasswordOptions passwordOptions() const override { return {}; }
    Result<void> commit() override { return {}; }
    void requestLock() override {}

private:
    SecretArena& m_arena;
    VaultContents m_contents;
    MemoryAssociationStore m_associations;
    MemorySiteAccessStore m_access;
};

class AcceptingUser : public AutofillPrompter
{
public:
    AutofillServer* server = nullptr;
    void askAssociation(DecisionId id, const AssociationQuestion&) override
    {
        static const std::uint8_t name[] = {'s', 'c', 'a', 'n'};
        server->answerAssociation(id, {name, sizeof name});
    }
    void askSiteAccess(DecisionId id, const SiteAccessQuestion& question) override
    {
        std::vector<EntryDecision> answers;
        for (const EntryId& entry : question.entries)
            answers.push_back({entry, SiteAnswer::AllowAlways});
        server->answerSiteAccess(id, answers);
    }
    void withdraw(DecisionId) override {}
};

// One line of stdin into an arena buffer, a byte at a time (no stdio buffer holds it).
SecretBuffer readLine(SecretArena& arena)
{
    SecretBuffer line = std::move(arena.allocate(256).value());
    std::size_t length = 0;
    std::uint8_t* byte = line.data();
    while (length < line.size() && read(0, byte + length, 1) == 1 && byte[length] != '\n')
        ++length;
    byte[length] = 0;
    (void)line.resize(length);
    return line;
}

} // namespace

int main(int argc, char** argv)
{
    ProcessHardening::bindSymbolsNow(argv);
    ProcessHardening::apply();
    if (argc != 2) {
        std::fprintf(stderr, "usage: autofill-canary-server SOCKET-PATH\n");
        return 2;
    }
    auto arena = SecretArena::create();
    if (!arena)
        return 3;
    CanaryVault vault(*arena.value());
    SecretBuffer title = readLine(*arena.value());
    SecretBuffer user = readLine(*arena.value());
    SecretBuffer password = readLine(*arena.value());
    static const char url[] = "https://canary.example/login";
    EntryDraft draft(*arena.value());
    if (!draft.set(EntryField::Title, title.span()) ||
        !draft.set(EntryField::Username, user.span()) ||
        !draft.set(EntryField::Password, password.span()) ||
        !draft.set(EntryField::Url, {reinterpret_cast<const std::uint8_t*>(url), sizeof url - 1}) ||
        !vault.contents().addEntry(draft))
        return 3;
    title.reset();
    user.reset();
    password.reset();
    draft = EntryDraft(*arena.value());

    auto server = BrowserSocketServer::listen(argv[1]);
    if (!server) {
        std::fprintf(stderr, "%s\n", server.error().message.c_str());
        return 3;
    }
    AcceptingUser user_;
    user_.server = &server.value()->protocol();
    server.value()->protocol().setPrompter(&user_);
    server.value()->protocol().setVault(&vault);
    std::printf("listening\n");
    std::fflush(stdout);
    fcntl(0, F_SETFL, O_NONBLOCK);
    for (;;) {
        server.value()->pollOnce(50);
        char byte;
        if (read(0, &byte, 1) == 0)
            break; // the test is done
    }
    server.value()->protocol().setVault(nullptr);
    return 0;
}
