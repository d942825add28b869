// Tests for VaultContents: add/edit/delete/move, history bound, restoring an earlier version,
// groups, tombstones, search and sort in place, serialize + load round trips.
#include "TestSupport.h"
#include "text/SearchQuery.h"
#include "vault/VaultContents.h"

#include <chrono>
#include <thread>

using namespace arcanum;
using namespace arcanum::test;

class TestVaultContents : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

    EntryId add(VaultContents& contents, const char* title, const char* username = "",
                const char* url = "", const char* notes = "", const char* tag = "")
    {
        EntryDraft draft(*m_arena);
        (void)draft.set(EntryField::Title, secret(*m_arena, title).span());
        (void)draft.set(EntryField::Username, secret(*m_arena, username).span());
        (void)draft.set(EntryField::Url, secret(*m_arena, url).span());
        (void)draft.set(EntryField::Notes, secret(*m_arena, notes).span());
        if (*tag)
            (void)draft.addTag(secret(*m_arena, tag).span());
        return contents.addEntry(draft).value();
    }

    VaultContents fresh() { return VaultContents::createEmpty(*m_arena).value(); }

    std::vector<std::size_t> search(const VaultContents& contents, const char* text)
    {
        SecretBuffer query = secret(*m_arena, text);
        auto compiled = SearchQuery::create(query.span(), *m_arena);
        return contents.search(compiled.value());
    }

