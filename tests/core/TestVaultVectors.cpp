// Checks every test vector of docs/FORMAT.md §10 — format version 2 and the frozen version-1
// vectors in v1/: each file opens, or fails with exactly the error the manifest names; valid
// files hold exactly the content of their .expected file. And the upgrade: a version-1 file
// opens, saves as version 2 with the same content and a fresh identity, and keeps its bytes in
// the backup.
#include "TestSupport.h"
#include "format/AtomicFile.h"
#include "format/VaultHeader.h"
#include "vault/Vault.h"

#include <fstream>
#include <set>
#include <sstream>

using namespace arcanum;
using namespace arcanum::test;

namespace {

const std::string dataDir = std::string(ARCANUM_TEST_DATA_DIR) + "/vault/";

std::vector<std::string> splitTabs(const std::string& line)
{
    std::vector<std::string> parts;
    std::stringstream stream(line);
    std::string part;
    while (std::getline(stream, part, '\t'))
        parts.push_back(part);
    return parts;
}

std::string unescape(const std::string& value)
{
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\\' && i + 1 < value.size() && value[i + 1] == 'n') {
            out += '\n';
            ++i;
        } else {
            out += value[i];
        }
    }
    return out;
}

std::string hex(SecretSpan bytes)
{
    std::string out;
    char digits[3];
    for (std::uint8_t byte : bytes) {
        std::snprintf(digits, sizeof digits, "%02x", byte);
        out += digits;
    }
    return out;
}

// Checks the vault-level lines of an .expected file; returns "" or what differs.
std::string compareVaultLine(const VaultContents& contents, const std::vector<std::string>& parts)
{
    const std::string& key = parts[0];
    const std::string value = parts.size() > 1 ? unescape(parts[1]) : "";
    if (key == "identity") {
        const auto identity = contents.identity();
        if (hex(SecretSpan(identity.data(), identity.size())) != value)
            return "identity";
    } else if (key == "associations" && contents.associationCount() != std::stoul(value)) {
        return "association count";
    } else if (key == "association") {
        const SecretSpan name(reinterpret_cast<const std::uint8_t*>(value.data()), value.size());
        const auto index = contents.findAssociation(name);
        if (!index)
            return "association " + value + " missing";
        const AssociationView association = contents.association(*index);
        const std::string used = association.lastUsed() == 0
                                     ? "never used"
                                     : "used " + std::to_string(association.lastUsed());
        if (hex(association.key()) != parts[2] || used != parts[3] || association.created() <= 0)
            return "association " + value;
    } else if (key == "attachment-data" && contents.attachmentDataCount() != std::stoul(value)) {
        return "attachment data count";
    }
    return {};
}

