// make-vault-vectors DIR: writes the test vectors of docs/FORMAT.md §10 into DIR.
//
// Valid vaults are built through the real Vault API; broken ones are byte-level edits of a valid
// file (with the header checksum recomputed where the vector is about a later check), chunk
// streams sealed by hand with the vault's own keys (to break the stream, not the header), and
// payload-level ones sealed with Vault::sealFile around hand-built payloads. The version-1
// vectors in DIR/v1 are frozen (version 1 is no longer written); the v1-kdf-limit-* vectors are
// edits of DIR/v1/valid-full.arcanum.
#include "ToolSupport.h"
#include "crypto/SecretStream.h"
#include "crypto/Sodium.h"
#include "format/AtomicFile.h"
#include "format/ChunkLayout.h"
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

void put(Bytes& file, std::size_t offset, std::uint64_t value, int width)
{
    for (int i = 0; i < width; ++i)
        file[offset + i] = static_cast<std::uint8_t>(value >> (8 * i));
}

// `file` with a header field changed and the checksum recomputed (the key check is not: the
// check the vector is about comes first).
Bytes edited(const Bytes& file, std::size_t offset, std::uint64_t value, int width)
{
    Bytes bytes = file;
    put(bytes, offset, value, width);
    recomputeChecksum(bytes);
    return bytes;
}

Argon2Params vectorKdf()
{
    return Argon2Params::withRandomSalt(256, 1, 2);
}

void setField(EntryDraft& draft, EntryField field, const char* value)
{
    check(draft.set(field, text(value).span()), "set field");
}

SecretBuffer bytesIn(const Bytes& bytes)
{
    return check(g_arena->copyOf(SecretSpan(bytes)), "copy");
}

// The 32-byte extension key of an association in the vectors: 0x00, 0x01, ... 0x1f + `seed`.
Bytes associationKey(std::uint8_t seed)
{
    Bytes key(32);
    for (std::size_t i = 0; i < key.size(); ++i)
        key[i] = static_cast<std::uint8_t>(i + seed);
    return key;
}

constexpr std::uint8_t fullIdentity[16] = {0x41, 0x72, 0x63, 0x61, 0x6e, 0x75, 0x6d, 0x20,
                                           0x76, 0x65, 0x63, 0x74, 0x6f, 0x72, 0x73, 0x21};

