// Tests for VaultAssociationStore and VaultSiteAccessStore: the browser associations and site
// decisions kept in the vault file — add, replace, remove, verify, touch (rate-limited),
// decisions allowed / denied / forgotten, flags from the entry, unknown entries, and everything
// still there after the vault is saved and opened again.
#include "TestSupport.h"
#include "autofill/VaultAssociationStore.h"
#include "autofill/VaultSiteAccessStore.h"
#include "vault/Vault.h"

#include <QTemporaryDir>

using namespace arcanum;
using namespace arcanum::autofill;
using namespace arcanum::test;

namespace {

Argon2Params fastKdf()
{
    return Argon2Params::withRandomSalt(256, 1, 2);
}

SecretBuffer key(SecretArena& arena, std::uint8_t fill)
{
    SecretBuffer buffer = std::move(arena.allocate(AssociationStore::idKeyBytes).value());
    for (std::size_t i = 0; i < buffer.size(); ++i)
        buffer.data()[i] = std::uint8_t(fill + i);
    return buffer;
}

EntryId addEntry(VaultContents& contents, SecretArena& arena, const char* title,
                 std::uint8_t flags = 0)
{
    EntryDraft draft(arena);
    (void)draft.set(EntryField::Title, secret(arena, title).span());
    (void)draft.addUrl(secret(arena, "https://example.com").span());
    draft.setAutofillFlags(flags);
    return contents.addEntry(draft).value();
}

std::string_view text(SecretSpan span)
{
    return {span.chars(), span.size()};
}

} // namespace

class TestVaultAutofillStores : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_input;
    QTemporaryDir m_dir;

