// Tests for SiteAccessDialog on its own: the site, the form's target and each entry's title and
// user name drawn from the arena; each of the three buttons gives its answer for every entry
// asked about; Escape is "dismissed" (no answer, nothing remembered); releaseSecrets().
#include "SecretTestSupport.h"
#include "autofill/SiteAccessDialog.h"
#include "secret/SecretLabel.h"
#include "vault/VaultContents.h"

#include <QPushButton>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::autofill;
using namespace arcanum::test;

class TestSiteAccessDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;
    std::unique_ptr<VaultContents> m_contents;
    EntryId m_first, m_second;
    SecretBuffer m_origin, m_submit;

    EntryId add(const char* title, const char* user)
    {
        EntryDraft draft(*m_arena);
        (void)draft.set(EntryField::Title, secret(*m_arena, title).span());
        (void)draft.set(EntryField::Username, secret(*m_arena, user).span());
        return m_contents->addEntry(draft).value();
    }

    SiteAccessQuestion question(bool withSubmit = false) const
    {
        SiteAccessQuestion q;
        q.origin = m_origin.span();
        if (withSubmit)
            q.submitOrigin = m_submit.span();
        q.entries = {m_first, m_second};
        return q;
    }

private slots:
    void initTestCase()
    {
        m_arena = makeArena();
        m_contents = std::make_unique<VaultContents>(
            std::move(VaultContents::createEmpty(*m_arena).value()));
        m_first = add("Mail", "alice");
        m_second = add("Mail (work)", "alice.w");
        m_origin = secret(*m_arena, "https://mail.example.com");
        m_submit = secret(*m_arena, "https://login.example.net");
    }

    void showsTheSiteAndTheEntries()
    {
        SiteAccessDialog dialog(m_arena.get(), question(true), *m_contents);
        QCOMPARE_TEXT(dialog.originLabel()->text(), "https://mail.example.com");
        QCOMPARE(dialog.entryLabels().size(), std::size_t(4));
        QCOMPARE_TEXT(dialog.entryLabels()[0]->text(), "Mail");
        QCOMPARE_TEXT(dialog.entryLabels()[1]->text(), "alice");
        QCOMPARE_TEXT(dialog.entryLabels()[2]->text(), "Mail (work)");
        QCOMPARE_TEXT(dialog.entryLabels()[3]->text(), "alice.w");
        QVERIFY(!dialog.originLabel()->accessibleName().isEmpty());
        QVERIFY(m_arena->contains(dialog.originLabel()->text().data()));
        dialog.releaseSecrets();
        QVERIFY(dialog.originLabel()->isEmpty());
        QVERIFY(dialog.entryLabels()[0]->isEmpty());
    }

    void eachButtonAnswersForEveryEntry_data()
    {
        QTest::addColumn<int>("button");
        QTest::addColumn<int>("answer");
        QTest::addColumn<int>("result");
        QTest::newRow("allow once") << 0 << int(SiteAnswer::AllowOnce) << int(QDialog::Accepted);
        QTest::newRow("always") << 1 << int(SiteAnswer::AllowAlways) << int(QDialog::Accepted);
        QTest::newRow("deny") << 2 << int(SiteAnswer::Deny) << int(QDialog::Rejected);
    }

    void eachButtonAnswersForEveryEntry()
    {
        QFETCH(int, button);
        QFETCH(int, answer);
        QFETCH(int, result);
        SiteAccessDialog dialog(m_arena.get(), question(), *m_contents);
        dialog.show();
        QPushButton* buttons[] = {dialog.allowOnceButton(), dialog.allowAlwaysButton(),
                                  dialog.denyButton()};
        buttons[button]->click();
        QCOMPARE(dialog.result(), result);
        QVERIFY(!dialog.dismissed());
        QCOMPARE(dialog.answer(), std::optional<SiteAnswer>(SiteAnswer(answer)));
        const auto decisions = dialog.decisions();
        QCOMPARE(decisions.size(), std::size_t(2));
        QCOMPARE(decisions[0].entry, m_first);
        QCOMPARE(decisions[1].entry, m_second);
        for (const EntryDecision& d : decisions)
            QCOMPARE(int(d.answer), answer);
    }

    void keyboardChoosesToo()
    {
        SiteAccessDialog dialog(m_arena.get(), question(), *m_contents);
        dialog.show();
        dialog.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QCOMPARE(QApplication::focusWidget(), dialog.allowOnceButton()); // the default has focus
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), dialog.allowAlwaysButton());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
        QCOMPARE(dialog.answer(), std::optional<SiteAnswer>(SiteAnswer::AllowAlways));
    }

    void escapeIsDismissed()
    {
        SiteAccessDialog dialog(m_arena.get(), question(), *m_contents);
        dialog.show();
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(dialog.dismissed());
        QVERIFY(dialog.decisions().empty());
    }
};

QTEST_MAIN(TestSiteAccessDialog)
#include "TestSiteAccessDialog.moc"
