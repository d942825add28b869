// KdbxVaultChecks: that a vault a KeePass fixture database was imported into holds exactly what
// make-fixtures.py put in (tests/data/kdbx), in the vault's own terms: groups, fields, custom
// fields with their protect flags, TOTP in the TOTP field, history (newest first) with its
// times, attachments, the browser association and the identity. Shared by TestKdbxVaultImporter
// (checked-in files), TestKdbxPeers (files the real tools make) and the CLI tests.
#pragma once

#include "KdbxFixtures.h"
#include "autofill/Base64.h"
#include "autofill/DatabaseHash.h"
#include "vault/VaultContents.h"

#include <algorithm>
#include <map>

namespace arcanum::test {

inline std::optional<EntryView> vaultEntry(const VaultContents& contents, SecretArena& arena,
                                           const char* title)
{
    const SecretBuffer wanted = secret(arena, title);
    const auto found = contents.findByTitle(wanted.span());
    if (found.size() != 1)
        return std::nullopt;
    return contents.entry(found.front());
}

// "Internet/Mail" for an entry in Mail inside Internet; "" for no group.
inline std::string vaultGroupPath(const VaultContents& contents, EntryId group)
{
    std::string path;
    while (!group.isNull()) {
        const auto index = contents.findGroup(group);
        if (!index)
            return "<dangling>";
        const GroupView view = contents.group(*index);
        path = spanText(view.name()) + (path.empty() ? "" : "/" + path);
        group = view.parent();
    }
    return path;
}

struct VaultCustomField
{
    std::string value;
    bool isProtected = false;
};

inline std::map<std::string, VaultCustomField> vaultCustomFields(const EntryView& entry)
{
    std::map<std::string, VaultCustomField> fields;
    entry.forEachCustomField([&](const EntryView::CustomField& field) {
        fields[spanText(field.name)] = {spanText(field.value), field.isProtected};
    });
    return fields;
}

inline std::string vaultAttachment(const VaultContents& contents, const EntryView& entry,
                                   const char* name)
{
    std::string data = "<missing>";
    entry.forEachAttachment([&](const EntryView::Attachment& attachment) {
        if (equals(attachment.name, name))
            data = spanText(contents.attachmentData(attachment.data));
    });
    return data;
}

inline std::string vaultTotpCode(SecretArena& arena, const EntryView& entry, std::uint64_t time)
{
    return totpCode(arena, TotpUri::parse(arena, entry.totp()), time);
}

// Everything of make-fixtures.py's CONTENT (or KEYED) in `contents`. `added`: the KeePassXC
// re-save's extra entry. `identity`: whether the root UUID and the association were taken.
inline void checkImportedVault(SecretArena& arena, const VaultContents& contents,
                               const std::string& content, const std::string& maker,
                               bool identity = true)
{
    if (content == "keyed") {
        QCOMPARE(contents.entryCount(), std::size_t(1));
        const auto keyed = vaultEntry(contents, arena, "Keyed entry");
        QVERIFY(keyed.has_value());
        QVERIFY(equals(keyed->username(), "keyed-user"));
        QVERIFY(equals(keyed->password(), "keyed-pass"));
        return;
    }
    const bool added = content == "full+added";
    QCOMPARE(contents.entryCount(), std::size_t(added ? 5 : 4));
    QVERIFY(!vaultEntry(contents, arena, "Old account").has_value());
    if (identity) {
        QCOMPARE(autofill::DatabaseHash::hex(contents.identity()),
                 std::string("4a02c686618d5b9facc890652a7497bb"));
        QCOMPARE(contents.associationCount(), std::size_t(1));
        const AssociationView association = contents.association(0);
        QVERIFY(equals(association.name(), "laptop"));
        QCOMPARE(autofill::Base64::encode(association.key().bytes()),
                 std::string("x3Iq8nuOH2ujexIhr3Zb0TS3Gqp7fl9z8hwmRdbSzFY="));
    }

    const auto github = vaultEntry(contents, arena, "GitHub");
    QVERIFY(github.has_value());
    QCOMPARE(github->id().toString(), std::string("a9aadacc-6401-5077-bbd6-36d75e978143"));
    QCOMPARE(vaultGroupPath(contents, github->group()), std::string("Internet"));
    QVERIFY(equals(github->username(), "octo@example.com"));
    QVERIFY(equals(github->password(), "gh-Pa55w0rd!"));
    QVERIFY(equals(github->url(), "https://github.com/login"));
    QVERIFY(equals(github->notes(), "Two-factor on.\nBackup codes in the safe."));
    std::vector<std::string> tags;
    github->forEachTag([&](SecretSpan tag) { tags.push_back(spanText(tag)); });
    QCOMPARE(tags, (std::vector<std::string>{"dev", "work"}));
    auto fields = vaultCustomFields(*github);
    QCOMPARE(fields.size(), std::size_t(2)); // otp went to the TOTP field
    QCOMPARE(fields["Recovery email"].value, std::string("backup@example.com"));
    QVERIFY(!fields["Recovery email"].isProtected);
    QCOMPARE(fields["PIN"].value, std::string("4321"));
    QVERIFY(fields["PIN"].isProtected);
    QVERIFY(equals(github->totp(), "otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXP&period=30"
                                   "&digits=6&issuer=GitHub"));
    QCOMPARE(github->created(), std::int64_t(1580637600) * 1000);
    QCOMPARE(github->modified(), std::int64_t(1614769200) * 1000);
    QCOMPARE(github->expires(), std::optional<std::int64_t>(std::int64_t(1893456000) * 1000));
    QCOMPARE(github->historyCount(), std::size_t(2));
    // KeePass lists history oldest first, the vault newest first.
    QVERIFY(equals(github->historyVersion(0)->password(), "old-pass-2"));
    QVERIFY(equals(github->historyVersion(1)->password(), "old-pass-1"));
    QVERIFY(equals(github->historyVersion(0)->title(), "GitHub"));
    QCOMPARE(vaultAttachment(contents, *github, "recovery-codes.txt"),
             std::string("code-1\ncode-2\n"));

    const auto webmail = vaultEntry(contents, arena, "Webmail");
    QVERIFY(webmail.has_value());
    QCOMPARE(vaultGroupPath(contents, webmail->group()), std::string("Internet/Mail"));
    QVERIFY(equals(webmail->password(), "m@il-\xd1\x81\xd0\xb5\xd0\xba\xd1\x80\xd0\xb5\xd1\x82-"
                                        "\xe5\xaf\x86\xe7\xa0\x81"));
    QVERIFY(equals(webmail->url(), "https://mail.example.org"));
    // "TOTP Seed" + "TOTP Settings" became an otpauth URI: RFC 6238's 8-digit SHA-1 code at 59.
    QCOMPARE(vaultTotpCode(arena, *webmail, 59), std::string("94287082"));
    QVERIFY(vaultCustomFields(*webmail).empty());

    const auto steam = vaultEntry(contents, arena, "Steam");
    QVERIFY(steam.has_value());
    QVERIFY(steam->group().isNull());
    QCOMPARE(vaultTotpCode(arena, *steam, 1511200518), std::string("FR8RV"));

    const auto bank = vaultEntry(contents, arena, "Bank <&> \"quoted\"");
    QVERIFY(bank.has_value());
    QCOMPARE(vaultGroupPath(contents, bank->group()), std::string("Banking"));
    QVERIFY(equals(bank->password(), "<&>\"' pass"));
    QVERIFY(equals(bank->notes(), maker == "keepassxc" ? "line one\nline two\ttabbed"
                                                       : "line one\r\nline two\ttabbed"));
    std::string allBytes;
    for (int i = 0; i < 256; ++i)
        allBytes.push_back(static_cast<char>(i));
    QCOMPARE(vaultAttachment(contents, *bank, "statement.bin"), allBytes);
    QVERIFY(!bank->expires().has_value());

    if (added) {
        const auto extra = vaultEntry(contents, arena, "Added by KeePassXC");
        QVERIFY(extra.has_value());
        QVERIFY(equals(extra->username(), "added-user"));
        QVERIFY(equals(extra->password(), "added-pass"));
        QVERIFY(equals(extra->url(), "https://added.example"));
    }
}

// Every field of one entry version as text (test data only), for whole-vault comparisons.
inline std::string describeVersion(const VaultContents& contents, const EntryView& entry)
{
    std::string out = "group=" + vaultGroupPath(contents, entry.group()) +
                      " created=" + std::to_string(entry.created()) +
                      " modified=" + std::to_string(entry.modified()) +
                      " expires=" + (entry.expires() ? std::to_string(*entry.expires()) : "-") +
                      " flags=" + std::to_string(entry.autofillFlags());
    for (EntryField field : {EntryField::Title, EntryField::Username, EntryField::Password,
                             EntryField::Notes, EntryField::Totp})
        out += std::string(" ") + EntryView::fieldName(field) + "=[" +
               spanText(entry.field(field)) + "]";
    entry.forEachUrl([&](SecretSpan url) { out += " url=[" + spanText(url) + "]"; });
    entry.forEachTag([&](SecretSpan tag) { out += " tag=[" + spanText(tag) + "]"; });
    entry.forEachCustomField([&](const EntryView::CustomField& field) {
        out += " field" + std::string(field.isProtected ? "*" : "") + "=[" + spanText(field.name) +
               "=" + spanText(field.value) + "]";
    });
    entry.forEachAttachment([&](const EntryView::Attachment& attachment) {
        out += " attachment=[" + spanText(attachment.name) + "=" +
               spanText(contents.attachmentData(attachment.data)) + "]";
    });
    return out;
}

// The whole vault as sorted text: identity, associations, groups by path, every entry with its
// id and every history version. Two vaults with the same description hold the same data.
inline std::vector<std::string> describeVault(const VaultContents& contents)
{
    std::vector<std::string> lines;
    lines.push_back("identity " + autofill::DatabaseHash::hex(contents.identity()));
    for (std::size_t i = 0; i < contents.associationCount(); ++i)
        lines.push_back("association " + spanText(contents.association(i).name()) + " " +
                        autofill::Base64::encode(contents.association(i).key().bytes()));
    for (std::size_t i = 0; i < contents.groupCount(); ++i)
        lines.push_back("group " + contents.group(i).id().toString() + " " +
                        vaultGroupPath(contents, contents.group(i).id()));
    for (std::size_t i = 0; i < contents.entryCount(); ++i) {
        const EntryView entry = contents.entry(i);
        std::string line =
            "entry " + entry.id().toString() + " " + describeVersion(contents, entry);
        entry.forEachHistory([&](const EntryView& version) {
            line += "\n    history " + describeVersion(contents, version);
        });
        lines.push_back(line);
    }
    std::sort(lines.begin(), lines.end());
    return lines;
}

} // namespace arcanum::test
