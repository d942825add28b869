// make-vault-vectors DIR: writes the test vectors of docs/FORMAT.md §7 into DIR.
//
// Valid vaults are built through the real Vault API; broken ones are byte-level edits of a valid
// file (with the header checksum recomputed where the vector is about a later check), and
// payload-level ones are sealed with Vault::sealFile around hand-built payloads.
#include "ToolSupport.h"
#include "crypto/Sodium.h"
#include "format/AtomicFile.h"
#include "format/VaultHeader.h"
#include "format/VaultKeys.h"
#include "vault/RecordWriter.h"
#include "vault/Tags.h"
#include "vault/Vault.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <sodium.h>
#include <string>
#include <vector>

using namespace arcanum;
using arcanum::tools::check;
using arcanum::tools::die;

namespace {

using Bytes = std::vector<std::uint8_t>;

std::string g_dir;
std::ofstream g_manifest;
std::unique_ptr<SecretArena> g_arena;

// Test vectors are public test data: these literals are meant to be known.
SecretBuffer text(const char* value)
{
    return tools::textIn(*g_arena, value);
}

void writeBytes(const std::string& name, const Bytes& bytes)
{
    std::ofstream out(g_dir + "/" + name, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

void vector(const std::string& name, const Bytes& bytes, const char* password, const char* expect,
            const char* description)
{
    writeBytes(name, bytes);
    g_manifest << name << '\t' << password << '\t' << expect << '\t' << description << '\n';
}

Bytes readBytes(const std::string& path)
{
    return check(AtomicFile::readAll(path, 1 << 30), "read " + path);
}

void recomputeChecksum(Bytes& file)
{
    crypto_generichash(file.data() + VaultHeader::checksumOffset, 16, file.data(),
                       VaultHeader::checksumOffset, nullptr, 0);
}

void put32(Bytes& file, std::size_t offset, std::uint32_t value)
{
    for (int i = 0; i < 4; ++i)
        file[offset + i] = static_cast<std::uint8_t>(value >> (8 * i));
}

Argon2Params vectorKdf()
{
    return Argon2Params::withRandomSalt(256, 1, 2);
}

void setField(EntryDraft& draft, EntryField field, const char* value)
{
    check(draft.set(field, text(value).span()), "set field");
}

// valid-full: every field type, non-ASCII text, a group, history, a tombstone, and records of a
// "newer version" (ignorable tags 0x90 top level and 0x91 inside an entry).
Bytes buildFullVault(const char* password)
{
    const std::string tempPath = g_dir + "/.full-build.arcanum";
    std::remove(tempPath.c_str());
    const Argon2Params kdf = vectorKdf();
    auto vault = check(Vault::create(tempPath, text(password).span(), kdf), "create");
    VaultContents& contents = vault->contents();
    const EntryId group = check(contents.addGroup(text("Réseaux & Mail").span()), "group");

    EntryDraft mail(vault->arena());
    setField(mail, EntryField::Title, "Mail — Zoë");
    setField(mail, EntryField::Username, "zoë@example.org");
    setField(mail, EntryField::Password, "first password");
    setField(mail, EntryField::Notes, "Recovery codes:\n1111\n2222");
    check(mail.addUrl(text("https://mail.example.org/login").span()), "url");
    check(mail.addUrl(text("https://webmail.example.org/").span()), "url");
    check(mail.addTag(text("mail").span()), "tag");
    check(mail.addTag(text("wichtig").span()), "tag");
    check(mail.addCustomField(text("PIN").span(), text("4711").span(), true), "custom");
    check(mail.addCustomField(text("Security question").span(), text("Straße?").span(), false),
          "custom");
    setField(mail, EntryField::Totp, "otpauth://totp/Mail:zoe?secret=JBSWY3DPEHPK3PXP");
    mail.setGroup(group);
    const EntryId mailId = check(contents.addEntry(mail), "add mail");
    setField(mail, EntryField::Password, "pässwörd-€-𝄞"); // second version: history of one
    check(contents.updateEntry(mailId, mail), "edit mail");

    EntryDraft bank(vault->arena());
    setField(bank, EntryField::Title, "銀行");
    setField(bank, EntryField::Username, "taro");
    setField(bank, EntryField::Password, "p@ss \"quoted\", with comma");
    check(bank.addUrl(text("https://bank.example.jp").span()), "url");
    check(contents.addEntry(bank), "add bank");

    EntryDraft gone(vault->arena());
    setField(gone, EntryField::Title, "Deleted entry");
    const EntryId goneId = check(contents.addEntry(gone), "add gone");
    check(contents.removeEntry(goneId), "remove gone");

    // Append a newer version's records to the serialized payload and seal it by hand.
    SecretBuffer payload = check(contents.serialize(), "serialize");
    RecordWriter writer(vault->arena(), payload.size() + 256);
    writer.appendRaw(payload.span());
    writer.add(0x90, text("top-level record of a newer version").span());
    const std::size_t mark = writer.begin(tags::entry);
    const EntryId futureId = EntryId::random();
    writer.add(tags::entryId, SecretSpan(futureId.bytes()));
    writer.add(tags::title, text("Future entry").span());
    writer.add(0x91, text("field of a newer version").span());
    writer.end(mark);
    SecretBuffer extended = check(writer.finish(), "extend");
    auto keys = check(VaultKeys::derive(text(password).span(), kdf, vault->arena()), "keys");
    Bytes file = check(Vault::sealFile(extended.span(), keys, kdf), "seal");
    vault.reset();
    std::remove(tempPath.c_str());
    return file;
}

void writeExpectedFull(const std::string& name)
{
    std::ofstream out(g_dir + "/" + name);
    out << "# Expected content of valid-full.arcanum, in the order entries are stored.\n"
           "# One field per line: NAME<TAB>VALUE, \\n for a newline in a value.\n"
           "groups\t1\n"
           "group\tRéseaux & Mail\n"
           "entries\t3\n"
           "tombstones\t1\n"
           "entry\n"
           "title\tMail — Zoë\n"
           "username\tzoë@example.org\n"
           "password\tpässwörd-€-𝄞\n"
           "url\thttps://mail.example.org/login\n"
           "url\thttps://webmail.example.org/\n"
           "notes\tRecovery codes:\\n1111\\n2222\n"
           "totp\totpauth://totp/Mail:zoe?secret=JBSWY3DPEHPK3PXP\n"
           "tag\tmail\n"
           "tag\twichtig\n"
           "custom\tPIN\t4711\tprotected\n"
           "custom\tSecurity question\tStraße?\tplain\n"
           "ingroup\tRéseaux & Mail\n"
           "history\t1\n"
           "history-password\tfirst password\n"
           "entry\n"
           "title\t銀行\n"
           "username\ttaro\n"
           "password\tp@ss \"quoted\", with comma\n"
           "url\thttps://bank.example.jp\n"
           "history\t0\n"
           "entry\n"
           "title\tFuture entry\n"
           "unknown-field\t0x91\n"
           "history\t0\n";
}

Bytes sealPayload(const char* password, const std::function<void(RecordWriter&)>& build)
{
    const Argon2Params kdf = vectorKdf();
    RecordWriter writer(*g_arena, 256);
    build(writer);
    SecretBuffer payload = check(writer.finish(), "payload");
    auto keys = check(VaultKeys::derive(text(password).span(), kdf, *g_arena), "keys");
    return check(Vault::sealFile(payload.span(), keys, kdf), "seal");
}

void writeMeta(RecordWriter& writer)
{
    const std::size_t mark = writer.begin(tags::meta);
    writer.addU64(tags::metaCreated, 1700000000000ull);
    writer.addU32(tags::metaHistoryLimit, 10);
    writer.end(mark);
}

void writeEntry(RecordWriter& writer, const EntryId& id, const char* title)
{
    const std::size_t mark = writer.begin(tags::entry);
    writer.add(tags::entryId, SecretSpan(id.bytes()));
    writer.add(tags::title, text(title).span());
    writer.end(mark);
}

} // namespace

int main(int argc, char** argv)
{
    tools::g_programName = "make-vault-vectors";
    if (argc != 2) {
        std::fprintf(stderr, "usage: make-vault-vectors DIR\n");
        return 2;
    }
    Sodium::ensureInitialized();
    g_dir = argv[1];
    g_arena = check(SecretArena::create(), "arena");
    g_manifest.open(g_dir + "/vectors.tsv", std::ios::trunc);
    g_manifest << "# file\tpassword\texpected (ok or error name, docs/FORMAT.md §5)\twhat it is\n";

    const char* pw = "correct horse battery staple";
    const Bytes full = buildFullVault(pw);
    vector("valid-full.arcanum", full, pw, "ok",
           "every field type, history, tombstone, "
           "records of a newer version");
    writeExpectedFull("valid-full.expected");
    vector("valid-full.arcanum", full, "Correct horse battery staple", "wrong-password",
           "the right file with a wrong password");
    {
        const std::string tempPath = g_dir + "/.empty-build.arcanum";
        std::remove(tempPath.c_str());
        const char* unicodePw = "pässwörd-日本-🔑";
        check(Vault::create(tempPath, text(unicodePw).span(), vectorKdf()), "create empty");
        vector("valid-empty.arcanum", readBytes(tempPath), unicodePw, "ok",
               "no entries, non-ASCII password");
        std::remove(tempPath.c_str());
        std::ofstream(g_dir + "/valid-empty.expected")
            << "# Expected content of valid-empty.arcanum.\ngroups\t0\nentries\t0\ntombstones\t0\n";
    }

    auto cut = [&](std::size_t size) {
        return Bytes(full.begin(), full.begin() + long(size));
    };
    vector("empty.arcanum", {}, pw, "file-truncated", "0 bytes");
    vector("truncated-5.arcanum", cut(5), pw, "file-truncated", "inside the magic");
    vector("truncated-11.arcanum", cut(11), pw, "file-truncated", "inside the version");
    vector("truncated-100.arcanum", cut(100), pw, "file-truncated", "inside the header");
    vector("truncated-144.arcanum", cut(144), pw, "file-truncated", "header only");
    vector("truncated-middle.arcanum", cut(144 + (full.size() - 144) / 2), pw, "file-truncated",
           "half the ciphertext");
    vector("truncated-last-byte.arcanum", cut(full.size() - 1), pw, "file-truncated",
           "one byte of the tag missing");

    auto flipped = [&](std::size_t offset, std::uint8_t mask) {
        Bytes bytes = full;
        bytes[offset] ^= mask;
        return bytes;
    };
    vector("flipped-salt.arcanum", flipped(40, 0x04), pw, "file-damaged", "bit flip in the salt");
    vector("flipped-memory.arcanum", flipped(17, 0x01), pw, "file-damaged",
           "bit flip in the Argon2 memory");
    vector("flipped-key-check.arcanum", flipped(100, 0x80), pw, "file-damaged",
           "bit flip in the key check");
    vector("flipped-checksum.arcanum", flipped(130, 0x02), pw, "file-damaged",
           "bit flip in the header checksum");
    vector("flipped-ciphertext.arcanum", flipped(200, 0x10), pw, "file-damaged",
           "bit flip in the ciphertext");
    vector("flipped-tag.arcanum", flipped(full.size() - 1, 0x01), pw, "file-damaged",
           "bit flip in the authentication tag");
    vector("flipped-magic.arcanum", flipped(3, 0x20), pw, "not-an-arcanum-file",
           "bit flip in the magic");

    auto edited = [&](std::size_t offset, std::uint32_t value, int width) {
        Bytes bytes = full;
        for (int i = 0; i < width; ++i)
            bytes[offset + i] = static_cast<std::uint8_t>(value >> (8 * i));
        recomputeChecksum(bytes);
        return bytes;
    };
    vector("version-2.arcanum", edited(8, 2, 2), pw, "unsupported-version", "format version 2");
    vector("version-0.arcanum", edited(8, 0, 2), pw, "unsupported-version", "format version 0");
    vector("unknown-flags.arcanum", edited(10, 1, 2), pw, "unsupported-version",
           "feature flag 1 set, checksum valid");
    vector("unknown-kdf.arcanum", edited(12, 2, 1), pw, "unsupported-version",
           "KDF id 2, checksum valid");
    vector("unknown-aead.arcanum", edited(13, 7, 1), pw, "unsupported-version",
           "AEAD id 7, checksum valid");
    vector("absurd-memory.arcanum", edited(16, 0xFFFFFFFF, 4), pw, "file-damaged",
           "Argon2 memory 4 TiB, checksum valid");
    vector("absurd-iterations.arcanum", edited(20, 0, 4), pw, "file-damaged",
           "Argon2 iterations 0, checksum valid");
    vector("absurd-lanes.arcanum", edited(24, 100000, 4), pw, "file-damaged",
           "Argon2 lanes 100000, checksum valid");
    {
        Bytes huge = full;
        put32(huge, 88, 0);
        put32(huge, 92, 0x100); // 2^40 bytes
        recomputeChecksum(huge);
        vector("absurd-length.arcanum", huge, pw, "file-damaged",
               "ciphertext length 2^40, checksum valid");
        Bytes longer = full;
        put32(longer, 88, static_cast<std::uint32_t>(full.size() - 144 + 100));
        recomputeChecksum(longer);
        vector("length-past-end.arcanum", longer, pw, "file-truncated",
               "ciphertext length 100 bytes more than the file holds, checksum valid");
    }
    {
        Bytes trailing = full;
        trailing.insert(trailing.end(), {'j', 'u', 'n', 'k'});
        vector("trailing-bytes.arcanum", trailing, pw, "file-damaged", "4 bytes after the end");
    }
    const std::string textFile = "This is a text file, not a vault.\n";
    vector("not-arcanum-text.arcanum", Bytes(textFile.begin(), textFile.end()), pw,
           "not-an-arcanum-file", "a text file");
    vector("not-arcanum-png.arcanum",
           {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'}, pw,
           "not-an-arcanum-file", "a PNG signature (same first byte as ours)");

    // Payload-level damage: valid encryption around a malformed payload.
    const EntryId id = EntryId::random();
    vector("payload-no-meta.arcanum",
           sealPayload(pw, [&](RecordWriter& w) { writeEntry(w, id, "x"); }), pw, "file-damaged",
           "payload does not start with meta");
    vector("payload-meta-twice.arcanum",
           sealPayload(pw,
                       [&](RecordWriter& w) {
                           writeMeta(w);
                           writeMeta(w);
                       }),
           pw, "file-damaged", "two meta records");
    vector("payload-unknown-tag.arcanum",
           sealPayload(pw,
                       [&](RecordWriter& w) {
                           writeMeta(w);
                           w.add(0x05, text("?").span());
                       }),
           pw, "unsupported-version", "top-level tag 0x05 (not ignorable)");
    vector("payload-overrun.arcanum",
           sealPayload(pw,
                       [&](RecordWriter& w) {
                           writeMeta(w);
                           w.appendRaw(
                               text("\x03\xFF\xFF\xFF\x7F").span()); // entry of ~2 GiB, 0 present
                       }),
           pw, "file-damaged", "record length past the end");
    vector("payload-duplicate-id.arcanum",
           sealPayload(pw,
                       [&](RecordWriter& w) {
                           writeMeta(w);
                           writeEntry(w, id, "one");
                           writeEntry(w, id, "two");
                       }),
           pw, "file-damaged", "two entries with one id");
    vector("payload-entry-without-id.arcanum",
           sealPayload(pw,
                       [&](RecordWriter& w) {
                           writeMeta(w);
                           const std::size_t mark = w.begin(tags::entry);
                           w.add(tags::title, text("no id").span());
                           w.end(mark);
                       }),
           pw, "file-damaged", "entry without id");
    vector("payload-short-id.arcanum",
           sealPayload(pw,
                       [&](RecordWriter& w) {
                           writeMeta(w);
                           const std::size_t mark = w.begin(tags::entry);
                           w.add(tags::entryId, text("short").span());
                           w.end(mark);
                       }),
           pw, "file-damaged", "entry id of 5 bytes");
    vector("payload-empty.arcanum", sealPayload(pw, [](RecordWriter&) {}), pw, "file-damaged",
           "empty payload");
    std::printf("wrote test vectors to %s\n", g_dir.c_str());
    return 0;
}