// valid-full: every field and record kind, non-ASCII text, a group, history (sharing an
// attachment with the current version), a tombstone, a set identity, two browser associations,
// site access, and records of a "newer version" (ignorable tags 0x90 top level and 0x91 inside
// an entry).
Bytes buildFullVault(const char* password)
{
    const std::string tempPath = g_dir + "/.full-build.arcanum";
    std::remove(tempPath.c_str());
    const Argon2Params kdf = vectorKdf();
    auto vault = check(Vault::create(tempPath, text(password).span(), kdf), "create");
    VaultContents& contents = vault->contents();
    check(contents.setIdentity(std::span<const std::uint8_t, 16>(fullIdentity)), "identity");
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
    check(mail.addAttachment(text("recovery.txt").span(), text("1111\n2222\n").span()), "attach");
    check(mail.addAttachment(text("key.bin").span(), bytesIn({0x00, 0x01, 0xfe, 0xff}).span()),
          "attach");
    mail.setExpires(4102444800000); // 2100-01-01
    mail.setAutofillFlags(EntryView::allowHttpFlag);
    mail.setGroup(group);
    const EntryId mailId = check(contents.addEntry(mail), "add mail");
    // Second version: history of one, which shares both attachments with the current version.
    auto edit =
        check(EntryDraft::fromEntry(contents.entry(*contents.findEntry(mailId)), vault->arena()),
              "draft");
    setField(edit, EntryField::Password, "pässwörd-€-𝄞");
    check(contents.updateEntry(mailId, edit), "edit mail");
    check(contents.setSiteAccess(mailId, text("https://mail.example.org:443").span(),
                                 SiteDecision::Allow),
          "site");
    check(contents.setSiteAccess(mailId, text("https://evil.example.net:443").span(),
                                 SiteDecision::Deny),
          "site");

    EntryDraft bank(vault->arena());
    setField(bank, EntryField::Title, "銀行");
    setField(bank, EntryField::Username, "taro");
    setField(bank, EntryField::Password, "p@ss \"quoted\", with comma");
    check(bank.addUrl(text("https://bank.example.jp").span()), "url");
    bank.setAutofillFlags(EntryView::hiddenFromBrowserFlag);
    check(contents.addEntry(bank), "add bank");

    EntryDraft gone(vault->arena());
    setField(gone, EntryField::Title, "Deleted entry");
    const EntryId goneId = check(contents.addEntry(gone), "add gone");
    check(contents.removeEntry(goneId), "remove gone");

    const Bytes firefox = associationKey(0), chromium = associationKey(0x40);
    check(contents.addAssociation(text("Firefox at home").span(), bytesIn(firefox).span()),
          "associate");
    check(contents.addAssociation(text("Chromium — 仕事").span(), bytesIn(chromium).span()),
          "associate");
    check(contents.touchAssociation(text("Firefox at home").span(), 1750000000000), "touch");

    // Append a newer version's records to the serialized payload and seal it by hand.
    SecretBuffer payload = check(contents.serialize(), "serialize");
    RecordWriter writer(vault->arena(), payload.size() + 256);
    writer.appendRaw(payload.span());
    writer.add(0x90, text("top-level record of a newer version").span());
    const std::size_t mark = writer.begin(tags::entry);
    const EntryId futureId = EntryId::random();
    writer.addId(tags::entryId, futureId.bytes());
    writer.add(tags::title, text("Future entry").span());
    writer.add(0x91, text("field of a newer version").span());
    writer.end(mark);
    SecretBuffer extended = check(writer.finish(), "extend");
    auto keys = check(VaultKeys::derive(text(password).span(), kdf, vault->arena()), "keys");
    Bytes file = check(Vault::sealFile(extended.span(), keys, kdf, vault->arena()), "seal");
    vault.reset();
    std::remove(tempPath.c_str());
    return file;
}

std::string hex(const std::uint8_t* bytes, std::size_t size)
{
    std::string out;
    char digits[3];
    for (std::size_t i = 0; i < size; ++i) {
        std::snprintf(digits, sizeof digits, "%02x", bytes[i]);
        out += digits;
    }
    return out;
}

void writeExpectedFull(const std::string& name)
{
    const Bytes firefox = associationKey(0), chromium = associationKey(0x40);
    std::ofstream out(g_dir + "/" + name);
    out << "# Expected content of valid-full.arcanum, in the order entries are stored.\n"
           "# One field per line: NAME<TAB>VALUE, \\n for a newline in a value; bytes in hex.\n"
           "identity\t"
        << hex(fullIdentity, sizeof fullIdentity)
        << "\n"
           "groups\t1\n"
           "group\tRéseaux & Mail\n"
           "entries\t3\n"
           "tombstones\t1\n"
           "associations\t2\n"
           "association\tFirefox at home\t"
        << hex(firefox.data(), firefox.size())
        << "\tused 1750000000000\n"
           "association\tChromium — 仕事\t"
        << hex(chromium.data(), chromium.size())
        << "\tnever used\n"
           "attachment-data\t2\n"
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
           "attachment\trecovery.txt\t"
        << hex(reinterpret_cast<const std::uint8_t*>("1111\n2222\n"), 10)
        << "\n"
           "attachment\tkey.bin\t0001feff\n"
           "expires\t4102444800000\n"
           "autofill\t1\n"
           "site\thttps://mail.example.org:443\tallow\n"
           "site\thttps://evil.example.net:443\tdeny\n"
           "ingroup\tRéseaux & Mail\n"
           "history\t1\n"
           "history-password\tfirst password\n"
           "history-attachments\t2\n"
           "entry\n"
           "title\t銀行\n"
           "username\ttaro\n"
           "password\tp@ss \"quoted\", with comma\n"
           "url\thttps://bank.example.jp\n"
           "expires\tnever\n"
           "autofill\t2\n"
           "history\t0\n"
           "entry\n"
           "title\tFuture entry\n"
           "unknown-field\t0x91\n"
           "history\t0\n";
}

