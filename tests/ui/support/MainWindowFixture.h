// Test support: a MainWindow on a real vault of `entryCount` entries in a temporary folder (one
// "GitHub", the rest "Entry NN"; tiny Argon2 cost), with its own settings file, a fake lock
// signal source and a hibernation probe reading a file of the test's choosing. Header-only;
// shared by the main-window and lock tests.
#pragma once

#include "FakeLockSignalSource.h"
#include "TestSupport.h"
#include "secret/SecretLineEdit.h"
#include "session/VaultSession.h"
#include "settings/Settings.h"
#include "vault/EntryDraft.h"
#include "vault/Vault.h"
#include "window/MainWindow.h"
#include "window/UnlockPage.h"
#include "window/VaultPage.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>
#include <memory>
#include <string>

namespace arcanum::test {

inline const char* const masterPassword = "window test password";
inline constexpr int entryCount = 12;

// How many secret-memory mappings this process has.
inline int secretMappings()
{
    std::ifstream maps("/proc/self/maps");
    std::string line;
    int count = 0;
    while (std::getline(maps, line))
        count += line.find("/secretmem") != std::string::npos;
    return count;
}

// Writes a vault with `entryCount` entries (one "GitHub", the rest "Entry NN") and locks it.
inline void writeVault(const QString& path,
                       const Argon2Params& kdf = Argon2Params::withRandomSalt(256, 1, 1))
{
    auto arena = makeArena();
    auto vault = Vault::create(path.toStdString(), secret(*arena, masterPassword).span(), kdf);
    QVERIFY(vault.ok());
    for (int i = 0; i < entryCount; ++i) {
        EntryDraft draft((*vault)->arena());
        const std::string title = i == 0 ? "GitHub" : "Entry " + std::to_string(10 + i);
        QVERIFY(draft.set(EntryField::Title, secret((*vault)->arena(), title.c_str()).span()));
        QVERIFY(draft.set(EntryField::Username, secret((*vault)->arena(), "user").span()));
        const std::string password = "password-" + std::to_string(i);
        QVERIFY(
            draft.set(EntryField::Password, secret((*vault)->arena(), password.c_str()).span()));
        QVERIFY((*vault)->contents().addEntry(draft).ok());
    }
    QVERIFY((*vault)->save().ok());
}

struct MainWindowFixture
{
    QTemporaryDir dir;
    QString vaultPath;
    QString powerState;
    std::unique_ptr<Settings> settings;
    FakeLockSignalSource lockSource;
    std::unique_ptr<MainWindow> window;

    explicit MainWindowFixture(const char* powerStates = "freeze mem\n")
    {
        vaultPath = dir.filePath("window.arcanum");
        writeVault(vaultPath);
        powerState = dir.filePath("power-state");
        std::ofstream(powerState.toStdString()) << powerStates;
        settings = std::make_unique<Settings>(dir.filePath("settings.ini"));
        window = std::make_unique<MainWindow>(
            settings.get(), &lockSource,
            HibernationProbe(powerState, [] { return std::optional<QString>(); }));
        window->openVault(vaultPath);
    }

    [[nodiscard]] bool typeAndUnlock(const char* password)
    {
        SecretLineEdit* field = window->unlockPage()->passwordField();
        field->setFocus();
        QTest::keyClicks(field, QString::fromUtf8(password));
        QSignalSpy done(window->session(), &VaultSession::busyChanged);
        QTest::keyClick(field, Qt::Key_Return);
        return done.wait(20000) && (done.count() >= 2 || done.wait(20000));
    }
    [[nodiscard]] bool unlock()
    {
        return typeAndUnlock(masterPassword) && window->session()->isUnlocked();
    }
    VaultPage* page() { return window->vaultPage(); }
    EntryListModel* model() { return page()->entryModel(); }
};

} // namespace arcanum::test
