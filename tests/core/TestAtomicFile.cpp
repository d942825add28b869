// Tests for AtomicFile and the save path above it: a full disk, a read-only file system and a
// folder without write permission each give their specific error, and the vault on disk stays
// exactly as it was. Each case runs in a child with a private mount namespace and a small tmpfs.
#include "ChildProcess.h"
#include "TestSupport.h"
#include "format/AtomicFile.h"
#include "vault/Vault.h"

#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>

using namespace arcanum;
using namespace arcanum::test;

namespace {

// A private mount namespace for this (child) process; as non-root, inside a user namespace.
bool enterPrivateMounts()
{
    if (unshare(CLONE_NEWNS) != 0) {
        const uid_t uid = geteuid();
        const gid_t gid = getegid();
        if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
            return false;
        std::ofstream("/proc/self/setgroups") << "deny";
        std::ofstream("/proc/self/uid_map") << "0 " << uid << " 1";
        std::ofstream("/proc/self/gid_map") << "0 " << gid << " 1";
    }
    return mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
}

bool mountTmpfs(const std::string& where, const char* size)
{
    const std::string options = std::string("size=") + size + ",mode=0755";
    return mount("tmpfs", where.c_str(), "tmpfs", 0, options.c_str()) == 0;
}

std::vector<std::uint8_t> read(const std::string& path)
{
    auto bytes = AtomicFile::readAll(path, 1 << 30);
    return bytes ? *bytes : std::vector<std::uint8_t>{};
}

int countTemporaries(const std::string& dir)
{
    int count = 0;
    DIR* d = opendir(dir.c_str());
    while (dirent* e = d ? readdir(d) : nullptr)
        count += std::string(e->d_name).ends_with(".tmp");
    if (d)
        closedir(d);
    return count;
}

// Adds an entry whose notes are `bytes` long.
bool addBigEntry(Vault& vault, std::size_t bytes)
{
    EntryDraft draft(vault.arena());
    auto notes = vault.arena().allocate(bytes);
    if (!notes)
        return false;
    std::memset(notes->data(), 'n', bytes);
    return draft.set(EntryField::Notes, notes->span()).ok() &&
           vault.contents().addEntry(draft).ok();
}

const Argon2Params kdf = Argon2Params::withRandomSalt(256, 1, 1);

} // namespace

