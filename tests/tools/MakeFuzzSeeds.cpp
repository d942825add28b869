// make-fuzz-seeds VECTORS_DIR OUT_DIR: the payload seeds of FuzzVaultReader (docs/FUZZING.md).
//
// Writes into OUT_DIR:
// - decrypted-<vector>.payload: the decrypted payload of every test vector in VECTORS_DIR that
//   decrypts (valid ones and the payload-level damage cases), exactly as PayloadOpener gives
//   it; decrypted-v1-<vector>.payload the same for the version-1 vectors in VECTORS_DIR/v1
//   (version-1 payloads, which the fuzzer also reads as such);
// - built-small.payload / built-many.payload: payloads made through the real VaultContents API
//   (every field and record kind, groups, history, a tombstone, associations, attachments, site
//   access, records of a newer version; and 40 entries with mixed-script titles, for search
//   and sort);
// - sealed-small.arcanum / sealed-small-v1.arcanum: built-small sealed as format version 2, and
//   a version-1 payload sealed as version 1, with the cheapest Argon2id and the password
//   "fuzz", so that the fuzzer's file mode gets through Vault::open.
// The vault files themselves are copied by hand (docs/FUZZING.md).
#include "ToolSupport.h"
#include "Version1Writer.h"
#include "crypto/Sodium.h"
#include "format/AtomicFile.h"
#include "format/PayloadOpener.h"
#include "format/VaultHeader.h"
#include "format/VaultKeys.h"
#include "vault/RecordWriter.h"
#include "vault/Tags.h"
#include "vault/Vault.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace arcanum;
using arcanum::tools::check;
using arcanum::tools::die;

namespace {

std::unique_ptr<SecretArena> g_arena;

// Seeds are public test data: these literals are meant to be known.
SecretBuffer text(const std::string& value)
{
    return tools::textIn(*g_arena, value);
}

void writeBytes(const std::string& path, SecretSpan bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.chars(), std::streamsize(bytes.size()));
    if (!out)
        die("write", Error{ErrorCode::IoError, "cannot write " + path});
}

// The decrypted payload of one vector, or nothing when it does not get that far.
void decryptVector(const std::string& dir, const std::string& name, const std::string& password,
                   const std::string& outDir, const std::string& prefix)
{
    auto file = AtomicFile::readAll(dir + "/" + name, 1 << 30);
    if (!file)
        return;
    auto header = VaultHeader::parse(*file);
    if (!header || !header->kdf.checkLimits())
        return;
    auto keys = check(VaultKeys::derive(text(password).span(), header->kdf, *g_arena), "keys");
    const std::span<const std::uint8_t> bytes(*file);
    if (!keys.verifyKeyCheck(bytes.first(VaultHeader::keyCheckOffset), header->keyCheck))
        return;
    SecretBuffer payload = check(g_arena->allocate(header->payloadLength()), "payload");
    if (!PayloadOpener::open(bytes, *header, keys, payload.bytes(), *g_arena))
        return;
    const std::string stem = name.substr(0, name.rfind('.'));
    writeBytes(outDir + "/decrypted-" + prefix + stem + ".payload", payload.span());
}

void decryptVectors(const std::string& dir, const std::string& outDir, const std::string& prefix)
{
    std::ifstream manifest(dir + "/vectors.tsv");
    std::set<std::string> done;
    for (std::string line; std::getline(manifest, line);) {
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream fields(line);
        std::string name, password;
        std::getline(fields, name, '\t');
        std::getline(fields, password, '\t');
        if (name.rfind("chunk-", 0) == 0 || name.rfind("valid-chunks", 0) == 0)
            continue; // 128 KiB of attachment each: too big to be a useful seed
        if (done.insert(name + '\t' + password).second)
            decryptVector(dir, name, password, outDir, prefix);
    }
}

void setField(EntryDraft& draft, EntryField field, const std::string& value)
{
    check(draft.set(field, text(value).span()), "set field");
}