// Compares a vault with an .expected file; returns "" or what differs.
std::string compareWithExpected(const VaultContents& contents, const std::string& expectedPath)
{
    std::ifstream in(expectedPath);
    if (!in)
        return "cannot read " + expectedPath;
    std::string line;
    long entryIndex = -1;
    int urlIndex = 0, tagIndex = 0, customIndex = 0, attachmentIndex = 0, siteIndex = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        const auto parts = splitTabs(line);
        const std::string& key = parts[0];
        const std::string value = parts.size() > 1 ? unescape(parts[1]) : "";
        auto mismatch = [&](const std::string& what) {
            return "entry " + std::to_string(entryIndex) + ": " + what + " differs (" + key + ")";
        };
        if (const std::string vaultLevel = compareVaultLine(contents, parts); !vaultLevel.empty())
            return vaultLevel;
        if (key == "groups" && contents.groupCount() != std::stoul(value))
            return "group count";
        if (key == "entries" && contents.entryCount() != std::stoul(value))
            return "entry count";
        if (key == "tombstones" && contents.tombstoneCount() != std::stoul(value))
            return "tombstone count";
        if (key == "group") {
            bool found = false;
            for (std::size_t i = 0; i < contents.groupCount(); ++i)
                found |= equals(contents.group(i).name(), value.c_str());
            if (!found)
                return "group " + value + " missing";
        }
        if (key == "entry") {
            ++entryIndex;
            urlIndex = tagIndex = customIndex = attachmentIndex = siteIndex = 0;
            if (std::size_t(entryIndex) >= contents.entryCount())
                return "fewer entries than expected";
            continue;
        }
        if (entryIndex < 0)
            continue;
        const EntryView entry = contents.entry(std::size_t(entryIndex));
        EntryField field;
        if (EntryView::fieldFromName(key, field) && field != EntryField::Url) {
            if (!equals(entry.field(field), value.c_str()))
                return mismatch(key);
        } else if (key == "url") {
            int i = 0;
            bool ok = false;
            entry.forEachUrl(
                [&](SecretSpan url) { ok |= i++ == urlIndex && equals(url, value.c_str()); });
            ++urlIndex;
            if (!ok)
                return mismatch("url");
        } else if (key == "tag") {
            int i = 0;
            bool ok = false;
            entry.forEachTag(
                [&](SecretSpan tag) { ok |= i++ == tagIndex && equals(tag, value.c_str()); });
            ++tagIndex;
            if (!ok)
                return mismatch("tag");
        } else if (key == "custom") {
            int i = 0;
            bool ok = false;
            entry.forEachCustomField([&](const EntryView::CustomField& f) {
                ok |= i++ == customIndex && equals(f.name, value.c_str()) &&
                      equals(f.value, parts[2].c_str()) &&
                      f.isProtected == (parts[3] == "protected");
            });
            ++customIndex;
            if (!ok)
                return mismatch("custom field");
        } else if (key == "attachment" || key == "attachment-size") {
            int i = 0;
            bool ok = false;
            entry.forEachAttachment([&](const EntryView::Attachment& a) {
                const SecretSpan data = contents.attachmentData(a.data);
                const bool content = key == "attachment" ? hex(data) == parts[2]
                                                         : data.size() == std::stoul(parts[2]);
                ok |= i++ == attachmentIndex && equals(a.name, value.c_str()) && content;
            });
            ++attachmentIndex;
            if (!ok)
                return mismatch("attachment");
        } else if (key == "site") {
            int i = 0;
            bool ok = false;
            entry.forEachSiteAccess([&](const EntryView::SiteAccess& access) {
                const char* decision = access.decision == SiteDecision::Allow ? "allow" : "deny";
                ok |=
                    i++ == siteIndex && equals(access.site, value.c_str()) && parts[2] == decision;
            });
            ++siteIndex;
            const SecretSpan site(reinterpret_cast<const std::uint8_t*>(value.data()),
                                  value.size());
            if (!ok || !entry.siteAccess(site))
                return mismatch("site access");
        } else if (key == "expires") {
            const auto expires = entry.expires();
            if ((value == "never") != !expires || (expires && std::to_string(*expires) != value))
                return mismatch("expiry");
        } else if (key == "autofill") {
            if (std::to_string(entry.autofillFlags()) != value)
                return mismatch("autofill flags");
        } else if (key == "history-attachments") {
            std::size_t count = 0;
            entry.forEachHistory([&](const EntryView& old) { count += old.attachmentCount(); });
            if (count != std::stoul(value))
                return mismatch("history attachments");
        } else if (key == "ingroup") {
            const auto group = contents.findGroup(entry.group());
            if (!group || !equals(contents.group(*group).name(), value.c_str()))
                return mismatch("group");
        } else if (key == "history") {
            if (entry.historyCount() != std::stoul(value))
                return mismatch("history count");
        } else if (key == "history-password") {
            bool ok = false;
            entry.forEachHistory(
                [&](const EntryView& old) { ok = equals(old.password(), value.c_str()); });
            if (!ok)
                return mismatch("history password");
        } else if (key == "unknown-field") {
            bool ok = false;
            entry.forEachRecord(
                [&](const Record& r) { ok |= r.tag == std::stoi(value, nullptr, 16); });
            if (!ok)
                return mismatch("kept unknown field");
        }
    }
    return {};
}

} // namespace

