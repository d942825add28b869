// Tests for VaultContents: add/edit/delete/move, history bound, restoring an earlier version,
// groups, tombstones, search and sort in place, serialize + load round trips; and what format
// version 2 added: the vault identity, browser associations, site access (not an edit),
// attachments stored once, expiry and autofill flags.
#include "TestSupport.h"
#include "text/SearchQuery.h"
#include "vault/RecordWriter.h"
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

    // serialize() -> load(), as a save and a reopen would.
    VaultContents reloaded(const VaultContents& contents)
    {
        auto payload = contents.serialize();
        if (!payload)
            qFatal("serialize: %s", payload.error().message.c_str());
        auto loaded = VaultContents::load(std::move(payload.value()), *m_arena);
        if (!loaded)
            qFatal("load: %s", loaded.error().message.c_str());
        return std::move(loaded.value());
    }

    SecretBuffer bytes(std::size_t size, std::uint8_t seed)
    {
        SecretBuffer buffer = m_arena->allocate(size).value();
        for (std::size_t i = 0; i < size; ++i)
            buffer.data()[i] = static_cast<std::uint8_t>(seed + i * 31);
        return buffer;
    }

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

    void identityIsRandomAndSettable()
    {
        VaultContents one = fresh(), two = fresh();
        const std::array<std::uint8_t, 16> zero{};
        QVERIFY(one.identity() != zero);
        QVERIFY(one.identity() != two.identity());
        const std::array<std::uint8_t, 16> keepass = {
            0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 1, 2, 3, 4, 5, 6, 7, 8};
        VaultContents loaded = reloaded(one);
        QVERIFY(loaded.identity() == one.identity());
        ARCANUM_VERIFY_OK(loaded.setIdentity(keepass));
        QVERIFY(loaded.isModified());
        QVERIFY(loaded.identity() == keepass);
        QCOMPARE(loaded.historyLimit(), VaultContents::defaultHistoryLimit); // meta kept
        QVERIFY(loaded.createdAt() > 0);
        QVERIFY(reloaded(loaded).identity() == keepass);
        const auto refused = loaded.setIdentity(zero);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
    }

    void associationsAddFindTouchRemove()
    {
        VaultContents contents = fresh();
        SecretBuffer key = bytes(32, 7), otherKey = bytes(32, 9);
        SecretBuffer firefox = secret(*m_arena, "Firefox — home"),
                     chromium = secret(*m_arena, "Chromium");
        const std::int64_t before = VaultContents::nowMs();
        ARCANUM_VERIFY_OK(contents.addAssociation(firefox.span(), key.span()));
        ARCANUM_VERIFY_OK(contents.addAssociation(chromium.span(), otherKey.span()));
        QCOMPARE(contents.associationCount(), std::size_t(2));

        const auto again = contents.addAssociation(firefox.span(), otherKey.span());
        QCOMPARE(again.error().code, ErrorCode::AlreadyExists);
        QCOMPARE(
            contents.addAssociation(secret(*m_arena, "x").span(), bytes(31, 1).span()).error().code,
            ErrorCode::InvalidArgument);
        QCOMPARE(contents.addAssociation(SecretSpan(), key.span()).error().code,
                 ErrorCode::InvalidArgument);

        const auto found = contents.findAssociation(firefox.span());
        QVERIFY(found);
        const AssociationView view = contents.association(*found);
        QVERIFY(equals(view.name(), "Firefox — home"));
        QVERIFY(std::equal(view.key().begin(), view.key().end(), key.span().begin()));
        QVERIFY(view.created() >= before);
        QCOMPARE(view.lastUsed(), std::int64_t(0));
        QVERIFY(!contents.findAssociation(secret(*m_arena, "firefox — home").span()));

        const std::int64_t created = view.created(); // `view` ends with the record it reads
        ARCANUM_VERIFY_OK(contents.touchAssociation(firefox.span(), 1750000000000));
        VaultContents loaded = reloaded(contents);
        const AssociationView touched = loaded.association(*loaded.findAssociation(firefox.span()));
        QCOMPARE(touched.lastUsed(), std::int64_t(1750000000000));
        QCOMPARE(touched.created(), created);
        QVERIFY(std::equal(touched.key().begin(), touched.key().end(), key.span().begin()));

        ARCANUM_VERIFY_OK(loaded.removeAssociation(firefox.span()));
        QCOMPARE(loaded.associationCount(), std::size_t(1));
        QCOMPARE(loaded.removeAssociation(firefox.span()).error().code, ErrorCode::NotFound);
        QCOMPARE(loaded.touchAssociation(firefox.span()).error().code, ErrorCode::NotFound);
        QCOMPARE(reloaded(loaded).associationCount(), std::size_t(1));
    }

    void siteAccessIsNotAnEdit()
    {
        VaultContents contents = fresh();
        const EntryId id = add(contents, "Shop", "me", "https://shop.example");
        const std::int64_t modified = contents.entry(0).modified();
        SecretBuffer shop = secret(*m_arena, "https://shop.example:443"),
                     evil = secret(*m_arena, "https://shop.example.evil.net:443");
        std::this_thread::sleep_for(std::chrono::milliseconds(2));

        ARCANUM_VERIFY_OK(contents.setSiteAccess(id, shop.span(), SiteDecision::Allow));
        ARCANUM_VERIFY_OK(contents.setSiteAccess(id, evil.span(), SiteDecision::Deny));
        ARCANUM_VERIFY_OK(contents.setSiteAccess(id, shop.span(), SiteDecision::Deny)); // replaces
        ARCANUM_VERIFY_OK(contents.setSiteAccess(id, shop.span(), SiteDecision::Allow));
        QVERIFY(contents.isModified());
        EntryView view = contents.entry(0);
        QCOMPARE(view.modified(), modified);
        QCOMPARE(view.historyCount(), std::size_t(0));
        QCOMPARE(view.siteAccess(shop.span()), std::optional(SiteDecision::Allow));
        QCOMPARE(view.siteAccess(evil.span()), std::optional(SiteDecision::Deny));
        int sites = 0;
        view.forEachSiteAccess([&](const EntryView::SiteAccess&) { ++sites; });
        QCOMPARE(sites, 2);
        QVERIFY(equals(view.title(), "Shop"));

        // An edit keeps the decisions (the draft carries them); its history version has none.
        auto draft = EntryDraft::fromEntry(contents.entry(0), *m_arena);
        ARCANUM_VERIFY_OK(draft);
        ARCANUM_VERIFY_OK(draft->set(EntryField::Password, secret(*m_arena, "new").span()));
        ARCANUM_VERIFY_OK(contents.updateEntry(id, *draft));
        view = contents.entry(0);
        QCOMPARE(view.siteAccess(shop.span()), std::optional(SiteDecision::Allow));
        QCOMPARE(view.historyCount(), std::size_t(1));
        QVERIFY(!view.historyVersion(0)->siteAccess(shop.span()));
        // Restoring the older version keeps today's decisions too.
        ARCANUM_VERIFY_OK(contents.restoreVersion(id, 0));
        QCOMPARE(contents.entry(0).siteAccess(evil.span()), std::optional(SiteDecision::Deny));

        ARCANUM_VERIFY_OK(contents.removeSiteAccess(id, evil.span()));
        QVERIFY(!contents.entry(0).siteAccess(evil.span()));
        QCOMPARE(contents.removeSiteAccess(id, evil.span()).error().code, ErrorCode::NotFound);
        QCOMPARE(contents.setSiteAccess(EntryId::random(), shop.span(), SiteDecision::Allow)
                     .error()
                     .code,
                 ErrorCode::NotFound);
        VaultContents loaded = reloaded(contents);
        QCOMPARE(loaded.entry(0).siteAccess(shop.span()), std::optional(SiteDecision::Allow));
    }

    void attachmentsAreStoredOnceAndDroppedWhenUnused()
    {
        VaultContents contents = fresh();
        SecretBuffer big = bytes(100000, 1), small = bytes(10, 2);
        EntryDraft draft(*m_arena);
        ARCANUM_VERIFY_OK(draft.set(EntryField::Title, secret(*m_arena, "Files").span()));
        ARCANUM_VERIFY_OK(draft.addAttachment(secret(*m_arena, "a.bin").span(), big.span()));
        ARCANUM_VERIFY_OK(
            draft.addAttachment(secret(*m_arena, "copy of a.bin").span(), big.span()));
        ARCANUM_VERIFY_OK(draft.addAttachment(secret(*m_arena, "small").span(), small.span()));
        QCOMPARE(draft.addAttachment(secret(*m_arena, "small").span(), small.span()).error().code,
                 ErrorCode::AlreadyExists);
        const EntryId first = contents.addEntry(draft).value();
        const EntryId second = contents.addEntry(draft).value();
        QCOMPARE(contents.attachmentDataCount(), std::size_t(2)); // same bytes, stored once

        std::vector<EntryView::Attachment> attachments;
        contents.entry(0).forEachAttachment(
            [&](const EntryView::Attachment& a) { attachments.push_back(a); });
        QCOMPARE(attachments.size(), std::size_t(3));
        QVERIFY(equals(attachments[1].name, "copy of a.bin"));
        QCOMPARE(attachments[0].data, attachments[1].data);
        const SecretSpan data = contents.attachmentData(attachments[0].data);
        QVERIFY(std::equal(data.begin(), data.end(), big.span().begin(), big.span().end()));
        QVERIFY(contents.attachmentData(EntryId::random()).empty());

        // An edit without the big file: the history and the second entry still hold it.
        auto edit = EntryDraft::fromEntry(contents.entry(0), *m_arena);
        ARCANUM_VERIFY_OK(edit);
        QCOMPARE(edit->attachments().size(), std::size_t(3));
        QVERIFY(edit->attachments()[0].data.empty()); // by id: editing copies no file
        ARCANUM_VERIFY_OK(edit->removeAttachment(secret(*m_arena, "a.bin").span()));
        ARCANUM_VERIFY_OK(edit->removeAttachment(secret(*m_arena, "copy of a.bin").span()));
        ARCANUM_VERIFY_OK(contents.updateEntry(first, *edit));
        QCOMPARE(contents.entry(0).attachmentCount(), std::size_t(1));
        QCOMPARE(contents.attachmentDataCount(), std::size_t(2));
        ARCANUM_VERIFY_OK(contents.removeEntry(second));
        QCOMPARE(contents.attachmentDataCount(), std::size_t(2)); // the history still has it
        VaultContents loaded = reloaded(contents);
        QCOMPARE(loaded.attachmentDataCount(), std::size_t(2));

        // Without history, the big file's data goes with the last reference to it.
        auto last = EntryDraft::fromEntry(loaded.entry(0), *m_arena);
        ARCANUM_VERIFY_OK(last);
        ARCANUM_VERIFY_OK(loaded.removeEntry(first));
        QCOMPARE(loaded.attachmentDataCount(), std::size_t(0));
        // A draft naming data that is gone is refused, not written dangling.
        QCOMPARE(loaded.addEntry(*last).error().code, ErrorCode::NotFound);

        EntryDraft empty(*m_arena);
        ARCANUM_VERIFY_OK(empty.addAttachment(secret(*m_arena, "empty").span(), SecretSpan()));
        ARCANUM_VERIFY_OK(loaded.addEntry(empty));
        QCOMPARE(reloaded(loaded).entry(0).attachmentCount(), std::size_t(1));
    }

    // Data no attachment names, in a file: kept by loading (which changes nothing), dropped by
    // the next save (Vault::save calls dropUnusedAttachmentData). Found by FuzzVaultReader.
    void unreferencedAttachmentDataGoesAtTheNextSave()
    {
        VaultContents contents = fresh();
        EntryDraft draft(*m_arena);
        ARCANUM_VERIFY_OK(draft.addAttachment(secret(*m_arena, "a").span(), bytes(5, 1).span()));
        const EntryId id = contents.addEntry(draft).value();
        auto withData = contents.serialize();
        ARCANUM_VERIFY_OK(withData);
        // The same payload without the entry: its data is left unreferenced.
        ARCANUM_VERIFY_OK(contents.removeEntry(id)); // also drops the data in `contents`
        QCOMPARE(contents.attachmentDataCount(), std::size_t(0));
        RecordWriter writer(*m_arena);
        RecordReader reader(withData->span());
        Record record;
        while (reader.next(record))
            if (record.tag != tags::entry)
                writer.appendRaw(record.whole);
        auto orphaned = writer.finish();
        ARCANUM_VERIFY_OK(orphaned);
        const std::size_t size = orphaned->size();
        auto loaded = VaultContents::load(std::move(orphaned.value()), *m_arena);
        ARCANUM_VERIFY_OK(loaded);
        QCOMPARE(loaded->attachmentDataCount(), std::size_t(1));
        QCOMPARE(loaded->payloadBytes(), size);
        loaded->dropUnusedAttachmentData();
        QCOMPARE(loaded->attachmentDataCount(), std::size_t(0));
    }

    void expiryAndAutofillFlagsAreCarriedAndVersioned()
    {
        VaultContents contents = fresh();
        EntryDraft draft(*m_arena);
        ARCANUM_VERIFY_OK(draft.set(EntryField::Title, secret(*m_arena, "Old site").span()));
        draft.setExpires(1893456000000);
        draft.setAutofillFlags(EntryView::allowHttpFlag | 0x40); // a reserved bit, kept
        const EntryId id = contents.addEntry(draft).value();
        auto copy = EntryDraft::fromEntry(contents.entry(0), *m_arena);
        ARCANUM_VERIFY_OK(copy);
        QCOMPARE(copy->expires(), std::optional<std::int64_t>(1893456000000));
        QCOMPARE(copy->autofillFlags(), std::uint8_t(0x41));
        copy->setExpires(std::nullopt);
        copy->setAutofillFlags(EntryView::hiddenFromBrowserFlag);
        ARCANUM_VERIFY_OK(contents.updateEntry(id, *copy));
        VaultContents loaded = reloaded(contents);
        const EntryView view = loaded.entry(0);
        QVERIFY(!view.expires());
        QVERIFY(view.isHiddenFromBrowser() && !view.allowsHttp());
        const EntryView older = *view.historyVersion(0);
        QCOMPARE(older.expires(), std::optional<std::int64_t>(1893456000000));
        QCOMPARE(older.autofillFlags(), std::uint8_t(0x41));
        ARCANUM_VERIFY_OK(loaded.restoreVersion(id, 0));
        QCOMPARE(loaded.entry(0).autofillFlags(), std::uint8_t(0x41));
    }

    // FORMAT.md §3: writers emit known fields in table order, and nothing for "none".
    void writersUseTableOrderAndOmitNone()
    {
        VaultContents contents = fresh();
        const EntryId group = contents.addGroup(secret(*m_arena, "Top").span()).value();
        EntryDraft draft(*m_arena);
        for (EntryField field : {EntryField::Totp, EntryField::Notes, EntryField::Url,
                                 EntryField::Password, EntryField::Username, EntryField::Title})
            ARCANUM_VERIFY_OK(draft.set(field, secret(*m_arena, "x").span()));
        ARCANUM_VERIFY_OK(draft.addTag(secret(*m_arena, "t").span()));
        ARCANUM_VERIFY_OK(draft.addCustomField(secret(*m_arena, "c").span(),
                                               secret(*m_arena, "v").span(), false));
        ARCANUM_VERIFY_OK(draft.addAttachment(secret(*m_arena, "a").span(), bytes(3, 0).span()));
        ARCANUM_VERIFY_OK(
            draft.setSiteAccess(secret(*m_arena, "https://x:443").span(), SiteDecision::Allow));
        draft.setExpires(1);
        draft.setAutofillFlags(1);
        draft.setGroup(group);
        const EntryId id = contents.addEntry(draft).value();
        ARCANUM_VERIFY_OK(contents.updateEntry(id, draft)); // adds a history
        std::vector<std::uint8_t> order;
        contents.entry(0).forEachRecord([&](const Record& r) { order.push_back(r.tag); });
        const std::vector<std::uint8_t> expected = {
            tags::entryId,      tags::entryGroup,    tags::entryCreated, tags::entryModified,
            tags::entryExpires, tags::autofillFlags, tags::title,        tags::username,
            tags::password,     tags::url,           tags::notes,        tags::totp,
            tags::tag,          tags::customField,   tags::attachment,   tags::siteAccess,
            tags::history};
        QVERIFY(order == expected);
        // An entry in no group, a top-level group and an unprotected custom field write nothing
        // for "none".
        EntryDraft plain(*m_arena);
        ARCANUM_VERIFY_OK(plain.addCustomField(secret(*m_arena, "c").span(), SecretSpan(), false));
        ARCANUM_VERIFY_OK(contents.addEntry(plain));
        std::vector<std::uint8_t> plainOrder;
        contents.entry(1).forEachRecord([&](const Record& r) { plainOrder.push_back(r.tag); });
        QVERIFY((plainOrder == std::vector<std::uint8_t>{tags::entryId, tags::entryCreated,
                                                         tags::entryModified, tags::customField}));
        bool flags = false;
        contents.entry(1).forEachRecord([&](const Record& r) {
            if (r.tag == tags::customField)
                flags = !RecordReader::findFirst(r.value, tags::customFlags).empty();
        });
        QVERIFY(!flags);
        QVERIFY(
            RecordReader::findFirst(contents.group(0).recordValue(), tags::groupParent).empty());
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
