// Crash safety of Vault::save (DESIGN.md §4): a child saves in a loop and is killed with SIGKILL
// at a random moment, 100 times. After every kill the vault must open and hold either the last
// version the child reported as saved or the one it was saving.
#include "TestSupport.h"
#include "crypto/Random.h"
#include "vault/Vault.h"

#include <csignal>
#include <fcntl.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

using namespace arcanum;
using namespace arcanum::test;

namespace {

const char* const passwordText = "crash test password";

// Reads the version number from the entry title "version N".
long versionOf(const Vault& vault)
{
    const SecretSpan title = vault.contents().entry(0).title();
    return std::stol(std::string(title.chars() + 8, title.size() - 8));
}

// The child: opens, then forever bumps the version and saves, reporting each completed save
// on `reportFd` as one byte per save.
[[noreturn]] void saveForever(const std::string& path, int reportFd)
{
    auto input = SecretArena::create().value();
    SecretBuffer password = secret(*input, passwordText);
    auto vault = Vault::open(path, password.span());
    if (!vault)
        _exit(3);
    for (long version = versionOf(**vault) + 1;; ++version) {
        // Grow and shrink the file so truncated writes would show.
        const std::string title = "version " + std::to_string(version);
        auto draft =
            EntryDraft::fromEntry((*vault)->contents().entry(0), (*vault)->arena()).value();
        (void)draft.set(EntryField::Title, secret((*vault)->arena(), title.c_str()).span());
        auto notes = (*vault)->arena().allocate(std::size_t(version % 7) * 3000);
        (void)draft.set(EntryField::Notes, notes->span());
        if (!(*vault)->contents().updateEntry((*vault)->contents().entry(0).id(), draft))
            _exit(4);
        if (!(*vault)->save())
            _exit(5);
        const char done = 1;
        if (write(reportFd, &done, 1) != 1)
            _exit(6);
    }
}

} // namespace

class TestVaultCrashSafety : public QObject
{
    Q_OBJECT

private slots:
    void survivesSigkillDuringSave()
    {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/crash.arcanum";
        auto input = makeArena();
        SecretBuffer password = secret(*input, passwordText);
        {
            auto vault =
                Vault::create(path, password.span(), Argon2Params::withRandomSalt(64, 1, 1));
            ARCANUM_VERIFY_OK(vault);
            EntryDraft draft((*vault)->arena());
            ARCANUM_VERIFY_OK(
                draft.set(EntryField::Title, secret((*vault)->arena(), "version 0").span()));
            ARCANUM_VERIFY_OK((*vault)->contents().addEntry(draft));
            ARCANUM_VERIFY_OK((*vault)->save());
        }
        long confirmed = 0; // last version the child reported as saved
        int killedMidSave = 0;
        for (int round = 0; round < 100; ++round) {
            int report[2];
            QVERIFY(pipe2(report, O_CLOEXEC) == 0);
            const pid_t child = fork();
            if (child == 0) {
                close(report[0]);
                saveForever(path, report[1]);
            }
            close(report[1]);
            // Wait for one completed save, so every kill lands while saves are running, then
            // kill at a random point of the next one(s).
            char first = 0;
            const bool saving = read(report[0], &first, 1) == 1;
            usleep(Random::uniform(20000));
            kill(child, SIGKILL);
            int status = 0;
            waitpid(child, &status, 0);
            QVERIFY2(saving && WIFSIGNALED(status), "the saving child stopped on its own");
            char buffer[4096];
            ssize_t n;
            long saves = saving ? 1 : 0;
            while ((n = read(report[0], buffer, sizeof buffer)) > 0)
                saves += n;
            close(report[0]);

            auto vault = Vault::open(path, password.span());
            QVERIFY2(vault.ok(), ("round " + std::to_string(round) + ": " +
                                  (vault.ok() ? "" : errorText(vault.error())))
                                     .c_str());
            const long version = versionOf(**vault);
            const long lastSaved = confirmed + saves;
            QVERIFY2(version == lastSaved || version == lastSaved + 1,
                     ("round " + std::to_string(round) + ": version " + std::to_string(version) +
                      ", last confirmed " + std::to_string(lastSaved))
                         .c_str());
            killedMidSave += version == lastSaved + 1;
            confirmed = version;
        }
        qInfo("100 kills; %ld saves in all; %d kills landed after rename, before the report",
              confirmed, killedMidSave);
        QVERIFY(confirmed >= 100); // every child saved at least once before it was killed
    }
};

QTEST_GUILESS_MAIN(TestVaultCrashSafety)
#include "TestVaultCrashSafety.moc"