// Meta with a fixed creation time, the default history limit and (unless told otherwise) an
// identity.
void writeMeta(RecordWriter& writer, int identities = 1,
               const std::uint8_t* identity = fullIdentity)
{
    const std::size_t mark = writer.begin(tags::meta);
    writer.addTime(tags::metaCreated, 1700000000000);
    writer.addU32(tags::metaHistoryLimit, 10);
    for (int i = 0; i < identities; ++i)
        writer.addId(tags::metaIdentity, std::span<const std::uint8_t, 16>(identity, 16));
    writer.end(mark);
}

void writeEntry(RecordWriter& writer, const EntryId& id, const char* title,
                const std::function<void(RecordWriter&)>& more = {})
{
    const std::size_t mark = writer.begin(tags::entry);
    writer.addId(tags::entryId, id.bytes());
    writer.add(tags::title, text(title).span());
    if (more)
        more(writer);
    writer.end(mark);
}

void writeAssociation(RecordWriter& writer, const char* name, const Bytes& key)
{
    const std::size_t mark = writer.begin(tags::association);
    writer.add(tags::associationName, text(name).span());
    writer.add(tags::associationKey, SecretSpan(key));
    writer.end(mark);
}

void writeAttachment(RecordWriter& writer, const char* name, const EntryId& data)
{
    const std::size_t mark = writer.begin(tags::attachment);
    writer.add(tags::attachmentName, text(name).span());
    writer.addId(tags::attachmentDataId, data.bytes());
    writer.end(mark);
}

void writeAttachmentData(RecordWriter& writer, const EntryId& id, const char* bytes)
{
    const std::size_t mark = writer.begin(tags::attachmentData);
    writer.addId(tags::dataId, id.bytes());
    writer.add(tags::dataBytes, text(bytes).span());
    writer.end(mark);
}

void writeSite(RecordWriter& writer, const char* site, std::uint8_t decision)
{
    const std::size_t mark = writer.begin(tags::siteAccess);
    writer.add(tags::siteOrigin, text(site).span());
    writer.addU8(tags::siteDecision, decision);
    writer.end(mark);
}

struct Sealing
{
    Argon2Params kdf;
    VaultKeys keys;
};

Sealing sealing(const char* password)
{
    const Argon2Params kdf = vectorKdf();
    return {kdf, check(VaultKeys::derive(text(password).span(), kdf, *g_arena), "keys")};
}

Bytes sealPayload(const char* password, const std::function<void(RecordWriter&)>& build)
{
    const Sealing seal = sealing(password);
    RecordWriter writer(*g_arena, 256);
    build(writer);
    SecretBuffer payload = check(writer.finish(), "payload");
    return check(Vault::sealFile(payload.span(), seal.keys, seal.kdf, *g_arena), "seal");
}

// One chunk of a hand-made stream: payload bytes [offset, offset + length), with `tag`.
struct Piece
{
    std::size_t offset = 0;
    std::size_t length = 0;
    SecretStream::Tag tag = SecretStream::Tag::Message;
};

// A version-2 file whose stream is made of `pieces`, in order, under a header that announces
// `announced` ciphertext bytes (by default what the pieces take). Everything is sealed with the
// vault's real keys: only the stream itself is wrong.
Bytes sealPieces(const Sealing& seal, SecretSpan payload, const std::vector<Piece>& pieces,
                 std::uint64_t announced = 0)
{
    std::uint64_t total = 0;
    for (const Piece& piece : pieces)
        total += piece.length + ChunkLayout::overheadBytes;
    VaultHeader header;
    header.kdf = seal.kdf;
    header.ciphertextLength = announced != 0 ? announced : total;
    auto stream = check(SecretStream::push(seal.keys.streamKey(),
                                           std::span<std::uint8_t, 24>(header.nonce), *g_arena),
                        "stream");
    const auto prefix = header.serialize();
    header.keyCheck =
        check(seal.keys.keyCheck(std::span(prefix).first(VaultHeader::keyCheckOffset)), "check");
    const auto headerBytes = header.serialize();
    Bytes file(headerBytes.begin(), headerBytes.end());
    for (const Piece& piece : pieces) {
        const std::size_t at = file.size();
        file.resize(at + piece.length + ChunkLayout::overheadBytes);
        check(stream.encrypt(payload.sub(piece.offset, piece.length), headerBytes, piece.tag,
                             std::span(file).subspan(at)),
              "encrypt");
    }
    return file;
}