private slots:
    void initTestCase() { m_arena = makeArena(); }

    void addFindUpdateRemove()
    {
        VaultContents contents = fresh();
        QVERIFY(contents.isModified());
        const EntryId a = add(contents, "Alpha", "alice");
        const EntryId b = add(contents, "Beta", "bob");
        QCOMPARE(contents.entryCount(), std::size_t(2));
        QCOMPARE(*contents.findEntry(b), std::size_t(1));
        QVERIFY(!contents.findEntry(EntryId::random()));

        auto draft = EntryDraft::fromEntry(contents.entry(0), *m_arena);
        ARCANUM_VERIFY_OK(draft);
        ARCANUM_VERIFY_OK(draft->set(EntryField::Username, secret(*m_arena, "alice2").span()));
        ARCANUM_VERIFY_OK(contents.updateEntry(a, *draft));
        const EntryView edited = contents.entry(*contents.findEntry(a));
        QVERIFY(equals(edited.username(), "alice2"));
        QVERIFY(equals(edited.title(), "Alpha"));
        QCOMPARE(edited.historyCount(), std::size_t(1));
        edited.forEachHistory(
            [](const EntryView& old) { QVERIFY(equals(old.username(), "alice")); });
        QVERIFY(edited.modified() >= edited.created());

        ARCANUM_VERIFY_OK(contents.removeEntry(b));
        QCOMPARE(contents.entryCount(), std::size_t(1));
        QCOMPARE(contents.tombstoneCount(), std::size_t(1));
        QCOMPARE(contents.removeEntry(b).error().code, ErrorCode::NotFound);
        QCOMPARE(contents.updateEntry(b, *draft).error().code, ErrorCode::NotFound);
    }

    void historyIsBoundedNewestFirst()
    {
        VaultContents contents = fresh();
        const EntryId id = add(contents, "T", "v0");
        for (int version = 1; version <= 15; ++version) {
            auto draft = EntryDraft::fromEntry(contents.entry(0), *m_arena).value();
            const std::string name = "v" + std::to_string(version);
            ARCANUM_VERIFY_OK(
                draft.set(EntryField::Username, secret(*m_arena, name.c_str()).span()));
            ARCANUM_VERIFY_OK(contents.updateEntry(id, draft));
        }
        const EntryView entry = contents.entry(0);
        QCOMPARE(entry.historyCount(), std::size_t(VaultContents::defaultHistoryLimit));
        int index = 0;
        entry.forEachHistory([&](const EntryView& old) {
            const std::string expected = "v" + std::to_string(14 - index++);
            QVERIFY2(equals(old.username(), expected.c_str()), expected.c_str());
            QCOMPARE(old.historyCount(), std::size_t(0));
        });
    }

    void restoreVersionBringsBackAnEarlierVersion()
    {
        VaultContents contents = fresh();
        const EntryId home = contents.addGroup(secret(*m_arena, "Home").span()).value();
        const EntryId work = contents.addGroup(secret(*m_arena, "Work").span()).value();
        EntryDraft original(*m_arena);
        ARCANUM_VERIFY_OK(original.set(EntryField::Title, secret(*m_arena, "Old title").span()));
        ARCANUM_VERIFY_OK(original.set(EntryField::Password, secret(*m_arena, "old pw").span()));
        ARCANUM_VERIFY_OK(original.addUrl(secret(*m_arena, "https://a.example").span()));
        ARCANUM_VERIFY_OK(original.addUrl(secret(*m_arena, "https://b.example").span()));
        ARCANUM_VERIFY_OK(original.addCustomField(secret(*m_arena, "PIN").span(),
                                                  secret(*m_arena, "1234").span(), true));
        original.setGroup(home);
        const EntryId id = contents.addEntry(original).value();

        auto edited = EntryDraft::fromEntry(contents.entry(0), *m_arena).value();
        ARCANUM_VERIFY_OK(edited.set(EntryField::Title, secret(*m_arena, "New title").span()));
        ARCANUM_VERIFY_OK(edited.set(EntryField::Password, secret(*m_arena, "new pw").span()));
        ARCANUM_VERIFY_OK(
            edited.set(EntryField::Url, secret(*m_arena, "https://c.example").span()));
        edited.clearCustomFields();
        ARCANUM_VERIFY_OK(contents.updateEntry(id, edited));
        ARCANUM_VERIFY_OK(contents.moveEntry(id, work)); // a version of its own
        QCOMPARE(contents.entry(0).historyCount(), std::size_t(2));

        // Version 1 is the original (version 0 is the edit, before the move).
        ARCANUM_VERIFY_OK(contents.restoreVersion(id, 1));
        QCOMPARE(contents.entryCount(), std::size_t(1));
        const EntryView restored = contents.entry(0);
        QCOMPARE(restored.id(), id);
        QVERIFY(equals(restored.title(), "Old title"));
        QVERIFY(equals(restored.password(), "old pw"));
        std::vector<std::string> urls;
        restored.forEachUrl([&](SecretSpan url) { urls.emplace_back(url.chars(), url.size()); });
        QCOMPARE(urls, (std::vector<std::string>{"https://a.example", "https://b.example"}));
        int fields = 0;
        restored.forEachCustomField([&](const EntryView::CustomField& field) {
            ++fields;
            QVERIFY(equals(field.name, "PIN"));
            QVERIFY(equals(field.value, "1234"));
            QVERIFY(field.isProtected);
        });
        QCOMPARE(fields, 1);
        QCOMPARE(restored.group(), work); // a restore does not move the entry
        QVERIFY(restored.modified() >= restored.created());

        // Nothing is lost: the version that was current is now the newest history version.
        QCOMPARE(restored.historyCount(), std::size_t(3));
        std::vector<std::string> titles;
        restored.forEachHistory([&](const EntryView& older) {
            titles.emplace_back(older.title().chars(), older.title().size());
        });
        QCOMPARE(titles, (std::vector<std::string>{"New title", "New title", "Old title"}));
        std::size_t at = 0;
        restored.forEachHistory([&](const EntryView& older) {
            if (at++ == 0) {
                QCOMPARE(older.group(), work);
                QVERIFY(equals(older.password(), "new pw"));
            }
        });
    }

    void restoreVersionRefusesWhatIsNotThere()
    {
        VaultContents contents = fresh();
        const EntryId id = add(contents, "Only");
        QCOMPARE(contents.restoreVersion(id, 0).error().code, ErrorCode::NotFound);
        auto draft = EntryDraft::fromEntry(contents.entry(0), *m_arena).value();
        ARCANUM_VERIFY_OK(draft.set(EntryField::Title, secret(*m_arena, "Changed").span()));
        ARCANUM_VERIFY_OK(contents.updateEntry(id, draft));
        QCOMPARE(contents.restoreVersion(id, 1).error().code, ErrorCode::NotFound);
        QCOMPARE(contents.restoreVersion(EntryId::random(), 0).error().code, ErrorCode::NotFound);
        QCOMPARE(contents.entry(0).historyCount(), std::size_t(1)); // refusals change nothing
        QVERIFY(equals(contents.entry(0).title(), "Changed"));
        ARCANUM_VERIFY_OK(contents.restoreVersion(id, 0));
        QVERIFY(equals(contents.entry(0).title(), "Only"));
    }

    void groupsMoveAndRemove()
    {
        VaultContents contents = fresh();
        const EntryId work = contents.addGroup(secret(*m_arena, "Work").span()).value();
        const EntryId sub = contents.addGroup(secret(*m_arena, "Servers").span(), work).value();
        QCOMPARE(contents.group(*contents.findGroup(sub)).parent(), work);
        QCOMPARE(contents.addGroup(secret(*m_arena, "x").span(), EntryId::random()).error().code,
                 ErrorCode::NotFound);
        const EntryId id = add(contents, "Router");
        ARCANUM_VERIFY_OK(contents.moveEntry(id, sub));
        QCOMPARE(contents.entry(0).group(), sub);
        QCOMPARE(contents.removeGroup(sub).error().code, ErrorCode::InvalidArgument);
        QCOMPARE(contents.removeGroup(work).error().code, ErrorCode::InvalidArgument);
        ARCANUM_VERIFY_OK(contents.renameGroup(sub, secret(*m_arena, "Routers").span()));
        QVERIFY(equals(contents.group(*contents.findGroup(sub)).name(), "Routers"));
        ARCANUM_VERIFY_OK(contents.moveEntry(id, EntryId()));
        ARCANUM_VERIFY_OK(contents.removeGroup(sub));
        ARCANUM_VERIFY_OK(contents.removeGroup(work));
        QCOMPARE(contents.groupCount(), std::size_t(0));
        QCOMPARE(contents.tombstoneCount(), std::size_t(2));
        QCOMPARE(contents.moveEntry(id, EntryId::random()).error().code, ErrorCode::NotFound);
    }

    void searchIsCaseInsensitiveOverTheRightFields_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<int>("hits");
        QTest::newRow("empty lists all") << QByteArray("") << 5;
        QTest::newRow("title, other case") << QByteArray("GITHUB") << 1;
        QTest::newRow("username") << QByteArray("octo") << 1;
        QTest::newRow("url") << QByteArray("example.COM") << 2;
        QTest::newRow("notes") << QByteArray("recovery") << 1;
        QTest::newRow("tag") << QByteArray("finance") << 1;
        QTest::newRow("latin-1 fold") << QByteArray("ÉCOLE") << 1;
        QTest::newRow("latin-1 fold inside word") << QByteArray("straSSe") << 0;
        QTest::newRow("umlaut both cases") << QByteArray("STRASSE MÜNCHEN") << 0;
        QTest::newRow("umlaut") << QByteArray("münchen") << 1;
        QTest::newRow("greek") << QByteArray("ΑΛΦΑ") << 1;
        QTest::newRow("cyrillic") << QByteArray("ПОЧТА") << 1;
        QTest::newRow("no match") << QByteArray("zzz") << 0;
        QTest::newRow("password is not searched") << QByteArray("hunter2") << 0;
    }
    void searchIsCaseInsensitiveOverTheRightFields()
    {
        QFETCH(QByteArray, query);
        QFETCH(int, hits);
        VaultContents contents = fresh();
        add(contents, "GitHub", "octocat", "https://github.com");
        add(contents, "Bank", "me", "https://bank.example.com", "", "finance");
        add(contents, "École", "", "https://ecole.example.com", "Recovery codes inside");
        add(contents, "Straße in München", "alfa", "", "альфа");
        add(contents, "Почта", "user", "", "", "Άλφα αλφα");
        EntryDraft draft(*m_arena);
        (void)draft.set(EntryField::Password, secret(*m_arena, "hunter2").span());
        (void)draft;
        QCOMPARE(int(search(contents, query.constData()).size()), hits);
    }

    void searchWithinGroup()
    {
        VaultContents contents = fresh();
        const EntryId group = contents.addGroup(secret(*m_arena, "G").span()).value();
        add(contents, "mail one");
        const EntryId inGroup = add(contents, "mail two");
        ARCANUM_VERIFY_OK(contents.moveEntry(inGroup, group));
        SecretBuffer text = secret(*m_arena, "mail");
        auto query = SearchQuery::create(text.span(), *m_arena).value();
        QCOMPARE(contents.search(query).size(), std::size_t(2));
        const auto found = contents.search(query, group);
        QCOMPARE(found.size(), std::size_t(1));
        QCOMPARE(contents.entry(found[0]).id(), inGroup);
    }

    void sortsByFoldedTitleThenUsername()
    {
        VaultContents contents = fresh();
        add(contents, "banana");
        add(contents, "Apple", "zed");
        add(contents, "apple", "amy");
        add(contents, "Ärger");
        add(contents, "cherry");
        add(contents, "");
        std::vector<std::size_t> order = {0, 1, 2, 3, 4, 5};
        contents.sortByTitle(order);
        const char* titles[] = {"", "apple", "Apple", "banana", "cherry", "Ärger"};
        for (std::size_t i = 0; i < order.size(); ++i)
            QVERIFY2(equals(contents.entry(order[i]).title(), titles[i]), titles[i]);
    }

    void sortsByAnyColumnEitherWay_data()
    {
        QTest::addColumn<int>("order");
        QTest::addColumn<bool>("descending");
        QTest::addColumn<QStringList>("titles");
        using Order = VaultContents::Order;
        // Added in this order, a few milliseconds apart: mail, bank, forum, zoo.
        QTest::newRow("title") << int(Order::Title) << false
                               << QStringList{"bank", "forum", "mail", "zoo"};
        QTest::newRow("title, descending")
            << int(Order::Title) << true << QStringList{"zoo", "mail", "forum", "bank"};
        // bank and zoo share "Ann" (folded): the title breaks the tie.
        QTest::newRow("user name")
            << int(Order::Username) << false << QStringList{"bank", "zoo", "forum", "mail"};
        QTest::newRow("user name, descending")
            << int(Order::Username) << true << QStringList{"mail", "forum", "zoo", "bank"};
        QTest::newRow("URL") << int(Order::Url) << false
                             << QStringList{"forum", "zoo", "bank", "mail"};
        QTest::newRow("modified") << int(Order::Modified) << false
                                  << QStringList{"mail", "bank", "forum", "zoo"};
        QTest::newRow("modified, descending")
            << int(Order::Modified) << true << QStringList{"zoo", "forum", "bank", "mail"};
    }

    void sortsByAnyColumnEitherWay()
    {
        QFETCH(int, order);
        QFETCH(bool, descending);
        QFETCH(QStringList, titles);
        VaultContents contents = fresh();
        const char* rows[][3] = {{"mail", "zed", "https://mail.example"},
                                 {"bank", "ann", "https://bank.example"},
                                 {"forum", "bob", ""},
                                 {"zoo", "Ann", "https://a.example"}};
        for (const auto& row : rows) {
            add(contents, row[0], row[1], row[2]);
            std::this_thread::sleep_for(std::chrono::milliseconds(3)); // distinct modified times
        }
        std::vector<std::size_t> indexes = {0, 1, 2, 3};
        contents.sortEntries(indexes, VaultContents::Order(order), descending);
        for (std::size_t i = 0; i < indexes.size(); ++i)
            QVERIFY2(
                equals(contents.entry(indexes[i]).title(), titles[int(i)].toUtf8().constData()),
                qPrintable(titles[int(i)]));
    }

    void serializeLoadRoundTripAndAdopt()
    {
        VaultContents contents = fresh();
        const EntryId group = contents.addGroup(secret(*m_arena, "Group").span()).value();
        for (int i = 0; i < 50; ++i) {
            const std::string title = "entry " + std::to_string(i);
            const EntryId id = add(contents, title.c_str(), "user", "https://x", "n", "t");
            if (i % 10 == 0)
                ARCANUM_VERIFY_OK(contents.moveEntry(id, group));
            if (i % 7 == 0)
                ARCANUM_VERIFY_OK(contents.removeEntry(id));
        }
        auto payload = contents.serialize();
        ARCANUM_VERIFY_OK(payload);
        QCOMPARE(payload->size(), contents.payloadBytes());
        auto copy = m_arena->copyOf(payload->span());
        auto loaded = VaultContents::load(std::move(copy.value()), *m_arena);
        ARCANUM_VERIFY_OK(loaded);
        QCOMPARE(loaded->entryCount(), contents.entryCount());
        QCOMPARE(loaded->groupCount(), std::size_t(1));
        QCOMPARE(loaded->tombstoneCount(), contents.tombstoneCount());
        QVERIFY(!loaded->isModified());
        for (std::size_t i = 0; i < contents.entryCount(); ++i) {
            QCOMPARE(loaded->entry(i).id(), contents.entry(i).id());
            QCOMPARE(loaded->entry(i).group(), contents.entry(i).group());
        }
        const std::size_t before = m_arena->usedBytes();
        ARCANUM_VERIFY_OK(contents.adopt(std::move(payload.value())));
        QVERIFY(!contents.isModified());
        QVERIFY(m_arena->usedBytes() < before); // per-entry buffers were freed
        QCOMPARE(contents.entryCount(), loaded->entryCount());
        QVERIFY(equals(contents.entry(0).title(), "entry 1"));
    }

    void idsParseAndPrint()
    {
        const EntryId id = EntryId::random();
        const std::string text = id.toString();
        QCOMPARE(text.size(), std::size_t(36));
        QCOMPARE(*EntryId::parse(text), id);
        std::string compact = text;
        std::erase(compact, '-');
        QCOMPARE(*EntryId::parse(compact), id);
        QVERIFY(!EntryId::parse("not-an-id"));
        QVERIFY(!EntryId::parse(text.substr(1)));
        QVERIFY(EntryId().isNull());
    }
};

QTEST_GUILESS_MAIN(TestVaultContents)
#include "TestVaultContents.moc"
