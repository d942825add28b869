// Canary scan for core/kdbx: after a KeePass database is read — decrypted, inflated by zlib,
// parsed by expat, every value decoded into the pool — no copy of any imported title, user name,
// password, protected field or note exists anywhere in the process outside secret memory; the
// same after importing one into a vault, saving (serializing) it and exporting it again as
// KDBX 4 (KdbxVaultImporter, KdbxVaultExporter). Checked for our own KDBX 4 files and for files
// pykeepass writes (KDBX 3.1 Twofish + Salsa20, KDBX 4 AES-256 + Argon2d), in secret memory and
// in the LockedMemory fallback. A planted copy shows the scan would see a leak.
//
// The canaries are random letters generated straight into an arena. pykeepass gets them through a
// pipe written with write(2) from the arena (its own copies live in its own process).
#include "KdbxFixtures.h"
#include "TestSupport.h"
#include "canary/CanaryScanner.h"
#include "crypto/Random.h"
#include "kdbx/KdbxReader.h"
#include "kdbx/KdbxVaultExporter.h"
#include "kdbx/KdbxVaultImporter.h"
#include "kdbx/KdbxWriter.h"
#include "vault/VaultContents.h"

#include <QtTest>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <sodium.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace arcanum;
using namespace arcanum::test;

extern char** environ;

namespace {

constexpr std::size_t canaryLength = 24;

// Makes KDBX files with pykeepass from a checked-in fixture, adding one entry whose fields are
// the lines read from stdin: title, user name, password, notes, protected field.
constexpr char pykeepassScript[] = R"(
import sys
from pykeepass import PyKeePass
template, out, cipher = sys.argv[1:4]
title, user, password, notes, hidden = sys.stdin.read().split("\n")[:5]
kp = PyKeePass(template, password="fixture password")
e = kp.add_entry(kp.root_group, title, user, password, notes=notes)
e._set_string_field("Hidden", hidden)
e._element.xpath("String[Key='Hidden']/Value")[0].set("Protected", "True")
kp.kdbx.header.value.dynamic_header.cipher_id.data = cipher
kp.kdbx.header.pop("data", None)
for h in kp._xpath("/KeePassFile/Meta/HeaderHash"):
    h.getparent().remove(h)
kp.save(out)
)";

} // namespace

class TestKdbxCanaryScan : public QObject
{
    Q_OBJECT

    struct Canaries
    {
        std::vector<SecretBuffer> values; // title, user name, password, notes, protected field
        static constexpr const char* labels[] = {"title", "user name", "password", "notes",
                                                 "protected field"};
    };

    static Canaries makeCanaries(SecretArena& arena)
    {
        Canaries canaries;
        for (std::size_t i = 0; i < 5; ++i) {
            auto buffer = arena.allocate(canaryLength);
            if (!buffer)
                qFatal("%s", buffer.error().message.c_str());
            Random::fill(buffer->bytes());
            for (std::uint8_t& byte : buffer->bytes())
                byte = static_cast<std::uint8_t>('a' + byte % 26); // in place, in the arena
            canaries.values.push_back(std::move(buffer.value()));
        }
        return canaries;
    }

    static CanarySet canarySet(const Canaries& canaries)
    {
        auto set = CanarySet::create();
        if (!set)
            qFatal("canary set: %s", set.error().message.c_str());
        for (std::size_t i = 0; i < canaries.values.size(); ++i)
            if (!set->add(Canaries::labels[i], canaries.values[i].span()))
                qFatal("canary set: cannot add");
        return std::move(set.value());
    }

    static void expectClean(const CanarySet& set, const SecretArena& arena)
    {
        // The forked copy includes the dead stack below this frame, where reading ran.
        const auto forked = CanaryScanner::scanForkedCopy(set);
        QVERIFY2(forked.ok(), forked.ok() ? "" : forked.error().message.c_str());
        QVERIFY2(forked->clean(), forked->summary().c_str());
        // In the LockedMemory fallback the arena is ordinary readable memory: leave it out.
        const auto self = CanaryScanner::scanSelf(set, arena.regions());
        QVERIFY2(self.ok(), self.ok() ? "" : self.error().message.c_str());
        QVERIFY2(self->clean(), self->summary().c_str());
    }

