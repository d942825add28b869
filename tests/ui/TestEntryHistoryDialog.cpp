// Tests for EntryHistoryDialog on a real vault: the versions are listed newest first by date; an
// earlier version's fields are shown (protected ones masked until Show); restoring asks first,
// saves at once, keeps the group and puts the current version into the history; Restore is off
// for the current version; a failed save is shown and can be retried; keyboard use; a lock while
// it is open wipes and rejects; no copy of an old version's fields outside the arena.
#include "SecretTestSupport.h"
#include "dialogs/EntryHistoryDialog.h"
#include "secret/SecretLabel.h"
#include "secret/SecretTextEdit.h"
#include "support/TestVault.h"
#include "support/Windows.h"

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

namespace {

EntryView entryIn(Vault& vault, const EntryId& id)
{
    const auto index = vault.contents().findEntry(id);
    if (!index)
        qFatal("entry not found");
    return vault.contents().entry(*index);
}

// Saves a new version of entry `id` with `title` and `password`, the rest as it was.
void editEntry(TestVault& vault, const EntryId& id, const char* title, const char* password)
{
    auto draft = EntryDraft::fromEntry(entryIn(vault.vault(), id), vault.arena());
    QVERIFY(draft.ok());
    QVERIFY(draft->set(EntryField::Title, vault.secret(title).span()).ok());
    QVERIFY(draft->set(EntryField::Password, vault.secret(password).span()).ok());
    QVERIFY(vault.contents().updateEntry(id, *draft).ok());
    vault.commit();
}

// The question's "Restore" button.
QAbstractButton* confirmButton(QMessageBox* question)
{
    for (QAbstractButton* button : question->buttons())
        if (question->buttonRole(button) == QMessageBox::AcceptRole)
            return button;
    return nullptr;
}

} // namespace

class TestEntryHistoryDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestVault> m_vault; // a new, unlocked vault for every test

    // "First" (password "pw 1"), then "Second" ("pw 2"), then "Third" ("pw 3"), now current.
    EntryId threeVersions(const EntryId& group = {})
    {
        const EntryId id =
            m_vault->addEntry("First", "alice", "pw 1", {"https://a.example"}, group);
        editEntry(*m_vault, id, "Second", "pw 2");
        editEntry(*m_vault, id, "Third", "pw 3");
        return id;
    }

