// KdbxFixtures: the KeePass databases of tests/data/kdbx (made by keepassxc-cli and pykeepass,
// see make-fixtures.py there), their manifest, and the checks that a KdbxDatabase read from one
// holds exactly what the script put in. Shared by TestKdbxReader (the checked-in files) and
// TestKdbxPeers (files the real tools make at test time).
#pragma once

#include "TestSupport.h"
#include "kdbx/KdbxReader.h"
#include "kdbx/KdbxWriter.h"
#include "totp/Totp.h"
#include "totp/TotpLegacy.h"
#include "totp/TotpUri.h"

#include <QFile>
#include <QtTest>
#include <optional>
#include <string>
#include <vector>

namespace arcanum::test {

inline const char* kdbxFixtureDir()
{
    return ARCANUM_TEST_DATA_DIR "/kdbx";
}

struct KdbxFixture
{
    std::string file;
    std::optional<std::string> password; // none: the database has no password component
    std::string keyFile;                 // empty: none
    std::string content;                 // "full", "full+added" or "keyed"
    std::string version;                 // "3.1", "4.0", "4.1"
    std::string cipher;                  // KdbxHeader::cipherName
    std::string kdf;                     // "AES-KDF", "Argon2d", "Argon2id"
    std::string maker;                   // "keepassxc" or "pykeepass"
};

inline std::vector<KdbxFixture> readKdbxManifest(const QString& directory)
{
    std::vector<KdbxFixture> fixtures;
    QFile manifest(directory + "/fixtures.tsv");
    if (!manifest.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(manifest.fileName()));
    while (!manifest.atEnd()) {
        const QByteArray line = manifest.readLine().trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> columns = line.split('\t');
        if (columns.size() != 8)
            qFatal("bad manifest line: %s", line.constData());
        KdbxFixture fixture;
        fixture.file = columns[0].toStdString();
        if (columns[1] != "-")
            fixture.password = columns[1].toStdString();
        if (columns[2] != "-")
            fixture.keyFile = columns[2].toStdString();
        fixture.content = columns[3].toStdString();
        fixture.version = columns[4].toStdString();
        fixture.cipher = columns[5].toStdString();
        fixture.kdf = columns[6].toStdString();
        fixture.maker = columns[7].toStdString();
        fixtures.push_back(fixture);
    }
    return fixtures;
}

// The composite key of `fixture` (its password and key file, as the manifest says).
inline Result<KdbxKey> kdbxFixtureKey(SecretArena& arena, const QString& directory,
                                      const KdbxFixture& fixture,
                                      std::optional<KdbxKeyFile>& keyFile,
                                      std::optional<SecretBuffer>& password)
{
    KdbxKey::Parts parts;
    if (fixture.password) {
        password.emplace(secret(arena, fixture.password->c_str()));
        parts.password = password->span();
    }
    if (!fixture.keyFile.empty()) {
        auto read = KdbxKeyFile::read(arena, (directory + "/").toStdString() + fixture.keyFile);
        if (!read)
            return read.error();
        keyFile.emplace(std::move(read.value()));
        parts.keyFile = &*keyFile;
    }
    return KdbxKey::create(arena, parts);
}

inline Result<KdbxDatabase> readKdbxFixture(SecretArena& arena, const QString& directory,
                                            const KdbxFixture& fixture,
                                            const KdbxReadOptions& options = {})
{
    std::optional<KdbxKeyFile> keyFile;
    std::optional<SecretBuffer> password;
    auto key = kdbxFixtureKey(arena, directory, fixture, keyFile, password);
    if (!key)
        return key.error();
    auto file = KdbxReader::readFile((directory + "/").toStdString() + fixture.file);
    if (!file)
        return file.error();
    return KdbxReader::read(arena, *file, *key, options);
}

inline std::string spanText(SecretSpan span)
{
    return std::string(span.chars(), span.size());
}

inline const KdbxEntry* findKdbxEntry(const KdbxDatabase& database, const char* title)
{
    for (const KdbxEntry& entry : database.entries)
        if (equals(entry.title(), title))
            return &entry;
    return nullptr;
}

inline std::string kdbxGroupPath(const KdbxDatabase& database, std::uint32_t group)
{
    std::string path;
    for (std::optional<std::uint32_t> at = group; at && database.groups[*at].parent;
         at = database.groups[*at].parent)
        path = spanText(database.groups[*at].name) + (path.empty() ? "" : "/" + path);
    return path;
}

inline std::string kdbxAttachment(const KdbxDatabase& database, const KdbxEntry& entry,
                                  const char* name)
{
    for (const KdbxAttachment& attachment : entry.attachments)
        if (equals(attachment.name, name))
            return spanText(database.binaries.at(attachment.binary).data);
    return "<missing>";
}

inline std::string totpCode(SecretArena& arena, const Result<TotpParameters>& parameters,
                            std::uint64_t time)
{
    if (!parameters)
        return "<" + parameters.error().message + ">";
    auto code = Totp::code(arena, parameters.value(), time);
    return code ? spanText(code->span()) : "<" + code.error().message + ">";
}

// The header, as the manifest says it should be.
inline void checkKdbxFormat(const KdbxDatabase& database, const KdbxFixture& fixture)
{
    const KdbxHeader& header = database.header;
    const std::string version =
        std::to_string(header.version >> 16) + "." + std::to_string(header.version & 0xffff);
    QCOMPARE(version, fixture.version);
    QCOMPARE(std::string(KdbxHeader::cipherName(header.cipher)), fixture.cipher);
    const char* kdf = header.kdf.algorithm == KdbxKdfParameters::Algorithm::AesKdf    ? "AES-KDF"
                      : header.kdf.algorithm == KdbxKdfParameters::Algorithm::Argon2d ? "Argon2d"
                                                                                      : "Argon2id";
    QCOMPARE(std::string(kdf), fixture.kdf);
}

// Everything make-fixtures.py's CONTENT (or KEYED) put in, field by field.
inline void checkKdbxContent(SecretArena& arena, const KdbxDatabase& database,
                             const KdbxFixture& fixture)
{
    QVERIFY(database.hasRoot());
    if (fixture.content == "keyed") {
        QCOMPARE(database.entries.size(), std::size_t(1));
        QVERIFY(equals(database.entries[0].title(), "Keyed entry"));
        QVERIFY(equals(database.entries[0].userName(), "keyed-user"));
        QVERIFY(equals(database.entries[0].password(), "keyed-pass"));
        return;
    }
    const bool added = fixture.content == "full+added";
    QCOMPARE(database.entries.size(), std::size_t(added ? 5 : 4));
    QVERIFY(equals(database.groups[0].name, "Fixture"));
    QCOMPARE(database.rootUuid().toString(), std::string("4a02c686-618d-5b9f-acc8-90652a7497bb"));
    QCOMPARE(database.skipped.recycleBinEntries, std::size_t(1));
    QCOMPARE(database.skipped.recycleBinGroups, std::size_t(1));
    QVERIFY(findKdbxEntry(database, "Old account") == nullptr);
    QVERIFY(equals(database.name, "Fixture database"));

    int associations = 0;
    database.forEachBrowserAssociation([&](SecretSpan name, SecretSpan value) {
        ++associations;
        QVERIFY(equals(name, "laptop"));
        QVERIFY(equals(value, "x3Iq8nuOH2ujexIhr3Zb0TS3Gqp7fl9z8hwmRdbSzFY="));
    });
    QCOMPARE(associations, 1);

    const KdbxEntry* github = findKdbxEntry(database, "GitHub");
    QVERIFY(github != nullptr);
    QCOMPARE(github->uuid.toString(), std::string("a9aadacc-6401-5077-bbd6-36d75e978143"));
    QCOMPARE(kdbxGroupPath(database, github->group), std::string("Internet"));
    QVERIFY(equals(github->userName(), "octo@example.com"));
    QVERIFY(equals(github->password(), "gh-Pa55w0rd!"));
    QVERIFY(equals(github->url(), "https://github.com/login"));
    QVERIFY(equals(github->notes(), "Two-factor on.\nBackup codes in the safe."));
    std::vector<std::string> tags;
    github->forEachTag([&](SecretSpan tag) { tags.push_back(spanText(tag)); });
    QCOMPARE(tags, (std::vector<std::string>{"dev", "work"}));
    const KdbxString* recovery = github->findString("Recovery email");
    const KdbxString* pin = github->findString("PIN");
    const KdbxString* otp = github->findString(KdbxEntry::otpKey);
    QVERIFY(recovery && pin && otp);
    QVERIFY(equals(recovery->value, "backup@example.com"));
    QVERIFY(!recovery->isProtected);
    QVERIFY(equals(pin->value, "4321"));
    QVERIFY(pin->isProtected);
    QVERIFY(otp->isProtected);
    const KdbxString* password = github->findString(KdbxEntry::passwordKey);
    QVERIFY(password && password->isProtected);
    QCOMPARE(github->times.created, std::int64_t(1580637600));
    QCOMPARE(github->times.modified, std::int64_t(1614769200));
    QVERIFY(github->times.expires);
    QCOMPARE(github->times.expiry, std::int64_t(1893456000));
    QCOMPARE(github->history.size(), std::size_t(2));
    QVERIFY(equals(github->history[0].password(), "old-pass-1"));
    QVERIFY(equals(github->history[1].password(), "old-pass-2"));
    QVERIFY(equals(github->history[1].title(), "GitHub"));
    QCOMPARE(github->history[0].uuid, github->uuid);
    QCOMPARE(kdbxAttachment(database, *github, "recovery-codes.txt"),
             std::string("code-1\ncode-2\n"));
    // JBSWY3DPEHPK3PXP is "Hello!\xde\xad\xbe\xef"; a 6-digit SHA-1 code, whatever the time.
    auto githubTotp = TotpUri::parse(arena, otp->value);
    QVERIFY(githubTotp.ok());
    QCOMPARE(githubTotp->digits, 6u);
    QCOMPARE(totpCode(arena, githubTotp, 0).size(), std::size_t(6));

    const KdbxEntry* webmail = findKdbxEntry(database, "Webmail");
    QVERIFY(webmail != nullptr);
    QCOMPARE(kdbxGroupPath(database, webmail->group), std::string("Internet/Mail"));
    QVERIFY(equals(webmail->password(), "m@il-\xd1\x81\xd0\xb5\xd0\xba\xd1\x80\xd0\xb5\xd1\x82-"
                                        "\xe5\xaf\x86\xe7\xa0\x81"));
    // The seed is Base32 of RFC 6238's SHA-1 secret: at t = 59 the 8-digit code is 94287082.
    auto legacy = TotpLegacy::parse(arena, webmail->string(KdbxEntry::totpSeedKey),
                                    webmail->string(KdbxEntry::totpSettingsKey));
    QCOMPARE(totpCode(arena, legacy, 59), std::string("94287082"));

    const KdbxEntry* steam = findKdbxEntry(database, "Steam");
    QVERIFY(steam != nullptr);
    QVERIFY(steam->group == 0);
    auto steamTotp = TotpUri::parse(arena, steam->string(KdbxEntry::otpKey));
    QCOMPARE(totpCode(arena, steamTotp, 1511200518), std::string("FR8RV"));

    const KdbxEntry* bank = findKdbxEntry(database, "Bank <&> \"quoted\"");
    QVERIFY(bank != nullptr);
    QCOMPARE(kdbxGroupPath(database, bank->group), std::string("Banking"));
    QVERIFY(equals(bank->password(), "<&>\"' pass"));
    // KeePassXC's XML import turns CRLF into LF; pykeepass keeps it.
    QVERIFY(equals(bank->notes(), fixture.maker == "keepassxc" ? "line one\nline two\ttabbed"
                                                               : "line one\r\nline two\ttabbed"));
    std::string allBytes;
    for (int i = 0; i < 256; ++i)
        allBytes.push_back(static_cast<char>(i));
    QCOMPARE(kdbxAttachment(database, *bank, "statement.bin"), allBytes);

    if (added) {
        const KdbxEntry* extra = findKdbxEntry(database, "Added by KeePassXC");
        QVERIFY(extra != nullptr);
        QVERIFY(equals(extra->userName(), "added-user"));
        QVERIFY(equals(extra->password(), "added-pass"));
        QVERIFY(equals(extra->url(), "https://added.example"));
    }
}

} // namespace arcanum::test