class TestVaultVectors : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_input;

private slots:
    void initTestCase() { m_input = makeArena(); }

    void everyVectorGivesItsResult_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QString>("expected");
        // Version 2 (regenerated), then the frozen version-1 vectors.
        for (const auto& [manifestPath, folder, minimum] :
             {std::tuple<std::string, std::string, int>{"vectors.tsv", "", 60},
              {"v1/vectors.tsv", "v1/", 35}}) {
            std::ifstream manifest(dataDir + manifestPath);
            QVERIFY(manifest.good());
            std::string line;
            int count = 0;
            while (std::getline(manifest, line)) {
                if (line.empty() || line[0] == '#')
                    continue;
                const auto parts = splitTabs(line);
                QVERIFY(parts.size() == 4);
                const std::string name = folder + parts[0] + " (" + parts[3] + ")";
                QTest::newRow(name.c_str())
                    << QString::fromStdString(folder + parts[0])
                    << QByteArray::fromStdString(parts[1]) << QString::fromStdString(parts[2]);
                ++count;
            }
            QVERIFY(count >= minimum);
        }
    }

    void everyVectorGivesItsResult()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, password);
        QFETCH(QString, expected);
        SecretBuffer typed = secret(*m_input, password.constData());
        const std::string path = dataDir + file.toStdString();
        auto vault = Vault::open(path, typed.span());
        if (expected == "ok") {
            ARCANUM_VERIFY_OK(vault);
            const bool version1 = file.startsWith("v1/");
            QCOMPARE((*vault)->formatVersion(), std::uint16_t(version1 ? 1 : 2));
            std::string expectedPath = path.substr(0, path.size() - 8) + ".expected";
            const std::string difference = compareWithExpected((*vault)->contents(), expectedPath);
            QVERIFY2(difference.empty(), difference.c_str());
        } else {
            QVERIFY2(!vault, "opened a file that must be rejected");
            QCOMPARE(QString(errorCodeName(vault.error().code)), expected);
            QVERIFY(!vault.error().message.empty());
            QVERIFY(vault.error().message.find(password.constData()) == std::string::npos);
        }
    }

    // FORMAT.md §8: a version-1 file opens as version 1, saves as version 2 with the same
    // content and a fresh identity that then stays; the backup keeps the version-1 bytes.
    void version1UpgradesOnTheNextSave()
    {
        QTemporaryDir dir;
        const std::string original = dataDir + "v1/valid-full.arcanum";
        const std::string expected = dataDir + "v1/valid-full.expected";
        auto v1Bytes = AtomicFile::readAll(original, 1 << 20);
        ARCANUM_VERIFY_OK(v1Bytes);
        SecretBuffer password = secret(*m_input, "correct horse battery staple");
        std::set<std::string> identities;
        for (int copyIndex = 0; copyIndex < 2; ++copyIndex) {
            const std::string copy =
                dir.path().toStdString() + "/copy" + std::to_string(copyIndex) + ".arcanum";
            QVERIFY(QFile::copy(QString::fromStdString(original), QString::fromStdString(copy)));
            QFile::setPermissions(QString::fromStdString(copy),
                                  QFile::ReadOwner | QFile::WriteOwner);
            std::array<std::uint8_t, 16> identity{};
            {
                auto vault = Vault::open(copy, password.span());
                ARCANUM_VERIFY_OK(vault);
                QCOMPARE((*vault)->formatVersion(), std::uint16_t(1));
                QVERIFY(!(*vault)->contents().isModified()); // opening writes nothing
                identity = (*vault)->contents().identity();
                QVERIFY(identity != (std::array<std::uint8_t, 16>{}));
                ARCANUM_VERIFY_OK((*vault)->save());
                QCOMPARE((*vault)->formatVersion(), std::uint16_t(2));
            }
            identities.insert(hex(SecretSpan(identity.data(), identity.size())));
            auto saved = AtomicFile::readAll(copy, 1 << 20);
            ARCANUM_VERIFY_OK(saved);
            auto header = VaultHeader::parse(*saved);
            ARCANUM_VERIFY_OK(header);
            QCOMPARE(header->version, std::uint16_t(2));
            QVERIFY(saved->size() < v1Bytes->size()); // the compact encoding
            auto backup = AtomicFile::readAll(Vault::backupPath(copy), 1 << 20);
            ARCANUM_VERIFY_OK(backup);
            QVERIFY(*backup == *v1Bytes);

            auto reopened = Vault::open(copy, password.span());
            ARCANUM_VERIFY_OK(reopened);
            QCOMPARE((*reopened)->formatVersion(), std::uint16_t(2));
            QVERIFY((*reopened)->contents().identity() == identity);
            const std::string difference = compareWithExpected((*reopened)->contents(), expected);
            QVERIFY2(difference.empty(), difference.c_str());
        }
        QCOMPARE(identities.size(), std::size_t(2)); // each upgrade draws its own identity
    }

    void newerRecordsArePreserved_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("version 2") << "valid-full.arcanum";
        QTest::newRow("version 1, upgraded") << "v1/valid-full.arcanum";
    }

    // Unknown ignorable records survive an edit of another entry and a save (FORMAT.md §4),
    // also through the upgrade from version 1.
    void newerRecordsArePreserved()
    {
        QFETCH(QString, file);
        QTemporaryDir dir;
        const std::string copy = dir.path().toStdString() + "/copy.arcanum";
        QVERIFY(QFile::copy(QString::fromStdString(dataDir) + file, QString::fromStdString(copy)));
        QFile::setPermissions(QString::fromStdString(copy), QFile::ReadOwner | QFile::WriteOwner);
        SecretBuffer password = secret(*m_input, "correct horse battery staple");
        {
            auto vault = Vault::open(copy, password.span());
            ARCANUM_VERIFY_OK(vault);
            VaultContents& contents = (*vault)->contents();
            const auto future =
                contents.findByTitle(secret((*vault)->arena(), "Future entry").span());
            QCOMPARE(future.size(), std::size_t(1));
            const EntryId id = contents.entry(future[0]).id();
            auto draft = EntryDraft::fromEntry(contents.entry(future[0]), (*vault)->arena());
            ARCANUM_VERIFY_OK(draft);
            ARCANUM_VERIFY_OK(
                draft->set(EntryField::Username, secret((*vault)->arena(), "new").span()));
            ARCANUM_VERIFY_OK(contents.updateEntry(id, *draft));
            ARCANUM_VERIFY_OK((*vault)->save());
        }
        auto vault = Vault::open(copy, password.span());
        ARCANUM_VERIFY_OK(vault);
        const VaultContents& contents = (*vault)->contents();
        const auto future = contents.findByTitle(secret((*vault)->arena(), "Future entry").span());
        QCOMPARE(future.size(), std::size_t(1));
        const EntryView entry = contents.entry(future[0]);
        QVERIFY(equals(entry.username(), "new"));
        int unknown = 0;
        entry.forEachRecord([&](const Record& r) { unknown += r.tag == 0x91; });
        QCOMPARE(unknown, 1);
        auto payload = contents.serialize();
        ARCANUM_VERIFY_OK(payload);
        RecordReader reader(payload->span());
        Record record;
        int topLevelUnknown = 0;
        while (reader.next(record))
            topLevelUnknown += record.tag == 0x90;
        QCOMPARE(topLevelUnknown, 1);
    }
};

QTEST_GUILESS_MAIN(TestVaultVectors)
#include "TestVaultVectors.moc"
