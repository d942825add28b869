// Tests for DocumentPortal: which paths are documents in xdg-document-portal's mount, and where
// a vault's backup goes for them (the app's data folder, never beside the document, where the
// portal would keep it only as an invisible temp file); plus Vault::save using that place.
#include "TestSupport.h"
#include "format/AtomicFile.h"
#include "platform/DocumentPortal.h"
#include "vault/Vault.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace arcanum;
using namespace arcanum::test;

namespace {

// Sets an environment variable for one scope.
class ScopedEnv
{
public:
    ScopedEnv(const char* name, const QByteArray& value) : m_name(name), m_old(qgetenv(name))
    {
        m_had = qEnvironmentVariableIsSet(name);
        qputenv(name, value);
    }
    ~ScopedEnv()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }

private:
    const char* m_name;
    QByteArray m_old;
    bool m_had = false;
};

} // namespace

class TestDocumentPortal : public QObject
{
    Q_OBJECT

private slots:
    void containsOnlyDocumentsInTheMount_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("expected");
        QTest::newRow("document") << "/run/user/1000/doc/4f2a9c1e/vault.arcanum" << true;
        QTest::newRow("by-app view")
            << "/run/user/1000/doc/by-app/org.arcanum.Arcanum/4f2a/v" << true;
        QTest::newRow("elsewhere") << "/home/me/vault.arcanum" << false;
        QTest::newRow("the mount itself") << "/run/user/1000/doc" << false;
        QTest::newRow("a doc id folder") << "/run/user/1000/doc/4f2a9c1e/" << false;
        QTest::newRow("prefix of another folder") << "/run/user/1000/documents/x/v" << false;
        QTest::newRow("another user's mount") << "/run/user/1001/doc/4f2a9c1e/v" << false;
    }

    void containsOnlyDocumentsInTheMount()
    {
        QFETCH(QString, path);
        QFETCH(bool, expected);
        QCOMPARE(DocumentPortal::contains(path.toStdString(), "/run/user/1000/doc"), expected);
        QVERIFY(!DocumentPortal::contains(path.toStdString(), ""));
    }

    void backupGoesToTheDataFolderForDocuments()
    {
        const std::string mount = "/run/user/1000/doc";
        const std::string data = "/home/me/.var/app/org.arcanum.Arcanum/data";
        QCOMPARE(DocumentPortal::backupPath("/home/me/v.arcanum", mount, data),
                 std::string("/home/me/v.arcanum.bak"));
        QCOMPARE(DocumentPortal::backupPath(mount + "/4f2a9c1e/v.arcanum", mount, data),
                 data + "/arcanum/backups/4f2a9c1e-v.arcanum.bak");
        // Two documents with the same name stay apart.
        QVERIFY(DocumentPortal::backupPath(mount + "/aaaa/v.arcanum", mount, data) !=
                DocumentPortal::backupPath(mount + "/bbbb/v.arcanum", mount, data));
        // Without a data folder there is nowhere better than beside the file.
        QCOMPARE(DocumentPortal::backupPath(mount + "/4f2a9c1e/v.arcanum", mount, ""),
                 mount + "/4f2a9c1e/v.arcanum.bak");
    }

    void environmentDecidesAndTheFolderIsMade()
    {
        QTemporaryDir runtime;
        QTemporaryDir data;
        ScopedEnv runtimeDir("XDG_RUNTIME_DIR", runtime.path().toUtf8());
        ScopedEnv dataHome("XDG_DATA_HOME", data.filePath("share").toUtf8());
        QCOMPARE(DocumentPortal::mountPoint(), (runtime.path() + "/doc").toStdString());
        const std::string backup =
            DocumentPortal::backupPath((runtime.path() + "/doc/1234/v.arcanum").toStdString());
        QCOMPARE(backup, (data.path() + "/share/arcanum/backups/1234-v.arcanum.bak").toStdString());
        const QFileInfo folder(QString::fromStdString(backup).section('/', 0, -2));
        QVERIFY(folder.isDir());
        QCOMPARE(folder.permissions() & (QFile::ReadGroup | QFile::ReadOther),
                 QFile::Permissions());
    }

    void vaultInThePortalKeepsItsBackupInTheDataFolder()
    {
        // A plain folder stands in for the FUSE mount: where the backup goes depends on the path.
        QTemporaryDir runtime;
        QTemporaryDir data;
        ScopedEnv runtimeDir("XDG_RUNTIME_DIR", runtime.path().toUtf8());
        ScopedEnv dataHome("XDG_DATA_HOME", data.path().toUtf8());
        QVERIFY(QDir(runtime.path()).mkpath(QStringLiteral("doc/5e1d")));
        const std::string file = (runtime.path() + "/doc/5e1d/portal.arcanum").toStdString();

        auto input = makeArena();
        SecretBuffer password = secret(*input, "pw");
        auto vault = Vault::create(file, password.span(), Argon2Params::withRandomSalt(256, 1, 1));
        ARCANUM_VERIFY_OK(vault);
        const auto first = AtomicFile::readAll(file, 1 << 20).value();
        EntryDraft draft((*vault)->arena());
        ARCANUM_VERIFY_OK(draft.set(EntryField::Title, secret((*vault)->arena(), "one").span()));
        ARCANUM_VERIFY_OK((*vault)->contents().addEntry(draft));
        ARCANUM_VERIFY_OK((*vault)->save());

        QVERIFY(!QFile::exists(QString::fromStdString(file + ".bak")));
        QCOMPARE(QDir(runtime.path() + "/doc/5e1d").entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("portal.arcanum")});
        const std::string backup =
            data.path().toStdString() + "/arcanum/backups/5e1d-portal.arcanum.bak";
        QCOMPARE(Vault::backupPath(file), backup);
        QVERIFY(AtomicFile::readAll(backup, 1 << 20).value() == first);
    }
};

QTEST_GUILESS_MAIN(TestDocumentPortal)
#include "TestDocumentPortal.moc"
