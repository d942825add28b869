// Test support: a real vault for the dialog tests — created through VaultSession::create in a
// temporary folder with a tiny Argon2 cost and left unlocked — and helpers to add groups and
// entries, to read the file back with Vault::open, and to replace the file behind the session's
// back. Header-only. Test strings are literals (test data, not user secrets).
#pragma once

#include "TestSupport.h"
#include "crypto/Argon2Params.h"
#include "session/VaultSession.h"
#include "vault/EntryDraft.h"
#include "vault/Vault.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

namespace arcanum::test {

class TestVault
{
public:
    static constexpr const char* masterPassword = "correct horse battery staple";

    TestVault() : m_passwordArena(makeArena()) {}

    // A new vault, created and unlocked; null (with a warning) when that failed.
    [[nodiscard]] static std::unique_ptr<TestVault> created()
    {
        auto vault = std::make_unique<TestVault>();
        return vault->create() ? std::move(vault) : nullptr;
    }

    // Creates and unlocks the vault; false (with a warning) when that failed.
    [[nodiscard]] bool create()
    {
        if (!m_dir.isValid())
            return false;
        m_path = m_dir.filePath(QStringLiteral("test.arcanum"));
        QSignalSpy unlocked(&m_session, &VaultSession::unlocked);
        QSignalSpy failed(&m_session, &VaultSession::unlockFailed);
        m_session.create(m_path, test::secret(*m_passwordArena, masterPassword),
                         Argon2Params::withRandomSalt(256, 1, 1));
        if (!unlocked.wait(20000)) {
            if (!failed.isEmpty())
                qWarning("create failed: %s", qPrintable(failed.at(0).at(1).toString()));
            return false;
        }
        return m_session.isUnlocked();
    }

    [[nodiscard]] VaultSession& session() { return m_session; }
    [[nodiscard]] Vault& vault() { return *m_session.vault(); }
    [[nodiscard]] SecretArena& arena() { return vault().arena(); }
    [[nodiscard]] VaultContents& contents() { return vault().contents(); }
    [[nodiscard]] const QString& path() const { return m_path; }
    [[nodiscard]] QString folder() const { return m_dir.path(); }

    // A copy of `text` in the vault's arena.
    [[nodiscard]] SecretBuffer secret(const char* text) { return test::secret(arena(), text); }

    // Adds a group and saves; qFatal on failure.
    EntryId addGroup(const char* name, const EntryId& parent = {})
    {
        const SecretBuffer buffer = secret(name);
        auto id = contents().addGroup(buffer.span(), parent);
        if (!id)
            qFatal("addGroup: %s", id.error().message.c_str());
        commit();
        return id.value();
    }

    // Adds an entry (title, user name, password, URLs) and saves; qFatal on failure.
    EntryId addEntry(const char* title, const char* username, const char* password,
                     std::initializer_list<const char*> urls = {}, const EntryId& group = {})
    {
        EntryDraft draft(arena());
        check(draft.set(EntryField::Title, secret(title).span()));
        check(draft.set(EntryField::Username, secret(username).span()));
        check(draft.set(EntryField::Password, secret(password).span()));
        for (const char* url : urls)
            check(draft.addUrl(secret(url).span()));
        draft.setGroup(group);
        auto id = contents().addEntry(draft);
        if (!id)
            qFatal("addEntry: %s", id.error().message.c_str());
        commit();
        return id.value();
    }

    void commit() { check(m_session.commitChanges()); }

    // The vault as it is on disk, opened with its own arena.
    [[nodiscard]] std::unique_ptr<Vault> reopen()
    {
        const SecretBuffer buffer = test::secret(*m_passwordArena, masterPassword);
        auto vault = Vault::open(m_path.toStdString(), buffer.span());
        if (!vault)
            qFatal("reopen: %s", vault.error().message.c_str());
        return std::move(vault.value());
    }

    [[nodiscard]] QByteArray fileBytes() const
    {
        QFile file(m_path);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(m_path));
        return file.readAll();
    }

    void writeFile(const QByteArray& bytes) const
    {
        QFile file(m_path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(m_path));
    }

private:
    static void check(const Result<void>& result)
    {
        if (!result)
            qFatal("%s", result.error().message.c_str());
    }

    QTemporaryDir m_dir;
    std::unique_ptr<SecretArena> m_passwordArena;
    VaultSession m_session;
    QString m_path;
};

} // namespace arcanum::test