namespace arcanum::test {

// Writing with the cheapest Argon2id the limits allow, so tests do not wait for the KDF.
inline KdbxWriteOptions
cheapKdbxWriteOptions(KdbxHeader::Cipher cipher = KdbxHeader::Cipher::ChaCha20)
{
    KdbxWriteOptions options;
    options.cipher = cipher;
    options.kdf =
        KdbxKdfParameters::argon2(KdbxKdfParameters::Algorithm::Argon2id, 64 * 1024, 1, 1);
    return options;
}

// Strings a test builds a database from, kept alive (in `arena`) as long as the holder.
class KdbxSampleBuilder
{
public:
    explicit KdbxSampleBuilder(SecretArena& arena) : m_arena(arena) {}

    SecretSpan text(const char* value) { return keep(secret(m_arena, value)); }
    SecretSpan bytes(const QByteArray& value) { return keep(secret(m_arena, value)); }

    // Root "Sample" > "Internet" > "Mail", and "Trash" (the recycle bin); an entry with every
    // kind of field, a history version and an attachment; one in Mail; one in the bin.
    KdbxDatabase build()
    {
        KdbxDatabase database(m_arena);
        database.name = text("Sample database");
        const std::uint32_t root = database.addGroup(std::nullopt, text("Sample"));
        const std::uint32_t internet = database.addGroup(root, text("Internet"));
        const std::uint32_t mail = database.addGroup(internet, text("Mail"));
        const std::uint32_t trash = database.addGroup(root, text("Trash"));
        database.groups[internet].notes = text("Web logins");
        database.recycleBin = database.groups[trash].uuid;
        database.recycleBinEnabled = true;
        database.customData.push_back({text("KPXC_BROWSER_desktop"), text("c2FtcGxlIGtleQ==")});
        database.binaries.push_back({bytes(QByteArray("attachment\x00\x01\x02 bytes", 19)), true});

        KdbxEntry& forum = database.entries[database.addEntry(internet)];
        forum.strings = {
            {text("Title"), text("Forum"), false},
            {text("UserName"), text("forum-user"), false},
            {text("Password"), text("forum <pass> & \"more\""), true},
            {text("URL"), text("https://forum.example"), false},
            {text("Notes"), text("Line 1\r\nLine 2\n\ttabbed"), false},
            {text("Security answer"), text("Blue"), true},
            {text("Member id"), text("12345"), false},
            {text("otp"), text("otpauth://totp/Forum:me?secret=JBSWY3DPEHPK3PXP"), true},
            {text("Control"),
             text("bell\x07"
                  "char"),
             false}};
        forum.tags = text("social;forum");
        forum.times.created = 1500000000;
        forum.times.modified = 1600000000;
        forum.times.expires = true;
        forum.times.expiry = 1900000000;
        forum.attachments.push_back({text("notes.bin"), 0});
        forum.customData.push_back({text("KPXC_BROWSER_HIDE"), text("true")});
        KdbxEntry older;
        older.uuid = forum.uuid;
        older.group = internet;
        older.strings = {{text("Title"), text("Forum"), false},
                         {text("Password"), text("older forum pass"), true}};
        older.times.modified = 1550000000;
        forum.history.push_back(std::move(older));

        KdbxEntry& webmail = database.entries[database.addEntry(mail)];
        webmail.strings = {{text("Title"), text("Webmail \xe2\x9c\x89"), false},
                           {text("Password"), text("p\xc3\xa4ss\xe2\x82\xac"), true}};
        KdbxEntry& binned = database.entries[database.addEntry(trash)];
        binned.strings = {{text("Title"), text("Binned"), false},
                          {text("Password"), text("binned pass"), true}};
        return database;
    }

private:
    SecretSpan keep(SecretBuffer buffer)
    {
        m_kept.push_back(std::move(buffer));
        return m_kept.back().span();
    }

    SecretArena& m_arena;
    std::vector<SecretBuffer> m_kept;
};

} // namespace arcanum::test
