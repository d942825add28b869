// Tests for VaultMemoryBudget and what it promises about Vault: a vault that opens under a
// memory-lock limit can be edited and saved under it (the save seals chunk by chunk and compacts
// in place, so it maps nothing), a vault that cannot is refused at open with the number of
// entries that would fit, and compaction keeps a long session's memory flat. The limit is the
// arena's simulated one here; TestArcanumCli::bigVaultUnderTheRealMemoryLockLimit runs the CLI
// under the kernel's real 8 MiB limit.
#include "TestSupport.h"
#include "vault/Vault.h"
#include "vault/VaultMemoryBudget.h"

#include <QRegularExpression>

using namespace arcanum;
using namespace arcanum::test;

namespace {

const Argon2Params fastKdf()
{
    return Argon2Params::withRandomSalt(256, 1, 2);
}

// Entry `i`'s notes: `bytes` bytes that say which entry they belong to.
std::string notesFor(std::size_t i, std::size_t bytes)
{
    std::string notes = "notes of entry " + std::to_string(i) + " ";
    while (notes.size() < bytes)
        notes += static_cast<char>('a' + (notes.size() + i) % 26);
    notes.resize(bytes);
    return notes;
}

std::string titleFor(std::size_t i)
{
    return "Entry " + std::to_string(i);
}

} // namespace

class TestVaultMemoryBudget : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_input;
    QTemporaryDir m_dir;
    SecretBuffer m_password;

    std::string path(const char* name) const { return (m_dir.path() + "/" + name).toStdString(); }

    // A vault of `entries` entries with `notesBytes` of notes each, saved without a limit.
    void build(const std::string& file, std::size_t entries, std::size_t notesBytes)
    {
        auto vault = Vault::create(file, m_password.span(), fastKdf());
        ARCANUM_VERIFY_OK(vault);
        SecretArena& arena = (*vault)->arena();
        for (std::size_t i = 0; i < entries; ++i) {
            EntryDraft draft(arena);
            ARCANUM_VERIFY_OK(
                draft.set(EntryField::Title, secret(arena, titleFor(i).c_str()).span()));
            ARCANUM_VERIFY_OK(draft.set(EntryField::Password, secret(arena, "pw-1").span()));
            ARCANUM_VERIFY_OK(
                draft.set(EntryField::Notes, secret(arena, notesFor(i, notesBytes).c_str()).span()));
            ARCANUM_VERIFY_OK((*vault)->contents().addEntry(draft));
        }
        ARCANUM_VERIFY_OK((*vault)->save());
    }

    // Changes entry `index`'s password to `password` (its old version goes to the history).
    void edit(Vault& vault, std::size_t index, const char* password)
    {
        VaultContents& contents = vault.contents();
        auto draft = EntryDraft::fromEntry(contents.entry(index), vault.arena());
        ARCANUM_VERIFY_OK(draft);
        ARCANUM_VERIFY_OK(draft->set(EntryField::Password, secret(vault.arena(), password).span()));
        ARCANUM_VERIFY_OK(contents.updateEntry(contents.entry(index).id(), *draft));
    }

    // Every entry is there with its title and notes; entry `edited` has `password`.
    void verify(const VaultContents& contents, std::size_t entries, std::size_t notesBytes,
                std::size_t edited, const char* password)
    {
        QCOMPARE(contents.entryCount(), entries);
        for (std::size_t i = 0; i < entries; ++i) {
            const EntryView entry = contents.entry(i);
            QVERIFY(equals(entry.title(), titleFor(i).c_str()));
            QVERIFY(equals(entry.notes(), notesFor(i, notesBytes).c_str()));
            QVERIFY(equals(entry.password(), i == edited ? password : "pw-1"));
        }
    }