    // Compared in place: a std::string of a canary would itself be a copy the scan finds.
    static bool same(SecretSpan a, const SecretBuffer& b)
    {
        return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size()) == 0;
    }

    static void checkRead(const KdbxDatabase& database, const Canaries& canaries)
    {
        bool found = false;
        for (const KdbxEntry& entry : database.entries) {
            if (!same(entry.title(), canaries.values[0]))
                continue;
            found = true;
            QVERIFY(same(entry.userName(), canaries.values[1]));
            QVERIFY(same(entry.password(), canaries.values[2]));
            QVERIFY(same(entry.notes(), canaries.values[3]));
            QVERIFY(same(entry.string("Hidden"), canaries.values[4]));
        }
        QVERIFY(found);
    }

    // Our own file: the canaries go through KdbxWriter, then KdbxReader. Forty entries carry
    // them, each with 4 KiB of random filler, so the stream inflates in several calls and zlib's
    // window (and expat's buffer) really hold plaintext along the way.
    static std::vector<std::uint8_t> writeOwn(SecretArena& arena, const Canaries& canaries,
                                              SecretSpan password)
    {
        auto filler = arena.allocate(4096);
        if (!filler)
            qFatal("%s", filler.error().message.c_str());
        Random::fill(filler->bytes());
        for (std::uint8_t& byte : filler->bytes())
            byte = static_cast<std::uint8_t>('A' + byte % 26);
        auto name = [](const char* text) {
            return SecretSpan(reinterpret_cast<const std::uint8_t*>(text), std::strlen(text));
        };
        KdbxDatabase database(arena);
        const std::uint32_t root = database.addGroup(std::nullopt, {});
        for (int i = 0; i < 40; ++i) {
            KdbxEntry& entry = database.entries[database.addEntry(root)];
            entry.strings = {{name("Title"), canaries.values[0].span(), false},
                             {name("UserName"), canaries.values[1].span(), false},
                             {name("Password"), canaries.values[2].span(), true},
                             {name("Notes"), canaries.values[3].span(), false},
                             {name("Hidden"), canaries.values[4].span(), true},
                             {name("Filler"), filler->span(), false}};
        }
        auto key = KdbxKey::fromPassword(arena, password);
        auto file = KdbxWriter::write(arena, database, *key, cheapKdbxWriteOptions());
        if (!file)
            qFatal("%s", file.error().message.c_str());
        return std::move(file.value());
    }

    // pykeepass's file: the canaries reach python through a pipe, written from the arena.
    static std::vector<std::uint8_t> writeWithPykeepass(const Canaries& canaries,
                                                        const char* templateName,
                                                        const char* cipher, const QString& out)
    {
        int input[2];
        if (pipe2(input, O_CLOEXEC) != 0)
            qFatal("pipe2");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, input[0], 0);
        const std::string templatePath = std::string(kdbxFixtureDir()) + "/" + templateName;
        const std::string outPath = out.toStdString();
        const char* argv[] = {"/usr/bin/python3", "-c",   pykeepassScript, templatePath.c_str(),
                              outPath.c_str(),    cipher, nullptr};
        pid_t pid = 0;
        const int spawned =
            posix_spawn(&pid, argv[0], &actions, nullptr, const_cast<char**>(argv), environ);
        posix_spawn_file_actions_destroy(&actions);
        close(input[0]);
        if (spawned != 0)
            qFatal("cannot start python3");
        for (const SecretBuffer& value : canaries.values)
            if (write(input[1], value.data(), value.size()) != ssize_t(value.size()) ||
                write(input[1], "\n", 1) != 1)
                qFatal("write to python");
        close(input[1]);
        int status = 0;
        waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            qFatal("pykeepass failed");
        auto file = KdbxReader::readFile(outPath);
        if (!file)
            qFatal("%s", file.error().message.c_str());
        return std::move(file.value());
    }

    // What each import test starts from: an arena (secret memory, or the locked-memory
    // fallback), fresh canaries, and a KDBX file holding them, written by Arcanum ("own") or by
    // pykeepass ("kdbx31": KDBX 3.1 Twofish; "kdbx4": KDBX 4 AES-256 Argon2d).
    struct Material
    {
        std::unique_ptr<SecretArena> arena; // first: it outlives every buffer below
        QTemporaryDir directory;
        Canaries canaries;
        std::optional<CanarySet> set;
        SecretBuffer password;
        std::vector<std::uint8_t> file;
    };
    static std::unique_ptr<Material> prepare(const QString& source, bool fallback)
    {
        SecretArenaOptions options;
        if (fallback)
            options.simulateMemfdSecretErrno = ENOSYS;
        auto m = std::make_unique<Material>();
        m->arena = makeArena(options);
        m->canaries = makeCanaries(*m->arena);
        m->set.emplace(canarySet(m->canaries));
        const bool own = source == "own";
        m->password = secret(*m->arena, own ? "canary password" : "fixture password");
        if (own)
            m->file = writeOwn(*m->arena, m->canaries, m->password.span());
        else if (source == "kdbx31")
            m->file = writeWithPykeepass(m->canaries, "kdbx31-pykeepass-twofish.kdbx", "twofish",
                                         m->directory.filePath("canary.kdbx"));
        else
            m->file = writeWithPykeepass(m->canaries, "kdbx4-pykeepass-aes-argon2d.kdbx", "aes256",
                                         m->directory.filePath("canary.kdbx"));
        return m;
    }