// A payload of a little over two chunks: meta and one entry with a 131,172-byte attachment.
SecretBuffer chunkedPayload()
{
    RecordWriter writer(*g_arena, 140 * 1024);
    writeMeta(writer);
    const EntryId data = EntryId::random();
    writeEntry(writer, EntryId::random(), "Three chunks",
               [&](RecordWriter& w) { writeAttachment(w, "big.bin", data); });
    std::vector<std::uint8_t> pattern(2 * ChunkLayout::plainBytes + 100);
    for (std::size_t i = 0; i < pattern.size(); ++i)
        pattern[i] = static_cast<std::uint8_t>(i * 7 + (i >> 8));
    SecretBuffer big = bytesIn(pattern);
    const std::size_t mark = writer.begin(tags::attachmentData);
    writer.addId(tags::dataId, data.bytes());
    writer.add(tags::dataBytes, big.span());
    writer.end(mark);
    return check(writer.finish(), "chunked payload");
}

void writeChunkVectors(const char* pw)
{
    const Sealing seal = sealing(pw);
    const SecretBuffer payload = chunkedPayload();
    const ChunkLayout layout = ChunkLayout::forPayload(payload.size());
    if (layout.chunks != 3)
        die("chunked payload", Error{ErrorCode::InvalidArgument, "not three chunks"});
    std::vector<Piece> normal;
    for (std::uint64_t i = 0; i < layout.chunks; ++i)
        normal.push_back(
            {std::size_t(i * ChunkLayout::plainBytes), std::size_t(layout.plainBytesOf(i)),
             i + 1 == layout.chunks ? SecretStream::Tag::Final : SecretStream::Tag::Message});
    const Bytes valid = sealPieces(seal, payload.span(), normal);
    vector("valid-chunks.arcanum", valid, pw, "ok",
           "a payload of three chunks: two full, one of 100 + record bytes");
    std::ofstream(g_dir + "/valid-chunks.expected")
        << "# Expected content of valid-chunks.arcanum.\n"
           "identity\t"
        << hex(fullIdentity, sizeof fullIdentity)
        << "\ngroups\t0\nentries\t1\ntombstones\t0\nassociations\t0\nattachment-data\t1\n"
           "entry\ntitle\tThree chunks\nattachment-size\tbig.bin\t131172\n";

    const std::size_t c0 = VaultHeader::size, c1 = c0 + ChunkLayout::cipherBytes,
                      c2 = c1 + ChunkLayout::cipherBytes;
    vector("chunk-cut-at-boundary.arcanum", Bytes(valid.begin(), valid.begin() + long(c2)), pw,
           "file-truncated", "the file ends after chunk 2 of 3 (header unchanged)");
    vector("chunk-cut-inside.arcanum", Bytes(valid.begin(), valid.begin() + long(c1 + 1000)), pw,
           "file-truncated", "the file ends inside chunk 2 of 3");
    {
        Bytes swapped = valid;
        std::swap_ranges(swapped.begin() + long(c0), swapped.begin() + long(c1),
                         swapped.begin() + long(c1));
        vector("chunk-reordered.arcanum", swapped, pw, "file-damaged",
               "chunks 1 and 2 swapped (both full)");
    }
    {
        // Sealed with a header that announces four chunks; chunk 2's ciphertext then appears twice.
        Bytes duplicated = sealPieces(seal, payload.span(), normal,
                                      valid.size() - VaultHeader::size + ChunkLayout::cipherBytes);
        duplicated.insert(duplicated.begin() + long(c2), duplicated.begin() + long(c1),
                          duplicated.begin() + long(c2));
        vector("chunk-duplicated.arcanum", duplicated, pw, "file-damaged",
               "chunk 2 appears twice (the header announces four chunks)");
    }
    {
        // Sealed with a header that announces two chunks; chunk 2 is left out.
        Bytes dropped = sealPieces(seal, payload.span(), normal,
                                   valid.size() - VaultHeader::size - ChunkLayout::cipherBytes);
        dropped.erase(dropped.begin() + long(c1), dropped.begin() + long(c2));
        vector("chunk-dropped.arcanum", dropped, pw, "file-damaged",
               "chunk 2 of 3 left out (the header announces two chunks)");
    }
    {
        Bytes flipped = valid;
        flipped[c1 + 5000] ^= 0x08;
        vector("chunk-flipped.arcanum", flipped, pw, "file-damaged", "bit flip in chunk 2 of 3");
    }
    {
        std::vector<Piece> pieces = normal;
        pieces.back().tag = SecretStream::Tag::Message;
        vector("chunk-final-missing.arcanum", sealPieces(seal, payload.span(), pieces), pw,
               "file-truncated", "no chunk is tagged final (the writer stopped before the end)");
    }
    {
        std::vector<Piece> pieces = normal;
        pieces[0].tag = SecretStream::Tag::Final;
        vector("chunk-final-early.arcanum", sealPieces(seal, payload.span(), pieces), pw,
               "file-damaged", "chunk 1 of 3 is tagged final");
    }
    {
        std::vector<Piece> pieces = normal;
        pieces[1].tag = SecretStream::Tag::Push;
        vector("chunk-tag-push.arcanum", sealPieces(seal, payload.span(), pieces), pw,
               "file-damaged", "chunk 2 of 3 is tagged push, which the format does not use");
    }
    {
        Bytes trailing = valid;
        trailing.insert(trailing.end(), {'j', 'u', 'n', 'k'});
        vector("chunk-trailing-bytes.arcanum", trailing, pw, "file-damaged",
               "4 bytes after the final chunk");
    }
    {
        // Two saves of one vault (same password and salt): the first's header, the second's
        // chunks.
        const Bytes again = sealPieces(seal, payload.span(), normal);
        Bytes spliced(valid.begin(), valid.begin() + long(VaultHeader::size));
        spliced.insert(spliced.end(), again.begin() + long(VaultHeader::size), again.end());
        vector("chunk-spliced.arcanum", spliced, pw, "file-damaged",
               "the header of one save with the chunks of another save of the same vault");
    }
    {
        // A header announcing a last chunk of 10 bytes: less than its 17 bytes of overhead.
        Bytes impossible = edited(valid, 88, 2 * ChunkLayout::cipherBytes + 10, 8);
        vector("chunk-impossible-length.arcanum", impossible, pw, "file-damaged",
               "a ciphertext length whose last chunk would be 10 bytes, checksum valid");
    }
}