private slots:
    void initTestCase()
    {
        m_input = makeArena();
        QVERIFY(m_dir.isValid());
        m_password = secret(*m_input, "budget password");
    }

    void arenaBytesAndEntriesThatFitAgree()
    {
        const std::size_t page = 4096;
        QCOMPARE(VaultMemoryBudget::arenaBytes(0) % page, std::size_t(0));
        QVERIFY(VaultMemoryBudget::arenaBytes(0) >=
                VaultMemoryBudget::saveBytes + VaultMemoryBudget::editBytes);
        for (std::size_t limit : {std::size_t(200) * 1024, std::size_t(8) << 20,
                                  std::size_t(64) << 20, std::size_t(8) << 20 | 1234}) {
            const std::size_t payload = VaultMemoryBudget::largestPayload(limit);
            QVERIFY(VaultMemoryBudget::arenaBytes(payload) <= limit);
            QVERIFY(VaultMemoryBudget::arenaBytes(payload + 1) > limit);
            const std::size_t entries = VaultMemoryBudget::entriesThatFit(limit);
            QVERIFY(VaultMemoryBudget::emptyPayloadBytes +
                        entries * VaultMemoryBudget::typicalEntryBytes <=
                    payload);
        }
        // 8 MiB: the target of 20,000 typical entries, with room to spare.
        QVERIFY(VaultMemoryBudget::entriesThatFit(std::size_t(8) << 20) > 35'000);
        QCOMPARE(VaultMemoryBudget::entriesThatFit(64 * 1024), std::size_t(0));
    }

    // A vault whose payload is more than half the limit: a save that made a second copy of the
    // payload could not fit. Open, edit, save, reopen under the limit; the save maps nothing.
    void bigVaultOpensEditsAndSavesUnderTheLimit()
    {
        const std::string file = path("big.arcanum");
        const std::size_t entries = 1500, notes = 900; // ~1.45 MB of payload
        build(file, entries, notes);
        SecretArenaOptions options;
        options.simulateMemoryLockLimit = 2 * 1024 * 1024;
        {
            auto vault = Vault::open(file, m_password.span(), options);
            ARCANUM_VERIFY_OK(vault);
            QVERIFY((*vault)->contents().payloadBytes() * 2 > options.simulateMemoryLockLimit);
            const std::size_t mapped = (*vault)->arena().mappedBytes();
            QCOMPARE(mapped, VaultMemoryBudget::arenaBytes((*vault)->contents().payloadBytes()));
            edit(**vault, 700, "pw-2");
            ARCANUM_VERIFY_OK((*vault)->save());
            QCOMPARE((*vault)->arena().mappedBytes(), mapped); // the save mapped nothing
            QCOMPARE((*vault)->arena().regionCount(), std::size_t(1));
            QVERIFY(!(*vault)->contents().isModified());
            verify((*vault)->contents(), entries, notes, 700, "pw-2"); // after compaction
            edit(**vault, 701, "pw-3"); // and again, after the first save
            ARCANUM_VERIFY_OK((*vault)->save());
            QCOMPARE((*vault)->arena().mappedBytes(), mapped);
        }
        auto reopened = Vault::open(file, m_password.span(), options);
        ARCANUM_VERIFY_OK(reopened);
        QCOMPARE((*reopened)->contents().entry(701).historyCount(), std::size_t(1));
        QVERIFY(equals((*reopened)->contents().entry(701).password(), "pw-3"));
        QVERIFY(equals((*reopened)->contents().entry(700).password(), "pw-2"));
        QCOMPARE((*reopened)->contents().entryCount(), entries);
    }

    // The same vault under a limit it cannot fit: refused at open, before the KDF (a wrong
    // password gets the same answer), with the numbers, the entries that fit and what to do.
    void tooBigVaultIsRefusedAtOpenWithWhatFits()
    {
        const std::string file = path("toobig.arcanum");
        build(file, 1500, 900);
        SecretArenaOptions options;
        options.simulateMemoryLockLimit = 1024 * 1024;
        std::size_t neededKiB = 0;
        for (const char* typed : {"budget password", "wrong password"}) {
            SecretBuffer password = secret(*m_input, typed);
            auto vault = Vault::open(file, password.span(), options);
            QVERIFY(!vault);
            QCOMPARE(vault.error().code, ErrorCode::MemoryLockLimit);
            const QString message = QString::fromStdString(vault.error().message);
            const std::size_t fit = VaultMemoryBudget::entriesThatFit(1024 * 1024);
            QVERIFY(fit > 3000 && fit < 5000);
            const QString fitText = QString::number(fit / 1000) + "," +
                                    QString::number(fit % 1000).rightJustified(3, '0');
            QVERIFY2(message.contains("a vault of about " + fitText + " entries fits"),
                     qPrintable(message));
            for (const char* part : {"RLIMIT_MEMLOCK", "1024 KiB (1048576 bytes)", "ulimit -l",
                                     "limits.conf", "LimitMEMLOCK=", "Nothing was unlocked",
                                     "To open, edit and save"})
                QVERIFY2(message.contains(part), qPrintable(message));
            const QRegularExpressionMatch needs =
                QRegularExpression("needs (\\d+) KiB").match(message);
            QVERIFY2(needs.hasMatch(), qPrintable(message));
            neededKiB = needs.captured(1).toULong();
            QVERIFY(neededKiB * 1024 > options.simulateMemoryLockLimit);
        }
        // What it says is needed is exactly enough: a page less is refused.
        options.simulateMemoryLockLimit = neededKiB * 1024 - 4096;
        QVERIFY(!Vault::open(file, m_password.span(), options));
        options.simulateMemoryLockLimit = neededKiB * 1024;
        auto vault = Vault::open(file, m_password.span(), options);
        ARCANUM_VERIFY_OK(vault);
        edit(**vault, 3, "pw-4");
        ARCANUM_VERIFY_OK((*vault)->save());
    }

    // Rounds of changing half the entries and saving, then changing them back and saving:
    // compaction moves the changed records into the payload buffer (over the space of the ones
    // they replaced) and frees their own buffers, so once the content is back to its old size
    // the arena holds exactly what it held after the open.
    void compactionKeepsMemoryFlatAcrossSaves()
    {
        const std::string file = path("rounds.arcanum");
        const std::size_t entries = 200, notes = 300;
        build(file, entries, notes);
        auto vault = Vault::open(file, m_password.span());
        ARCANUM_VERIFY_OK(vault);
        VaultContents& contents = (*vault)->contents();
        SecretArena& arena = (*vault)->arena();
        const std::size_t usedAfterOpen = arena.usedBytes();
        const std::size_t payload = contents.payloadBytes();
        SecretBuffer site = secret(*m_input, "https://example.com:443");
        for (int round = 0; round < 4; ++round) {
            for (std::size_t i = 0; i < entries; i += 2)
                ARCANUM_VERIFY_OK(
                    contents.setSiteAccess(contents.entry(i).id(), site.span(), SiteDecision::Allow));
            ARCANUM_VERIFY_OK((*vault)->save());
            QVERIFY(contents.payloadBytes() > payload);
            for (std::size_t i = 0; i < entries; i += 2)
                ARCANUM_VERIFY_OK(contents.removeSiteAccess(contents.entry(i).id(), site.span()));
            QVERIFY(arena.usedBytes() > usedAfterOpen); // 100 records in their own buffers
            ARCANUM_VERIFY_OK((*vault)->save());
            QCOMPARE(contents.payloadBytes(), payload);
            QCOMPARE(arena.usedBytes(), usedAfterOpen);
        }
        verify(contents, entries, notes, entries, "");
        vault->reset();
        auto reopened = Vault::open(file, m_password.span());
        ARCANUM_VERIFY_OK(reopened);
        verify((*reopened)->contents(), entries, notes, entries, "");
        QVERIFY(!(*reopened)->contents().entry(0).siteAccess(site.span()));
    }

    // Records added and deleted around a save: compaction keeps every survivor, wherever it
    // lived, and the file written before compaction reopens to the same contents.
    void compactionAfterAddsAndDeletes()
    {
        const std::string file = path("mixed.arcanum");
        build(file, 50, 100);
        auto vault = Vault::open(file, m_password.span());
        ARCANUM_VERIFY_OK(vault);
        VaultContents& contents = (*vault)->contents();
        SecretArena& arena = (*vault)->arena();
        std::vector<EntryId> removed;
        for (std::size_t i = 0; i < 10; ++i)
            removed.push_back(contents.entry(i * 2).id());
        for (const EntryId& id : removed)
            ARCANUM_VERIFY_OK(contents.removeEntry(id));
        for (std::size_t i = 50; i < 70; ++i) {
            EntryDraft draft(arena);
            ARCANUM_VERIFY_OK(
                draft.set(EntryField::Title, secret(arena, titleFor(i).c_str()).span()));
            ARCANUM_VERIFY_OK(draft.set(EntryField::Password, secret(arena, "pw-1").span()));
            ARCANUM_VERIFY_OK(
                draft.set(EntryField::Notes, secret(arena, notesFor(i, 100).c_str()).span()));
            ARCANUM_VERIFY_OK(contents.addEntry(draft));
        }
        ARCANUM_VERIFY_OK(contents.addGroup(secret(arena, "Added").span()));
        ARCANUM_VERIFY_OK((*vault)->save());
        const auto check = [&](const VaultContents& c) {
            QCOMPARE(c.entryCount(), std::size_t(60));
            QCOMPARE(c.groupCount(), std::size_t(1));
            QCOMPARE(c.tombstoneCount(), std::size_t(10));
            for (std::size_t i = 0; i < c.entryCount(); ++i) {
                const std::size_t number = i < 40 ? (i < 10 ? i * 2 + 1 : i + 10) : i + 10;
                QVERIFY2(equals(c.entry(i).title(), titleFor(number).c_str()),
                         qPrintable(QString::number(i)));
                QVERIFY(equals(c.entry(i).notes(), notesFor(number, 100).c_str()));
            }
        };
        check(contents);
        ARCANUM_VERIFY_OK((*vault)->save()); // saving the compacted contents again
        vault->reset();
        auto reopened = Vault::open(file, m_password.span());
        ARCANUM_VERIFY_OK(reopened);
        check((*reopened)->contents());
    }
};

QTEST_GUILESS_MAIN(TestVaultMemoryBudget)
#include "TestVaultMemoryBudget.moc"
