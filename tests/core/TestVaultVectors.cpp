// Checks every test vector of docs/FORMAT.md §7: each file opens, or fails with exactly the
// error the manifest names; valid files hold exactly the content of their .expected file.
#include "TestSupport.h"
#include "vault/Vault.h"

#include <fstream>
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

// Compares a vault with an .expected file; returns "" or what differs.
std::string compareWithExpected(const VaultContents& contents, const std::string& expectedPath)
{
    std::ifstream in(expectedPath);
    if (!in)
        return "cannot read " + expectedPath;
    std::string line;
    long entryIndex = -1;
    int urlIndex = 0, tagIndex = 0, customIndex = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        const auto parts = splitTabs(line);
        const std::string& key = parts[0];
        const std::string value = parts.size() > 1 ? unescape(parts[1]) : "";
        auto mismatch = [&](const std::string& what) {
            return "entry " + std::to_string(entryIndex) + ": " + what + " differs (" + key + ")";
        };
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
            urlIndex = tagIndex = customIndex = 0;
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
        std::ifstream manifest(dataDir + "vectors.tsv");
        QVERIFY(manifest.good());
        std::string line;
        int count = 0;
        while (std::getline(manifest, line)) {
            if (line.empty() || line[0] == '#')
                continue;
            const auto parts = splitTabs(line);
            QVERIFY(parts.size() == 4);
            const std::string name = parts[0] + " (" + parts[3] + ")";
            QTest::newRow(name.c_str())
                << QString::fromStdString(parts[0]) << QByteArray::fromStdString(parts[1])
                << QString::fromStdString(parts[2]);
            ++count;
        }
        QVERIFY(count >= 35);
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

    // Unknown ignorable records survive an edit of another entry and a save (FORMAT.md §4).
    void newerRecordsArePreserved()
    {
        QTemporaryDir dir;
        const std::string copy = dir.path().toStdString() + "/copy.arcanum";
        QVERIFY(QFile::copy(QString::fromStdString(dataDir + "valid-full.arcanum"),
                            QString::fromStdString(copy)));
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