void writeHeaderVectors(const Bytes& full, const char* pw)
{
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
           "one byte of the final chunk's MAC missing");

    auto flipped = [&](std::size_t offset, std::uint8_t mask) {
        Bytes bytes = full;
        bytes[offset] ^= mask;
        return bytes;
    };
    vector("flipped-salt.arcanum", flipped(40, 0x04), pw, "file-damaged", "bit flip in the salt");
    vector("flipped-memory.arcanum", flipped(17, 0x01), pw, "file-damaged",
           "bit flip in the Argon2 memory");
    vector("flipped-stream-header.arcanum", flipped(70, 0x40), pw, "file-damaged",
           "bit flip in the secretstream header");
    vector("flipped-key-check.arcanum", flipped(100, 0x80), pw, "file-damaged",
           "bit flip in the key check");
    vector("flipped-checksum.arcanum", flipped(130, 0x02), pw, "file-damaged",
           "bit flip in the header checksum");
    vector("flipped-ciphertext.arcanum", flipped(200, 0x10), pw, "file-damaged",
           "bit flip in the ciphertext");
    vector("flipped-tag.arcanum", flipped(full.size() - 1, 0x01), pw, "file-damaged",
           "bit flip in the final chunk's MAC");
    vector("flipped-magic.arcanum", flipped(3, 0x20), pw, "not-an-arcanum-file",
           "bit flip in the magic");

    vector("version-3.arcanum", edited(full, 8, 3, 2), pw, "unsupported-version",
           "format version 3");
    vector("version-0.arcanum", edited(full, 8, 0, 2), pw, "unsupported-version",
           "format version 0");
    vector("version-1-aead-2.arcanum", edited(full, 8, 1, 2), pw, "unsupported-version",
           "format version 1 with the AEAD id of version 2, checksum valid");
    vector("unknown-flags.arcanum", edited(full, 10, 1, 2), pw, "unsupported-version",
           "feature flag 1 set, checksum valid");
    vector("unknown-kdf.arcanum", edited(full, 12, 2, 1), pw, "unsupported-version",
           "KDF id 2, checksum valid");
    vector("unknown-aead.arcanum", edited(full, 13, 7, 1), pw, "unsupported-version",
           "AEAD id 7, checksum valid");
    vector("aead-1-in-version-2.arcanum", edited(full, 13, 1, 1), pw, "unsupported-version",
           "version 2 with the AEAD id of version 1, checksum valid");
    vector("absurd-memory.arcanum", edited(full, 16, 0xFFFFFFFF, 4), pw, "file-damaged",
           "Argon2 memory 4 TiB, checksum valid");
    vector("absurd-iterations.arcanum", edited(full, 20, 0, 4), pw, "file-damaged",
           "Argon2 iterations 0, checksum valid");
    vector("absurd-lanes.arcanum", edited(full, 24, 100000, 4), pw, "file-damaged",
           "Argon2 lanes 100000, checksum valid");
    vector("absurd-length.arcanum", edited(full, 88, 1ull << 40, 8), pw, "file-damaged",
           "ciphertext length 2^40, checksum valid");
    vector("length-past-end.arcanum", edited(full, 88, full.size() - 144 + 100, 8), pw,
           "file-truncated",
           "ciphertext length 100 bytes more than the file holds (a possible layout), checksum "
           "valid");
    {
        Bytes trailing = full;
        trailing.insert(trailing.end(), {'j', 'u', 'n', 'k'});
        vector("trailing-bytes.arcanum", trailing, pw, "file-damaged", "4 bytes after the end");
    }
    // FORMAT.md §7: within the format's bounds, beyond the limits; refused before Argon2.
    {
        Bytes costly = full;
        put(costly, 16, 1024 * 1024, 4); // 1 GiB
        put(costly, 20, 1000, 4);        // 1,000 passes
        recomputeChecksum(costly);
        vector("kdf-limit-work.arcanum", costly, pw, "kdf-limit-exceeded",
               "Argon2 1 GiB x 1000 passes (1000 GiB-passes), checksum valid");
        Bytes justOver = full;
        put(justOver, 16, 67109, 4); // KiB
        put(justOver, 20, 1000, 4);
        recomputeChecksum(justOver);
        vector("kdf-limit-work-just-over.arcanum", justOver, pw, "kdf-limit-exceeded",
               "Argon2 67,109 KiB x 1000 passes: 67,109,000 KiB-passes, just over the limit of "
               "67,108,864");
    }
    const std::string textFile = "This is a text file, not a vault.\n";
    vector("not-arcanum-text.arcanum", Bytes(textFile.begin(), textFile.end()), pw,
           "not-an-arcanum-file", "a text file");
    vector("not-arcanum-png.arcanum",
           {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'}, pw,
           "not-an-arcanum-file", "a PNG signature (same first byte as ours)");
}