SecretBuffer buildSmall()
{
    VaultContents contents = check(VaultContents::createEmpty(*g_arena), "empty");
    const EntryId group = check(contents.addGroup(text("Work").span()), "group");
    check(contents.addGroup(text("Servers").span(), group), "subgroup");

    EntryDraft mail(*g_arena);
    setField(mail, EntryField::Title, "Mail — Zoë");
    setField(mail, EntryField::Username, "zoë@example.org");
    setField(mail, EntryField::Password, "first");
    setField(mail, EntryField::Notes, "line one\nline two");
    setField(mail, EntryField::Totp, "otpauth://totp/x?secret=JBSWY3DP");
    check(mail.addUrl(text("https://mail.example.org/").span()), "url");
    check(mail.addUrl(text("https://webmail.example.org/").span()), "url");
    check(mail.addTag(text("mail").span()), "tag");
    check(mail.addCustomField(text("PIN").span(), text("4711").span(), true), "custom");
    check(mail.addAttachment(text("a.txt").span(), text("attached").span()), "attach");
    check(mail.setSiteAccess(text("https://mail.example.org:443").span(), SiteDecision::Allow),
          "site");
    mail.setExpires(4102444800000);
    mail.setAutofillFlags(EntryView::allowHttpFlag);
    mail.setGroup(group);
    const EntryId mailId = check(contents.addEntry(mail), "add");
    auto edit = check(EntryDraft::fromEntry(contents.entry(0), *g_arena), "draft");
    setField(edit, EntryField::Password, "second");
    check(contents.updateEntry(mailId, edit), "edit"); // one version of history
    check(contents.addAssociation(text("Firefox").span(), text(std::string(32, 'k')).span()),
          "associate");

    EntryDraft gone(*g_arena);
    setField(gone, EntryField::Title, "Gone");
    check(contents.removeEntry(check(contents.addEntry(gone), "add")), "remove");

    SecretBuffer payload = check(contents.serialize(), "serialize");
    RecordWriter writer(*g_arena, payload.size() + 128);
    writer.appendRaw(payload.span());
    writer.add(0x90, text("top-level record of a newer version").span());
    const std::size_t mark = writer.begin(tags::entry);
    writer.addId(tags::entryId, EntryId::random().bytes());
    writer.add(tags::title, text("Future").span());
    writer.add(0x91, text("field of a newer version").span());
    writer.end(mark);
    return check(writer.finish(), "extend");
}

SecretBuffer buildMany()
{
    const char* titles[] = {
        "Bank",   "bank of Ελλάδα", "Почта", "Müller", "MÜLLER", "école", "École", "GitHub",
        "github", "銀行",           "Zoë",   "zoe",    "",       "a",     "A"};
    VaultContents contents = check(VaultContents::createEmpty(*g_arena), "empty");
    for (int i = 0; i < 40; ++i) {
        EntryDraft draft(*g_arena);
        setField(draft, EntryField::Title, titles[i % std::size(titles)]);
        setField(draft, EntryField::Username, "user" + std::to_string(i) + "@example.org");
        setField(draft, EntryField::Url, "https://site" + std::to_string(i % 7) + ".example/");
        if (i % 3 == 0)
            setField(draft, EntryField::Notes, "Notes with Straße and ПОЧТА " + std::to_string(i));
        check(contents.addEntry(draft), "add");
    }
    return check(contents.serialize(), "serialize");
}

} // namespace

int main(int argc, char** argv)
{
    tools::g_programName = "make-fuzz-seeds";
    if (argc != 3) {
        std::fprintf(stderr, "usage: make-fuzz-seeds VECTORS_DIR OUT_DIR\n");
        return 2;
    }
    Sodium::ensureInitialized();
    const std::string vectors = argv[1], out = argv[2];
    g_arena = check(SecretArena::create(), "arena");

    decryptVectors(vectors, out, "");
    decryptVectors(vectors + "/v1", out, "v1-");

    const SecretBuffer small = buildSmall();
    writeBytes(out + "/built-small.payload", small.span());
    writeBytes(out + "/built-many.payload", buildMany().span());

    const Argon2Params kdf = Argon2Params::withRandomSalt(Argon2Params::minMemoryKiB, 1, 1);
    auto keys = check(VaultKeys::derive(text("fuzz").span(), kdf, *g_arena), "keys");
    const auto sealed = check(Vault::sealFile(small.span(), keys, kdf, *g_arena), "seal");
    writeBytes(out + "/sealed-small.arcanum", SecretSpan(sealed));
    // A version-1 payload (the frozen valid-full vector's, decrypted above) sealed as version 1.
    auto v1Payload = AtomicFile::readAll(out + "/decrypted-v1-valid-full.payload", 1 << 20);
    if (!v1Payload)
        die("read", v1Payload.error());
    SecretBuffer v1 = check(g_arena->copyOf(SecretSpan(*v1Payload)), "copy");
    const auto sealedV1 = test::sealVersion1(v1.span(), keys, kdf);
    writeBytes(out + "/sealed-small-v1.arcanum", SecretSpan(sealedV1));
    std::printf("wrote fuzz seeds to %s\n", out.c_str());
    return 0;
}