private slots:
    void init() { QVERIFY((m_vault = TestVault::created())); }
    void cleanup() { m_vault.reset(); }

    void versionsAreListedNewestFirst()
    {
        const EntryId id = threeVersions();
        EntryHistoryDialog dialog(&m_vault->session(), id);
        QVERIFY(showAndActivate(dialog));
        QListWidget* list = dialog.versionList();
        QCOMPARE(std::size_t(list->count()), entryIn(m_vault->vault(), id).historyCount() + 1);
        QCOMPARE(list->count(), 3);
        QVERIFY(list->item(0)->text().endsWith(QStringLiteral("— current")));
        for (int row = 1; row < list->count(); ++row)
            QVERIFY(!list->item(row)->text().contains(QStringLiteral("current")));
        // Opens on the newest earlier version, the list focused.
        QCOMPARE(dialog.selectedRow(), 1);
        QCOMPARE_TEXT(dialog.titleLabel()->text(), "Second");
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(list));
        QVERIFY(!dialog.windowTitle().contains(QStringLiteral("Third")));
    }

    void selectingAVersionShowsItsFields()
    {
        EntryDraft draft(m_vault->arena());
        QVERIFY(draft.set(EntryField::Title, m_vault->secret("Bank").span()).ok());
        QVERIFY(draft.set(EntryField::Username, m_vault->secret("bob").span()).ok());
        QVERIFY(draft.set(EntryField::Password, m_vault->secret("old password").span()).ok());
        QVERIFY(draft.set(EntryField::Notes, m_vault->secret("old notes").span()).ok());
        QVERIFY(draft.addUrl(m_vault->secret("https://a.example").span()).ok());
        QVERIFY(draft.addUrl(m_vault->secret("https://b.example").span()).ok());
        QVERIFY(draft.addTag(m_vault->secret("money").span()).ok());
        QVERIFY(draft.addTag(m_vault->secret("home").span()).ok());
        QVERIFY(
            draft
                .addCustomField(m_vault->secret("PIN").span(), m_vault->secret("1234").span(), true)
                .ok());
        QVERIFY(draft
                    .addCustomField(m_vault->secret("Branch").span(),
                                    m_vault->secret("Main St").span(), false)
                    .ok());
        auto id = m_vault->contents().addEntry(draft);
        QVERIFY(id.ok());
        m_vault->commit();
        auto edited = EntryDraft::fromEntry(entryIn(m_vault->vault(), *id), m_vault->arena());
        QVERIFY(edited.ok());
        QVERIFY(edited->set(EntryField::Title, m_vault->secret("Bank (new)").span()).ok());
        QVERIFY(edited->set(EntryField::Password, m_vault->secret("new password").span()).ok());
        QVERIFY(edited->set(EntryField::Url, m_vault->secret("https://c.example").span()).ok());
        edited->clearTags();
        edited->clearCustomFields();
        QVERIFY(m_vault->contents().updateEntry(*id, *edited).ok());
        m_vault->commit();

        EntryHistoryDialog dialog(&m_vault->session(), *id);
        QVERIFY(showAndActivate(dialog));
        QCOMPARE(dialog.versionList()->count(), 2);
        QCOMPARE(dialog.selectedRow(), 1);
        QCOMPARE_TEXT(dialog.titleLabel()->text(), "Bank");
        QCOMPARE_TEXT(dialog.usernameLabel()->text(), "bob");
        QCOMPARE_TEXT(dialog.passwordLabel()->text(), "old password");
        QVERIFY(dialog.passwordLabel()->isMasked());
        QCOMPARE(dialog.urlLabels().size(), std::size_t(2));
        QCOMPARE_TEXT(dialog.urlLabels()[0]->text(), "https://a.example");
        QCOMPARE_TEXT(dialog.urlLabels()[1]->text(), "https://b.example");
        QCOMPARE_TEXT(dialog.tagsLabel()->text(), "money, home");
        QCOMPARE_TEXT(dialog.notesEdit()->text(), "old notes");
        QVERIFY(dialog.notesEdit()->isReadOnly());
        QCOMPARE(dialog.customFieldCount(), std::size_t(2));
        QCOMPARE_TEXT(dialog.customFieldName(0)->text(), "PIN");
        QCOMPARE_TEXT(dialog.customFieldValue(0)->text(), "1234");
        QVERIFY(dialog.customFieldValue(0)->isMasked());
        QCOMPARE_TEXT(dialog.customFieldName(1)->text(), "Branch");
        QVERIFY(!dialog.customFieldValue(1)->isMasked());
        QVERIFY(dialog.restoreButton()->isEnabled());

        QTest::mouseClick(dialog.revealButton(), Qt::LeftButton);
        QVERIFY(dialog.isRevealed());
        QVERIFY(!dialog.passwordLabel()->isMasked());
        QVERIFY(!dialog.customFieldValue(0)->isMasked());
        (void)dialog.grab();

        dialog.selectRow(0); // the current version: fewer rows, still revealed
        QCOMPARE_TEXT(dialog.titleLabel()->text(), "Bank (new)");
        QCOMPARE_TEXT(dialog.passwordLabel()->text(), "new password");
        QVERIFY(!dialog.passwordLabel()->isMasked());
        QCOMPARE(dialog.urlLabels().size(), std::size_t(1));
        QCOMPARE(dialog.customFieldCount(), std::size_t(0));
        QVERIFY(dialog.tagsLabel()->isEmpty());
        QTest::mouseClick(dialog.revealButton(), Qt::LeftButton);
        QVERIFY(dialog.passwordLabel()->isMasked());
    }

    void restoreIsSavedAndKeepsTheCurrentVersion()
    {
        const EntryId group = m_vault->addGroup("Work");
        const EntryId id = threeVersions(group);
        EntryHistoryDialog dialog(&m_vault->session(), id);
        QVERIFY(showAndActivate(dialog));
        dialog.selectRow(2); // "First"
        QCOMPARE_TEXT(dialog.titleLabel()->text(), "First");
        QTest::mouseClick(dialog.restoreButton(), Qt::LeftButton);
        QMessageBox* question = dialog.restoreQuestion();
        QVERIFY(question != nullptr);
        QTRY_VERIFY(question->isVisible());
        QVERIFY(!question->text().contains(QStringLiteral("First")));
        QTest::mouseClick(confirmButton(question), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.isVisible());
        QVERIFY(dialog.restoreQuestion() == nullptr);
        QVERIFY(dialog.titleLabel()->isEmpty()); // wiped on closing
        QVERIFY(dialog.passwordLabel()->isEmpty());

        auto disk = m_vault->reopen();
        QCOMPARE(disk->contents().entryCount(), std::size_t(1));
        const EntryView saved = entryIn(*disk, id);
        QCOMPARE_TEXT(saved.title(), "First");
        QCOMPARE_TEXT(saved.password(), "pw 1");
        QVERIFY(saved.group() == group);
        QCOMPARE(saved.historyCount(), std::size_t(3));
        QCOMPARE_TEXT(saved.historyVersion(0)->title(), "Third");
        QCOMPARE_TEXT(saved.historyVersion(0)->password(), "pw 3");
    }

    void restoreIsOffForTheCurrentVersion()
    {
        const EntryId id = threeVersions();
        EntryHistoryDialog dialog(&m_vault->session(), id);
        QVERIFY(showAndActivate(dialog));
        dialog.selectRow(0);
        QCOMPARE_TEXT(dialog.titleLabel()->text(), "Third");
        QVERIFY(!dialog.restoreButton()->isEnabled());
        dialog.restoreSelected(); // nothing to ask, nothing to do
        QVERIFY(dialog.restoreQuestion() == nullptr);
        dialog.selectRow(1);
        QVERIFY(dialog.restoreButton()->isEnabled());

        // An entry without history lists only its current version.
        const EntryId single = m_vault->addEntry("Single", "u", "p");
        EntryHistoryDialog alone(&m_vault->session(), single);
        QCOMPARE(alone.versionList()->count(), 1);
        QCOMPARE(alone.selectedRow(), 0);
        QVERIFY(!alone.restoreButton()->isEnabled());
        QCOMPARE(entryIn(m_vault->vault(), id).historyCount(), std::size_t(2));
        QCOMPARE_TEXT(entryIn(m_vault->vault(), id).title(), "Third");
    }

    void cancellingTheQuestionChangesNothing()
    {
        const EntryId id = threeVersions();
        const QByteArray before = m_vault->fileBytes();
        EntryHistoryDialog dialog(&m_vault->session(), id);
        QVERIFY(showAndActivate(dialog));
        QTest::mouseClick(dialog.restoreButton(), Qt::LeftButton);
        QMessageBox* question = dialog.restoreQuestion();
        QVERIFY(question != nullptr);
        QTest::mouseClick(question->button(QMessageBox::Cancel), Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.restoreQuestion() == nullptr);
        QCOMPARE_TEXT(dialog.titleLabel()->text(), "Second");
        QCOMPARE(m_vault->fileBytes(), before);
        QCOMPARE_TEXT(entryIn(m_vault->vault(), id).title(), "Third");
    }

    void failedSaveIsShownAndCanBeRetried()
    {
        const EntryId id = threeVersions();
        const QByteArray original = m_vault->fileBytes();
        EntryHistoryDialog dialog(&m_vault->session(), id);
        QVERIFY(showAndActivate(dialog));

        // Another program replaces the file: saving must refuse (FileChangedOnDisk).
        const QByteArray theirs = original + QByteArray("theirs");
        m_vault->writeFile(theirs);
        QSignalSpy saveFailed(&m_vault->session(), &VaultSession::saveFailed);
        QTest::mouseClick(dialog.restoreButton(), Qt::LeftButton);
        QTest::mouseClick(confirmButton(dialog.restoreQuestion()), Qt::LeftButton);
        QCOMPARE(saveFailed.count(), 1);
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.isSavePending());
        QVERIFY(dialog.errorLabel()->isVisible());
        QVERIFY(dialog.errorLabel()->text().contains(QStringLiteral("changed on disk")));
        QCOMPARE(m_vault->fileBytes(), theirs); // nothing was written over it
        // The restore is in memory: the list shows it as the current version.
        QCOMPARE(dialog.versionList()->count(), 4);
        QCOMPARE(dialog.selectedRow(), 0);
        QCOMPARE_TEXT(dialog.titleLabel()->text(), "Second");
        QVERIFY(dialog.restoreButton()->isEnabled());
        QVERIFY(dialog.restoreButton()->text().contains(QStringLiteral("Retry")));

        m_vault->writeFile(original); // the other program is undone: saving works again
        QTest::mouseClick(dialog.restoreButton(), Qt::LeftButton); // saves, asks nothing
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.isSavePending());
        auto disk = m_vault->reopen();
        const EntryView saved = entryIn(*disk, id);
        QCOMPARE_TEXT(saved.title(), "Second"); // restored once, not twice
        QCOMPARE(saved.historyCount(), std::size_t(3));
        QCOMPARE_TEXT(saved.historyVersion(0)->title(), "Third");
    }

    void keyboardOnly()
    {
        const EntryId id = threeVersions();
        EntryHistoryDialog dialog(&m_vault->session(), id);
        QVERIFY(showAndActivate(dialog));
        QListWidget* list = dialog.versionList();
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(list));
        QTest::keyClick(list, Qt::Key_Up);
        QCOMPARE(dialog.selectedRow(), 0);
        QVERIFY(!dialog.restoreButton()->isEnabled());
        QTest::keyClick(list, Qt::Key_Down);
        QTest::keyClick(list, Qt::Key_Down);
        QCOMPARE(dialog.selectedRow(), 2);
        QCOMPARE_TEXT(dialog.titleLabel()->text(), "First");
        QTest::keyClick(list, Qt::Key_Return); // Enter neither restores nor closes
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.restoreQuestion() == nullptr);

        QTest::keyClick(&dialog, Qt::Key_R, Qt::AltModifier); // "&Restore This Version"
        QTRY_VERIFY(dialog.restoreQuestion() != nullptr);
        QTest::keyClick(dialog.restoreQuestion(), Qt::Key_Escape); // no
        QVERIFY(dialog.restoreQuestion() == nullptr);
        QVERIFY(dialog.isVisible());
        QVERIFY(showAndActivate(dialog)); // offscreen does not hand activation back itself
        QTest::keyClick(&dialog, Qt::Key_R, Qt::AltModifier);
        QTRY_VERIFY(dialog.restoreQuestion() != nullptr);
        QTest::keyClick(dialog.restoreQuestion(), Qt::Key_Return); // "Restore" is the default
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        auto disk = m_vault->reopen();
        QCOMPARE_TEXT(entryIn(*disk, id).title(), "First");

        EntryHistoryDialog again(&m_vault->session(), id);
        QVERIFY(showAndActivate(again));
        QTest::keyClick(again.versionList(), Qt::Key_Escape); // Esc closes
        QCOMPARE(again.result(), int(QDialog::Rejected));
        QVERIFY(!again.isVisible());
        QVERIFY(again.titleLabel()->isEmpty());
    }

    void lockWhileOpenWipesAndRejects()
    {
        const EntryId id = threeVersions();
        auto* dialog = new EntryHistoryDialog(&m_vault->session(), id);
        QVERIFY(showAndActivate(*dialog));
        dialog->setRevealed(true);
        QTest::mouseClick(dialog->restoreButton(), Qt::LeftButton); // the question is open
        QVERIFY(dialog->restoreQuestion() != nullptr);
        QSignalSpy finished(dialog, &QDialog::finished);

        const std::uint8_t* password = dialog->passwordLabel()->text().data();
        const std::size_t passwordSize = dialog->passwordLabel()->text().size();
        const std::uint8_t* url = dialog->urlLabels().at(0)->text().data();
        const std::size_t urlSize = dialog->urlLabels().at(0)->text().size();
        QVERIFY(passwordSize > 0 && urlSize > 0);
        bool checkedBeforeRelease = false;
        // Connected after the dialog: runs once the dialog reacted, while the arena is mapped.
        connect(&m_vault->session(), &VaultSession::aboutToLock, this, [&] {
            QVERIFY(dialog->passwordLabel()->isEmpty());
            QVERIFY(dialog->titleLabel()->isEmpty());
            QVERIFY(dialog->notesEdit()->isEmpty());
            QVERIFY(dialog->urlLabels().empty());
            for (std::size_t i = 0; i < passwordSize; ++i)
                QCOMPARE(password[i], std::uint8_t(0));
            for (std::size_t i = 0; i < urlSize; ++i)
                QCOMPARE(url[i], std::uint8_t(0));
            QVERIFY(dialog->restoreQuestion() == nullptr);
            QCOMPARE(finished.count(), 1);
            checkedBeforeRelease = true;
        });
        m_vault->session().lock();
        QVERIFY(checkedBeforeRelease);
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
        QVERIFY(!dialog->isVisible());
        (void)dialog->grab();      // painting after the lock touches no arena
        dialog->restoreSelected(); // nothing to restore into
        dialog->selectRow(1);      // nothing to show
        QVERIFY(dialog->titleLabel()->isEmpty());
        delete dialog;
    }

    void noCopyOfAnOldVersionOutsideTheArena()
    {
        SecretBuffer title = randomCanary(m_vault->arena(), 24);
        SecretBuffer password = randomCanary(m_vault->arena(), 24);
        SecretBuffer notes = randomCanary(m_vault->arena(), 24);
        SecretBuffer url = randomCanary(m_vault->arena(), 24);
        SecretBuffer fieldValue = randomCanary(m_vault->arena(), 24);
        {
            EntryDraft draft(m_vault->arena());
            QVERIFY(draft.set(EntryField::Title, title.span()).ok());
            QVERIFY(draft.set(EntryField::Password, password.span()).ok());
            QVERIFY(draft.set(EntryField::Notes, notes.span()).ok());
            QVERIFY(draft.addUrl(url.span()).ok());
            QVERIFY(draft.addCustomField(title.span(), fieldValue.span(), true).ok());
            auto id = m_vault->contents().addEntry(draft);
            QVERIFY(id.ok());
            m_vault->commit();
            auto edited = EntryDraft::fromEntry(entryIn(m_vault->vault(), *id), m_vault->arena());
            QVERIFY(edited.ok());
            edited->clearUrls();
            edited->clearCustomFields();
            QVERIFY(edited->set(EntryField::Title, m_vault->secret("Now").span()).ok());
            QVERIFY(edited->set(EntryField::Password, m_vault->secret("now").span()).ok());
            QVERIFY(edited->set(EntryField::Notes, m_vault->secret("now").span()).ok());
            QVERIFY(m_vault->contents().updateEntry(*id, *edited).ok());
            m_vault->commit();

            EntryHistoryDialog dialog(&m_vault->session(), *id);
            QVERIFY(showAndActivate(dialog));
            QCOMPARE(dialog.selectedRow(), 1); // the old version, with the canaries
            QVERIFY(std::equal(password.span().begin(), password.span().end(),
                               dialog.passwordLabel()->text().begin(),
                               dialog.passwordLabel()->text().end()));
            (void)dialog.grab();
            QTest::mouseClick(dialog.revealButton(), Qt::LeftButton);
            QVERIFY(!dialog.passwordLabel()->isMasked());
            QVERIFY(!dialog.customFieldValue(0)->isMasked());
            (void)dialog.grab();
            QTest::keyClick(dialog.versionList(), Qt::Key_Up);
            QTest::keyClick(dialog.versionList(), Qt::Key_Down);
            (void)dialog.grab();
            QTest::mouseClick(dialog.closeButton(), Qt::LeftButton);
            QCOMPARE(dialog.result(), int(QDialog::Rejected));
        }
        const ScanReport report = scanForCopies({{"title", title.span()},
                                                 {"password", password.span()},
                                                 {"notes", notes.span()},
                                                 {"url", url.span()},
                                                 {"custom field", fieldValue.span()}});
        QVERIFY2(report.clean(), report.summary().c_str());
    }
};

QTEST_MAIN(TestEntryHistoryDialog)
#include "TestEntryHistoryDialog.moc"