private slots:
    void initTestCase() { m_input = makeArena(); }

    void associationsPersistAcrossSaveAndReopen()
    {
        const std::string file = (m_dir.path() + "/associations.arcanum").toStdString();
        const SecretBuffer password = secret(*m_input, "master");
        {
            auto vault = Vault::create(file, password.span(), fastKdf());
            ARCANUM_VERIFY_OK(vault);
            SecretArena& arena = (*vault)->arena();
            VaultAssociationStore store((*vault)->contents());
            QCOMPARE(store.count(), std::size_t(0));
            ARCANUM_VERIFY_OK(
                store.add(secret(arena, "Firefox on desk").span(), key(arena, 1).span(), 0));
            ARCANUM_VERIFY_OK(store.add(secret(arena, "Chromium").span(), key(arena, 2).span(), 0));
            QVERIFY((*vault)->contents().isModified());
            ARCANUM_VERIFY_OK((*vault)->save());
        }
        auto vault = Vault::open(file, password.span());
        ARCANUM_VERIFY_OK(vault);
        SecretArena& arena = (*vault)->arena();
        VaultAssociationStore store((*vault)->contents());
        QCOMPARE(store.count(), std::size_t(2));
        QCOMPARE(text(store.at(0).name), std::string_view("Firefox on desk"));
        QVERIFY(store.at(0).createdMs > 0);
        QCOMPARE(store.at(0).lastUsedMs, std::int64_t(0));
        QCOMPARE(store.verify(secret(arena, "Chromium").span(), key(arena, 2).span()),
                 std::optional<std::size_t>(1));
        QVERIFY(!store.verify(secret(arena, "Chromium").span(), key(arena, 1).span()));
        QVERIFY(!store.verify(secret(arena, "chromium").span(), key(arena, 2).span()));
    }

    void addReplacesTheKeyOfANameInUse()
    {
        auto arena = makeArena();
        auto contents = VaultContents::createEmpty(*arena);
        ARCANUM_VERIFY_OK(contents);
        VaultAssociationStore store(*contents);
        ARCANUM_VERIFY_OK(store.add(secret(*arena, "laptop").span(), key(*arena, 1).span(), 0));
        ARCANUM_VERIFY_OK(store.add(secret(*arena, "laptop").span(), key(*arena, 9).span(), 0));
        QCOMPARE(store.count(), std::size_t(1));
        QVERIFY(store.verify(secret(*arena, "laptop").span(), key(*arena, 9).span()));
        QVERIFY(!store.verify(secret(*arena, "laptop").span(), key(*arena, 1).span()));
    }

    void badAssociationsAreRefused()
    {
        auto arena = makeArena();
        auto contents = VaultContents::createEmpty(*arena);
        VaultAssociationStore store(*contents);
        const auto noName = store.add({}, key(*arena, 1).span(), 0);
        QVERIFY(!noName.ok());
        QCOMPARE(noName.error().code, ErrorCode::InvalidArgument);
        const SecretBuffer shortKey = secret(*arena, "short");
        const auto badKey = store.add(secret(*arena, "x").span(), shortKey.span(), 0);
        QVERIFY(!badKey.ok());
        QCOMPARE(badKey.error().code, ErrorCode::InvalidArgument);
        const auto missing = store.remove(secret(*arena, "nobody").span());
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QCOMPARE(store.count(), std::size_t(0));
    }

    void removeForgetsTheBrowser()
    {
        auto arena = makeArena();
        auto contents = VaultContents::createEmpty(*arena);
        VaultAssociationStore store(*contents);
        ARCANUM_VERIFY_OK(store.add(secret(*arena, "a").span(), key(*arena, 1).span(), 0));
        ARCANUM_VERIFY_OK(store.add(secret(*arena, "b").span(), key(*arena, 2).span(), 0));
        ARCANUM_VERIFY_OK(store.remove(secret(*arena, "a").span()));
        QCOMPARE(store.count(), std::size_t(1));
        QCOMPARE(text(store.at(0).name), std::string_view("b"));
        QVERIFY(!store.find(secret(*arena, "a").span()));
    }

    void touchIsRecordedAtMostOncePerInterval()
    {
        auto arena = makeArena();
        auto contents = VaultContents::createEmpty(*arena);
        VaultAssociationStore store(*contents);
        ARCANUM_VERIFY_OK(store.add(secret(*arena, "a").span(), key(*arena, 1).span(), 0));
        const std::int64_t t = 1'700'000'000'000;
        store.touch(0, t);
        QCOMPARE(store.at(0).lastUsedMs, t);
        store.touch(0, t + VaultAssociationStore::touchIntervalMs - 1);
        QCOMPARE(store.at(0).lastUsedMs, t); // too soon: the record is not rewritten
        store.touch(0, t + VaultAssociationStore::touchIntervalMs);
        QCOMPARE(store.at(0).lastUsedMs, t + VaultAssociationStore::touchIntervalMs);
        store.touch(5, t); // out of range: ignored
    }

    void siteDecisionsPersistAcrossSaveAndReopen()
    {
        const std::string file = (m_dir.path() + "/sites.arcanum").toStdString();
        const SecretBuffer password = secret(*m_input, "master");
        EntryId first, second;
        {
            auto vault = Vault::create(file, password.span(), fastKdf());
            ARCANUM_VERIFY_OK(vault);
            SecretArena& arena = (*vault)->arena();
            VaultContents& contents = (*vault)->contents();
            first = addEntry(contents, arena, "one");
            second = addEntry(contents, arena, "two");
            VaultSiteAccessStore store(contents);
            const SecretBuffer origin = secret(arena, "https://login.example.com");
            QCOMPARE(store.access(first, origin.span()), SiteAccess::Unknown);
            ARCANUM_VERIFY_OK(store.setAccess(first, origin.span(), SiteAccess::Allowed));
            ARCANUM_VERIFY_OK(store.setAccess(second, origin.span(), SiteAccess::Denied));
            const std::size_t history = contents.entry(*contents.findEntry(first)).historyCount();
            ARCANUM_VERIFY_OK(store.setAccess(first, origin.span(), SiteAccess::Allowed));
            // Not an edit: no history version.
            QCOMPARE(contents.entry(*contents.findEntry(first)).historyCount(), history);
            ARCANUM_VERIFY_OK((*vault)->save());
        }
        auto vault = Vault::open(file, password.span());
        ARCANUM_VERIFY_OK(vault);
        SecretArena& arena = (*vault)->arena();
        VaultSiteAccessStore store((*vault)->contents());
        const SecretBuffer origin = secret(arena, "https://login.example.com");
        QCOMPARE(store.access(first, origin.span()), SiteAccess::Allowed);
        QCOMPARE(store.access(second, origin.span()), SiteAccess::Denied);
        QCOMPARE(store.access(first, secret(arena, "https://example.com").span()),
                 SiteAccess::Unknown);
        // Forgetting a decision.
        ARCANUM_VERIFY_OK(store.setAccess(second, origin.span(), SiteAccess::Unknown));
        QCOMPARE(store.access(second, origin.span()), SiteAccess::Unknown);
        ARCANUM_VERIFY_OK(store.setAccess(second, origin.span(), SiteAccess::Unknown)); // again
    }

    void unknownEntriesAndEmptyOrigins()
    {
        auto arena = makeArena();
        auto contents = VaultContents::createEmpty(*arena);
        VaultSiteAccessStore store(*contents);
        const EntryId nobody = EntryId::random();
        const SecretBuffer origin = secret(*arena, "https://example.com");
        QCOMPARE(store.access(nobody, origin.span()), SiteAccess::Unknown);
        const auto set = store.setAccess(nobody, origin.span(), SiteAccess::Allowed);
        QVERIFY(!set.ok());
        QCOMPARE(set.error().code, ErrorCode::NotFound);
        const EntryId entry = addEntry(*contents, *arena, "x");
        const auto empty = store.setAccess(entry, {}, SiteAccess::Allowed);
        QVERIFY(!empty.ok());
        QCOMPARE(empty.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(store.flags(nobody).allowHttp, false);
    }

    void flagsComeFromTheEntry()
    {
        auto arena = makeArena();
        auto contents = VaultContents::createEmpty(*arena);
        VaultSiteAccessStore store(*contents);
        const EntryId plain = addEntry(*contents, *arena, "plain");
        const EntryId http = addEntry(*contents, *arena, "http", EntryView::allowHttpFlag);
        const EntryId hidden =
            addEntry(*contents, *arena, "hidden", EntryView::hiddenFromBrowserFlag);
        QVERIFY(!store.flags(plain).allowHttp && !store.flags(plain).hideFromBrowser);
        QVERIFY(store.flags(http).allowHttp && !store.flags(http).hideFromBrowser);
        QVERIFY(!store.flags(hidden).allowHttp && store.flags(hidden).hideFromBrowser);
    }
};

QTEST_GUILESS_MAIN(TestVaultAutofillStores)
#include "TestVaultAutofillStores.moc"