class TestAtomicFile : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void replaceWritesAndReplaces()
    {
        const std::string path = m_dir.path().toStdString() + "/file";
        const std::vector<std::uint8_t> one = {1, 2, 3}, two = {4, 5};
        ARCANUM_VERIFY_OK(AtomicFile::replace(path, one));
        QVERIFY(read(path) == one);
        ARCANUM_VERIFY_OK(AtomicFile::replace(path, two));
        QVERIFY(read(path) == two);
        struct stat info
        {};
        QCOMPARE(stat(path.c_str(), &info), 0);
        QCOMPARE(info.st_mode & 0777, mode_t(0600));
        QCOMPARE(countTemporaries(m_dir.path().toStdString()), 0);
    }

    void readAllRefusesFoldersAndHugeFiles()
    {
        QCOMPARE(AtomicFile::readAll(m_dir.path().toStdString(), 100).error().code,
                 ErrorCode::InvalidArgument);
        const std::string path = m_dir.path().toStdString() + "/big";
        ARCANUM_VERIFY_OK(AtomicFile::replace(path, std::vector<std::uint8_t>(200)));
        QCOMPARE(AtomicFile::readAll(path, 100).error().code, ErrorCode::FileDamaged);
        QCOMPARE(AtomicFile::readAll(path + "-missing", 100).error().code, ErrorCode::NotFound);
    }

    void staleTemporariesAreRemoved()
    {
        const std::string dir = m_dir.path().toStdString();
        const std::string stale = dir + "/.v.arcanum.abcdef.tmp";
        const std::string fresh = dir + "/.v.arcanum.ghijkl.tmp";
        const std::string other = dir + "/.other.abcdef.tmp";
        for (const auto& p : {stale, fresh, other})
            std::ofstream(p) << "x";
        const timespec old[2] = {{0, 0}, {std::time(nullptr) - 3600, 0}};
        utimensat(AT_FDCWD, stale.c_str(), old, 0);
        utimensat(AT_FDCWD, other.c_str(), old, 0);
        AtomicFile::removeStaleTemporaries(dir + "/v.arcanum");
        QVERIFY(access(stale.c_str(), F_OK) != 0);
        QVERIFY(access(fresh.c_str(), F_OK) == 0); // may belong to a save in progress
        QVERIFY(access(other.c_str(), F_OK) == 0); // not ours
    }

    void diskFullLeavesVaultUntouched_data()
    {
        QTest::addColumn<int>("fillBefore"); // bytes of filler written before saving
        QTest::newRow("full while writing the new file") << 0;
        QTest::newRow("full while writing the backup") << 1;
    }
    void diskFullLeavesVaultUntouched()
    {
        QFETCH(int, fillBefore);
        const std::string dir = m_dir.path().toStdString() + "/full" + std::to_string(fillBefore);
        QVERIFY(mkdir(dir.c_str(), 0700) == 0);
        const int status = runInChild([&] {
            if (!enterPrivateMounts() || !mountTmpfs(dir, "128k"))
                return 10;
            const std::string path = dir + "/v.arcanum";
            auto input = SecretArena::create().value();
            auto password =
                input->copyOf(SecretSpan(reinterpret_cast<const std::uint8_t*>("pw"), 2));
            auto vault = Vault::create(path, password->span(), kdf);
            if (!vault)
                return 11;
            if (!addBigEntry(**vault, 1000) || !(*vault)->save().ok())
                return 12;
            const auto before = read(path);
            if (fillBefore) {
                std::ofstream filler(dir + "/filler", std::ios::binary);
                std::vector<char> chunk(4096, 'f');
                while (filler.write(chunk.data(), std::streamsize(chunk.size())) && filler.flush())
                    ;
            }
            if (!addBigEntry(**vault, 200 * 1024))
                return 13;
            auto saved = (*vault)->save();
            if (saved)
                return 14;
            if (saved.error().code != ErrorCode::DiskFull)
                return 15;
            if (saved.error().message.find("disk is full") == std::string::npos ||
                saved.error().message.find("not changed") == std::string::npos)
                return 16;
            if (read(path) != before || countTemporaries(dir) != 0)
                return 17;
            vault->reset();
            return Vault::open(path, password->span()).ok() ? 0 : 18;
        });
        QCOMPARE(status, 0);
    }

    void readOnlyFileSystemLeavesVaultUntouched()
    {
        const std::string dir = m_dir.path().toStdString() + "/ro";
        QVERIFY(mkdir(dir.c_str(), 0700) == 0);
        const int status = runInChild([&] {
            if (!enterPrivateMounts() || !mountTmpfs(dir, "1m"))
                return 10;
            const std::string path = dir + "/v.arcanum";
            auto input = SecretArena::create().value();
            auto password =
                input->copyOf(SecretSpan(reinterpret_cast<const std::uint8_t*>("pw"), 2));
            auto vault = Vault::create(path, password->span(), kdf);
            if (!vault)
                return 11;
            const auto before = read(path);
            if (mount(nullptr, dir.c_str(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr) != 0)
                return 12;
            if (!addBigEntry(**vault, 10))
                return 13;
            auto saved = (*vault)->save();
            if (saved || saved.error().code != ErrorCode::ReadOnlyFilesystem)
                return 14;
            if (saved.error().message.find("read-only") == std::string::npos)
                return 15;
            return read(path) == before ? 0 : 16;
        });
        QCOMPARE(status, 0);
    }

    // Root ignores folder permissions, so the child becomes "nobody" first.
    void folderWithoutWritePermission()
    {
        const std::string dir = m_dir.path().toStdString() + "/locked";
        QVERIFY(mkdir(dir.c_str(), 0755) == 0);
        chmod(m_dir.path().toStdString().c_str(), 0755);
        const std::string path = dir + "/v.arcanum";
        {
            auto input = SecretArena::create().value();
            auto password =
                input->copyOf(SecretSpan(reinterpret_cast<const std::uint8_t*>("pw"), 2));
            ARCANUM_VERIFY_OK(Vault::create(path, password->span(), kdf));
        }
        const uid_t nobody = geteuid() == 0 ? 65534 : geteuid();
        QVERIFY(chown(path.c_str(), nobody, nobody) == 0);
        QVERIFY(chmod(dir.c_str(), 0555) == 0);
        const auto before = read(path);
        const int status = runInChild([&] {
            if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
                return 10;
            auto input = SecretArena::create().value();
            auto password =
                input->copyOf(SecretSpan(reinterpret_cast<const std::uint8_t*>("pw"), 2));
            auto vault = Vault::open(path, password->span());
            if (!vault)
                return 11;
            if (!addBigEntry(**vault, 10))
                return 12;
            auto saved = (*vault)->save();
            if (saved || saved.error().code != ErrorCode::PermissionDenied)
                return 13;
            return saved.error().message.find("not allowed") != std::string::npos ? 0 : 14;
        });
        chmod(dir.c_str(), 0755);
        QCOMPARE(status, 0);
        QVERIFY(read(path) == before);
    }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "TestAtomicFile.moc"