private slots:
    void importedFieldsLiveOnlyInTheArena_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<bool>("fallback");
        for (const bool fallback : {false, true}) {
            const char* mode = fallback ? ", LockedMemory fallback" : "";
            QTest::newRow(qPrintable(QString("Arcanum KDBX 4 ChaCha20%1").arg(mode)))
                << "own" << fallback;
            QTest::newRow(qPrintable(QString("pykeepass KDBX 3.1 Twofish%1").arg(mode)))
                << "kdbx31" << fallback;
            QTest::newRow(qPrintable(QString("pykeepass KDBX 4 AES-256 Argon2d%1").arg(mode)))
                << "kdbx4" << fallback;
        }
    }
    void importedFieldsLiveOnlyInTheArena()
    {
        QFETCH(QString, source);
        QFETCH(bool, fallback);
        const auto m = prepare(source, fallback);
        {
            auto key = KdbxKey::fromPassword(*m->arena, m->password.span());
            auto database = KdbxReader::read(*m->arena, m->file, *key);
            ARCANUM_VERIFY_OK(database);
            checkRead(*database, m->canaries);
            expectClean(*m->set, *m->arena); // while the database is open
        }
        expectClean(*m->set, *m->arena); // and after it is gone
    }

    // The whole import and export path: the database read, mapped into vault records
    // (KdbxVaultImporter), the vault serialized as a save would, then exported again as KDBX 4
    // (KdbxVaultExporter: model, XML, gzip, encryption, the file) — and no copy outside.
    void importedIntoAVaultAndExported_data() { importedFieldsLiveOnlyInTheArena_data(); }
    void importedIntoAVaultAndExported()
    {
        QFETCH(QString, source);
        QFETCH(bool, fallback);
        const auto m = prepare(source, fallback);
        {
            auto key = KdbxKey::fromPassword(*m->arena, m->password.span());
            ARCANUM_VERIFY_OK(key);
            auto contents = VaultContents::createEmpty(*m->arena);
            ARCANUM_VERIFY_OK(contents);
            {
                auto database = KdbxVaultImporter::read(*m->arena, m->file, *key);
                ARCANUM_VERIFY_OK(database);
                auto report = KdbxVaultImporter::apply(*contents, *m->arena, *database);
                ARCANUM_VERIFY_OK(report);
            }
            bool found = false;
            for (std::size_t i = 0; i < contents->entryCount(); ++i) {
                const EntryView entry = contents->entry(i);
                if (!same(entry.title(), m->canaries.values[0]))
                    continue;
                found = true;
                QVERIFY(same(entry.username(), m->canaries.values[1]));
                QVERIFY(same(entry.password(), m->canaries.values[2]));
                QVERIFY(same(entry.notes(), m->canaries.values[3]));
                entry.forEachCustomField([&](const EntryView::CustomField& field) {
                    if (field.name.size() == 6 && std::memcmp(field.name.data(), "Hidden", 6) == 0)
                        QVERIFY(same(field.value, m->canaries.values[4]));
                });
            }
            QVERIFY(found);
            auto payload = contents->serialize(); // what Vault::save encrypts
            ARCANUM_VERIFY_OK(payload);
            expectClean(*m->set, *m->arena); // imported, the database gone
            auto exported = KdbxVaultExporter::exportFile(
                *contents, *m->arena, m->directory.filePath("export.kdbx").toStdString(), *key,
                cheapKdbxWriteOptions());
            ARCANUM_VERIFY_OK(exported);
            expectClean(*m->set, *m->arena); // and exported
        }
        expectClean(*m->set, *m->arena);
    }

    // TOTP secrets: an `otp` URI kept as it is and KeePassXC's older "TOTP Seed" (re-written as
    // an otpauth:// URI by TotpUri::format) — parsed, Base32-decoded and re-encoded on the way
    // into the vault and out again, and never outside the arena.
    void totpSecretsLiveOnlyInTheArena()
    {
        const auto arena = makeArena();
        // 32 Base32 letters (20 bytes, no padding): re-encoding gives the same text back.
        std::vector<SecretBuffer> secrets;
        for (int i = 0; i < 2; ++i) {
            auto buffer = arena->allocate(32);
            if (!buffer)
                qFatal("%s", buffer.error().message.c_str());
            Random::fill(buffer->bytes());
            for (std::uint8_t& byte : buffer->bytes())
                byte = static_cast<std::uint8_t>('A' + byte % 26);
            secrets.push_back(std::move(buffer.value()));
        }
        auto set = CanarySet::create();
        QVERIFY(set.ok());
        QVERIFY(set->add("otp secret", secrets[0].span()));
        QVERIFY(set->add("TOTP Seed", secrets[1].span()));
        auto text = [&](std::string_view value) {
            auto buffer = arena->copyOf(
                SecretSpan(reinterpret_cast<const std::uint8_t*>(value.data()), value.size()));
            if (!buffer)
                qFatal("%s", buffer.error().message.c_str());
            return std::move(buffer.value());
        };
        const SecretBuffer prefix = text("otpauth://totp/Site:me?secret=");
        auto uri = arena->allocate(prefix.size() + secrets[0].size());
        QVERIFY(uri.ok());
        std::memcpy(uri->data(), prefix.data(), prefix.size());
        std::memcpy(uri->data() + prefix.size(), secrets[0].data(), secrets[0].size());
        const SecretBuffer title = text("Title"), otp = text("otp"), seed = text("TOTP Seed"),
                           settings = text("TOTP Settings"), settingsValue = text("30;8"),
                           first = text("First"), second = text("Second");
        SecretBuffer password = secret(*arena, "totp password");
        QTemporaryDir directory;
        const std::string path = directory.filePath("totp.kdbx").toStdString();
        {
            KdbxDatabase database(*arena);
            const std::uint32_t root = database.addGroup(std::nullopt, {});
            database.entries[database.addEntry(root)].strings = {
                {title.span(), first.span(), false}, {otp.span(), uri->span(), true}};
            database.entries[database.addEntry(root)].strings = {
                {title.span(), second.span(), false},
                {seed.span(), secrets[1].span(), true},
                {settings.span(), settingsValue.span(), false}};
            auto key = KdbxKey::fromPassword(*arena, password.span());
            ARCANUM_VERIFY_OK(
                KdbxWriter::writeFile(*arena, path, database, *key, cheapKdbxWriteOptions()));
        }
        {
            auto key = KdbxKey::fromPassword(*arena, password.span());
            auto file = KdbxReader::readFile(path);
            ARCANUM_VERIFY_OK(file);
            auto contents = VaultContents::createEmpty(*arena);
            ARCANUM_VERIFY_OK(contents);
            {
                auto database = KdbxVaultImporter::read(*arena, *file, *key);
                ARCANUM_VERIFY_OK(database);
                auto report = KdbxVaultImporter::apply(*contents, *arena, *database);
                ARCANUM_VERIFY_OK(report);
                QCOMPARE(report->totp, std::size_t(2));
                QCOMPARE(report->legacyTotp, std::size_t(1));
            }
            // Both secrets are in the vault's TOTP fields (the seed inside a new URI).
            for (std::size_t i = 0; i < 2; ++i) {
                const SecretSpan totp = contents->entry(i).totp();
                bool found = false;
                for (std::size_t at = 0; at + 32 <= totp.size(); ++at)
                    for (const SecretBuffer& s : secrets)
                        found = found || std::memcmp(totp.data() + at, s.data(), 32) == 0;
                QVERIFY(found);
            }
            expectClean(*set, *arena);
            ARCANUM_VERIFY_OK(KdbxVaultExporter::exportFile(
                *contents, *arena, directory.filePath("totp-out.kdbx").toStdString(), *key,
                cheapKdbxWriteOptions()));
            expectClean(*set, *arena);
        }
        expectClean(*set, *arena);
    }

    void aPlantedCopyIsFound()
    {
        const auto arena = makeArena();
        const Canaries canaries = makeCanaries(*arena);
        const CanarySet set = canarySet(canaries);
        SecretBuffer password = secret(*arena, "canary password");
        const std::vector<std::uint8_t> file = writeOwn(*arena, canaries, password.span());
        auto key = KdbxKey::fromPassword(*arena, password.span());
        auto database = KdbxReader::read(*arena, file, *key);
        ARCANUM_VERIFY_OK(database);
        const KdbxEntry& entry = database->entries.at(0);
        auto* leak = static_cast<char*>(std::malloc(entry.password().size()));
        std::memcpy(leak, entry.password().data(), entry.password().size());
        const auto forked = CanaryScanner::scanForkedCopy(set);
        sodium_memzero(leak, entry.password().size());
        std::free(leak);
        QVERIFY2(forked.ok(), forked.ok() ? "" : forked.error().message.c_str());
        QVERIFY2(forked->hitCount() >= 1, forked->summary().c_str());
    }
};

QTEST_GUILESS_MAIN(TestKdbxCanaryScan)
#include "TestKdbxCanaryScan.moc"
