// Canary scan for core/generator: a generated password or passphrase must exist only in the
// arena it was generated into - no copy on the heap, in a stack frame the generator left behind,
// or anywhere else outside secret memory (DESIGN.md §2).
//
// The canaries are the generated secrets themselves, handed to the CanarySet as SecretSpans
// (arena to arena). One test plants a copy on purpose to show the scan would see a leak.
#include "TestSupport.h"
#include "canary/CanaryScanner.h"
#include "generator/PassphraseGenerator.h"
#include "generator/PasswordGenerator.h"

#include <QtTest>
#include <cstring>
#include <memory>
#include <sodium.h>
#include <vector>

using namespace arcanum;

class TestGeneratorCanaries : public QObject
{
    Q_OBJECT

    // Passwords and passphrases over several option sets, all kept alive in `arena`.
    static std::vector<GeneratedSecret> generateSome(SecretArena& arena)
    {
        std::vector<GeneratedSecret> secrets;
        PasswordOptions longNoLookAlikes;
        longNoLookAlikes.length = 64;
        longNoLookAlikes.excludeLookAlikes = true;
        PassphraseOptions withEverything;
        withEverything.wordCount = 8;
        withEverything.separator = ' ';
        withEverything.capitalize = true;
        withEverything.appendDigit = true;
        for (const PasswordOptions& options : {PasswordOptions{}, longNoLookAlikes}) {
            auto password = PasswordGenerator::generate(arena, options);
            if (!password)
                qFatal("generate: %s", password.error().message.c_str());
            secrets.push_back(std::move(password.value()));
        }
        for (const PassphraseOptions& options : {PassphraseOptions{}, withEverything}) {
            auto passphrase = PassphraseGenerator::generate(arena, options);
            if (!passphrase)
                qFatal("generate: %s", passphrase.error().message.c_str());
            secrets.push_back(std::move(passphrase.value()));
        }
        return secrets;
    }

    static CanarySet canariesFor(const std::vector<GeneratedSecret>& secrets)
    {
        auto set = CanarySet::create();
        if (!set)
            qFatal("canary set: %s", set.error().message.c_str());
        for (std::size_t i = 0; i < secrets.size(); ++i)
            if (!set->add("generated " + std::to_string(i), secrets[i].secret.span()))
                qFatal("canary set: cannot add");
        return std::move(set.value());
    }

private slots:
    void generatedSecretsLiveOnlyInTheArena_data()
    {
        QTest::addColumn<bool>("fallback");
        QTest::newRow("secret memory (or fallback if the kernel lacks it)") << false;
        QTest::newRow("LockedMemory fallback") << true;
    }
    void generatedSecretsLiveOnlyInTheArena()
    {
        QFETCH(bool, fallback);
        SecretArenaOptions options;
        if (fallback)
            options.simulateMemfdSecretErrno = ENOSYS;
        const auto arena = test::makeArena(options);
        const std::vector<GeneratedSecret> secrets = generateSome(*arena);
        const CanarySet set = canariesFor(secrets);
        // The forked copy includes the dead stack below this frame, where the generators ran.
        const auto forked = CanaryScanner::scanForkedCopy(set);
        QVERIFY2(forked.ok(), forked.ok() ? "" : forked.error().message.c_str());
        QVERIFY2(forked->clean(), forked->summary().c_str());
        // In LockedMemory fallback the generator's arena is ordinary readable memory: skip it.
        const auto self = CanaryScanner::scanSelf(set, arena->regions());
        QVERIFY2(self.ok(), self.ok() ? "" : self.error().message.c_str());
        QVERIFY2(self->clean(), self->summary().c_str());
    }

    void aPlantedCopyIsFound()
    {
        const auto arena = test::makeArena();
        const std::vector<GeneratedSecret> secrets = generateSome(*arena);
        const CanarySet set = canariesFor(secrets);
        const SecretSpan password = secrets.front().secret.span();
        auto* leak = static_cast<char*>(std::malloc(password.size()));
        std::memcpy(leak, password.data(), password.size());
        const auto forked = CanaryScanner::scanForkedCopy(set);
        sodium_memzero(leak, password.size());
        std::free(leak);
        QVERIFY2(forked.ok(), forked.ok() ? "" : forked.error().message.c_str());
        QVERIFY2(forked->hitCount() >= 1, forked->summary().c_str());
    }
};

QTEST_GUILESS_MAIN(TestGeneratorCanaries)
#include "TestGeneratorCanaries.moc"