void writeVersion1LimitVectors()
{
    // The frozen version-1 file with costs beyond the limits: refused before Argon2 as well.
    const char* pw = "correct horse battery staple";
    const Bytes v1 = readBytes(g_dir + "/v1/valid-full.arcanum");
    Bytes costly = v1;
    put(costly, 16, 1024 * 1024, 4);
    put(costly, 20, 1000, 4);
    recomputeChecksum(costly);
    vector("v1-kdf-limit-work.arcanum", costly, pw, "kdf-limit-exceeded",
           "version 1 (v1/valid-full) with Argon2 1 GiB x 1000 passes, checksum valid");
}

void writePayloadVectors(const char* pw)
{
    const EntryId id = EntryId::random();
    const EntryId data = EntryId::random();
    const Bytes key = associationKey(0);
    using W = RecordWriter;
    struct Case
    {
        const char* name;
        const char* expect;
        const char* description;
        std::function<void(W&)> build;
    };
    const std::uint8_t zeroIdentity[16] = {};
    const std::vector<Case> cases = {
        {"payload-no-meta.arcanum", "file-damaged", "payload does not start with meta",
         [&](W& w) {
             writeEntry(w, id, "x");
         }},
        {"payload-meta-twice.arcanum", "file-damaged", "two meta records",
         [&](W& w) {
             writeMeta(w);
             writeMeta(w);
         }},
        {"payload-no-identity.arcanum", "file-damaged", "meta without a vault identity",
         [&](W& w) {
             writeMeta(w, 0);
         }},
        {"payload-identity-twice.arcanum", "file-damaged", "meta with two vault identities",
         [&](W& w) {
             writeMeta(w, 2);
         }},
        {"payload-identity-zero.arcanum", "file-damaged", "a vault identity of 16 zero bytes",
         [&](W& w) {
             writeMeta(w, 1, zeroIdentity);
         }},
        {"payload-unknown-tag.arcanum", "unsupported-version", "top-level tag 0x07 (not ignorable)",
         [&](W& w) {
             writeMeta(w);
             w.add(0x07, text("?").span());
         }},
        {"payload-unknown-entry-tag.arcanum", "unsupported-version",
         "entry field tag 0x07 (not ignorable)",
         [&](W& w) {
             writeMeta(w);
             writeEntry(w, id, "x", [&](W& e) { e.add(0x07, text("?").span()); });
         }},
        {"payload-overrun.arcanum", "file-damaged", "record length past the end",
         [&](W& w) {
             writeMeta(w);
             w.appendRaw(text("\x03\xFF\xFF\xFF\x7F").span()); // an entry of ~256 MiB
         }},
        {"payload-length-not-minimal.arcanum", "file-damaged",
         "a record length written as 80 00 (0 in two bytes)",
         [&](W& w) {
             writeMeta(w);
             w.appendRaw(SecretSpan(reinterpret_cast<const std::uint8_t*>("\x90\x80\x00"), 3));
         }},
        {"payload-length-5-bytes.arcanum", "file-damaged",
         "a record length of five bytes (2^28 or more)",
         [&](W& w) {
             writeMeta(w);
             w.appendRaw(text("\x90\x80\x80\x80\x80\x01").span());
         }},
        {"payload-duplicate-id.arcanum", "file-damaged", "two entries with one id",
         [&](W& w) {
             writeMeta(w);
             writeEntry(w, id, "one");
             writeEntry(w, id, "two");
         }},
        {"payload-entry-without-id.arcanum", "file-damaged", "entry without id",
         [&](W& w) {
             writeMeta(w);
             const std::size_t mark = w.begin(tags::entry);
             w.add(tags::title, text("no id").span());
             w.end(mark);
         }},
        {"payload-short-id.arcanum", "file-damaged", "entry id of 5 bytes",
         [&](W& w) {
             writeMeta(w);
             const std::size_t mark = w.begin(tags::entry);
             w.add(tags::entryId, text("short").span());
             w.end(mark);
         }},
        {"payload-time-8-bytes.arcanum", "file-damaged",
         "an entry's modified time in 8 bytes (version 1's size)",
         [&](W& w) {
             writeMeta(w);
             writeEntry(w, id, "x",
                        [&](W& e) { e.add(tags::entryModified, text("12345678").span()); });
         }},
        {"payload-expires-twice.arcanum", "file-damaged", "an entry with two expiry times",
         [&](W& w) {
             writeMeta(w);
             writeEntry(w, id, "x", [&](W& e) {
                 e.addTime(tags::entryExpires, 1);
                 e.addTime(tags::entryExpires, 2);
             });
         }},
        {"payload-flags-2-bytes.arcanum", "file-damaged", "autofill flags of 2 bytes",
         [&](W& w) {
             writeMeta(w);
             writeEntry(w, id, "x",
                        [&](W& e) { e.add(tags::autofillFlags, text("\x01\x01").span()); });
         }},
        {"payload-association-short-key.arcanum", "file-damaged",
         "a browser association with a 31-byte key",
         [&](W& w) {
             writeMeta(w);
             writeAssociation(w, "Firefox", Bytes(key.begin(), key.end() - 1));
         }},
        {"payload-association-no-name.arcanum", "file-damaged",
         "a browser association without a name",
         [&](W& w) {
             writeMeta(w);
             const std::size_t mark = w.begin(tags::association);
             w.add(tags::associationKey, SecretSpan(key));
             w.end(mark);
         }},
        {"payload-association-same-name.arcanum", "file-damaged",
         "two browser associations with one name",
         [&](W& w) {
             writeMeta(w);
             writeAssociation(w, "Firefox", key);
             writeAssociation(w, "Firefox", associationKey(1));
         }},
        {"payload-attachment-missing-data.arcanum", "file-damaged",
         "an attachment whose data id names no attachment data",
         [&](W& w) {
             writeMeta(w);
             writeEntry(w, id, "x", [&](W& e) { writeAttachment(e, "a.txt", data); });
         }},
        {"payload-attachment-same-name.arcanum", "file-damaged",
         "two attachments of one entry with one name",
         [&](W& w) {
             writeMeta(w);
             writeEntry(w, id, "x", [&](W& e) {
                 writeAttachment(e, "a.txt", data);
                 writeAttachment(e, "a.txt", data);
             });
             writeAttachmentData(w, data, "bytes");
         }},
        {"payload-attachment-without-name.arcanum", "file-damaged", "an attachment without a name",
         [&](W& w) {
             writeMeta(w);
             writeEntry(w, id, "x", [&](W& e) {
                 const std::size_t mark = e.begin(tags::attachment);
                 e.addId(tags::attachmentDataId, data.bytes());
                 e.end(mark);
             });
             writeAttachmentData(w, data, "bytes");
         }},
        {"payload-attachment-data-same-id.arcanum", "file-damaged",
         "two attachment data records with one id",
         [&](W& w) {
             writeMeta(w);
             writeAttachmentData(w, data, "one");
             writeAttachmentData(w, data, "two");
         }},
        {"payload-site-twice.arcanum", "file-damaged",
         "two site access records of one entry for one site",
         [&](W& w) {
             writeMeta(w);
             writeEntry(w, id, "x", [&](W& e) {
                 writeSite(e, "https://example.com:443", 1);
                 writeSite(e, "https://example.com:443", 2);
             });
         }},
        {"payload-site-decision-3.arcanum", "file-damaged", "a site access decision of 3",
         [&](W& w) {
             writeMeta(w);
             writeEntry(w, id, "x", [&](W& e) { writeSite(e, "https://example.com:443", 3); });
         }},
        {"payload-site-in-history.arcanum", "file-damaged",
         "a history version with a site access record",
         [&](W& w) {
             writeMeta(w);
             writeEntry(w, id, "x", [&](W& e) {
                 const std::size_t history = e.begin(tags::history);
                 const std::size_t version = e.begin(tags::entry);
                 e.add(tags::title, text("older").span());
                 writeSite(e, "https://example.com:443", 1);
                 e.end(version);
                 e.end(history);
             });
         }},
        {"payload-empty.arcanum", "file-damaged", "empty payload",
         [](W&) {
         }},
    };
    for (const Case& c : cases)
        vector(c.name, sealPayload(pw, c.build), pw, c.expect, c.description);
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
    g_manifest << "# Format version 2 (and v1-* made from the frozen version-1 vectors in v1/).\n"
                  "# file\tpassword\texpected (ok or error name, docs/FORMAT.md §5)\twhat it is\n";

    const char* pw = "correct horse battery staple";
    const Bytes full = buildFullVault(pw);
    vector("valid-full.arcanum", full, pw, "ok",
           "every field and record kind, history sharing attachments, tombstone, associations, "
           "site access, records of a newer version");
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
            << "# Expected content of valid-empty.arcanum.\ngroups\t0\nentries\t0\ntombstones\t0\n"
               "associations\t0\nattachment-data\t0\n";
    }
    writeChunkVectors(pw);
    writeHeaderVectors(full, pw);
    writeVersion1LimitVectors();
    writePayloadVectors(pw);
    std::printf("wrote test vectors to %s\n", g_dir.c_str());
    return 0;
}
