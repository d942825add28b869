// Tests for EntryEditorDialog on a real vault: a new entry with every field is saved and read
// back from disk byte for byte; editing keeps history, further URLs and unknown-to-the-form
// fields; the generator's output lands in the password field; Cancel leaves the vault alone (and
// asks first when something changed); a failed save keeps the dialog open with what was typed;
// a lock while it is open wipes and rejects; keyboard use; no copy of the fields outside the arena.
#include "SecretTestSupport.h"
#include "dialogs/CustomFieldEditor.h"
#include "dialogs/EntryEditorDialog.h"
#include "dialogs/GeneratorDialog.h"
#include "dialogs/GroupPicker.h"
#include "secret/SecretLineEdit.h"
#include "secret/SecretTextEdit.h"
#include "support/TestVault.h"
#include "support/Windows.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QToolButton>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

namespace {

// What a custom field holds, as text (test data only).
struct Field
{
    QString name;
    QString value;
    bool isProtected;
    bool operator==(const Field&) const = default;
};

QStringList tagsOf(const EntryView& view)
{
    QStringList tags;
    view.forEachTag([&](SecretSpan tag) { tags.append(bytesOf(tag)); });
    return tags;
}

QStringList urlsOf(const EntryView& view)
{
    QStringList urls;
    view.forEachUrl([&](SecretSpan url) { urls.append(bytesOf(url)); });
    return urls;
}

QList<Field> fieldsOf(const EntryView& view)
{
    QList<Field> fields;
    view.forEachCustomField([&](const EntryView::CustomField& field) {
        fields.append({bytesOf(field.name), bytesOf(field.value), field.isProtected});
    });
    return fields;
}

EntryView entryIn(Vault& vault, const EntryId& id)
{
    const auto index = vault.contents().findEntry(id);
    if (!index)
        qFatal("entry not found");
    return vault.contents().entry(*index);
}

} // namespace

class TestEntryEditorDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestVault> m_vault; // a new, unlocked vault for every test

private slots:
    void init() { QVERIFY((m_vault = TestVault::created())); }
    void cleanup() { m_vault.reset(); }

    void newEntryWithEveryFieldIsSaved()
    {
        TestVault& vault = *m_vault;
        const EntryId work = vault.addGroup("Work");
        vault.addGroup("Home");
        EntryEditorDialog dialog(&vault.session(), std::nullopt, work);
        QVERIFY(showAndActivate(dialog));
        QVERIFY(dialog.isNewEntry());
        QVERIFY(dialog.groupPicker()->currentGroup() == work);

        QTest::keyClicks(dialog.titleEdit(), QStringLiteral("Mail"));
        QTest::keyClicks(dialog.usernameEdit(), QStringLiteral("alice@example.org"));
        QTest::keyClicks(dialog.passwordEdit(), QStringLiteral("s3cret!pw"));
        QVERIFY(dialog.passwordEdit()->isMasked());
        QTest::keyClicks(dialog.urlEdit(), QStringLiteral("https://mail.example.org"));
        QTest::keyClicks(dialog.tagsEdit(), QStringLiteral(" work , e-mail,, personal  "));
        QTest::keyClicks(dialog.totpEdit(), QStringLiteral("JBSWY3DPEHPK3PXP"));
        QTest::keyClicks(dialog.notesEdit(), QStringLiteral("line one"));
        QTest::keyClick(dialog.notesEdit(), Qt::Key_Return);
        QTest::keyClicks(dialog.notesEdit(), QStringLiteral("line two"));

        CustomFieldEditor* fields = dialog.customFields();
        for (int row = 0; row < 3; ++row)
            QTest::mouseClick(fields->addButton(), Qt::LeftButton);
        QCOMPARE(fields->rowCount(), 3);
        QTest::keyClicks(fields->nameEdit(0), QStringLiteral("PIN"));
        QTest::keyClicks(fields->valueEdit(0), QStringLiteral("1234"));
        QVERIFY(!fields->revealButton(0)->isEnabled()); // nothing to show: not protected
        fields->protectedBox(0)->click();
        QVERIFY(fields->valueEdit(0)->isMasked());
        QVERIFY(fields->revealButton(0)->isEnabled());
        fields->revealButton(0)->click();
        QVERIFY(!fields->valueEdit(0)->isMasked());
        fields->revealButton(0)->click();
        QVERIFY(fields->valueEdit(0)->isMasked());
        fields->revealButton(0)->click(); // shown, then no longer protected, then protected again
        fields->protectedBox(0)->click();
        QVERIFY(!fields->revealButton(0)->isEnabled());
        QVERIFY(!fields->revealButton(0)->isChecked());
        fields->protectedBox(0)->click();
        QVERIFY(fields->valueEdit(0)->isMasked());
        QTest::keyClicks(fields->nameEdit(1), QStringLiteral("Throwaway"));
        QTest::keyClicks(fields->nameEdit(2), QStringLiteral("Recovery"));
        QTest::keyClicks(fields->valueEdit(2), QStringLiteral("abcd efgh"));
        QTest::mouseClick(fields->removeButton(1), Qt::LeftButton);
        QCOMPARE(fields->rowCount(), 2);
        QVERIFY(dialog.isModified());

        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.isVisible());
        const std::optional<EntryId> id = dialog.savedEntry();
        QVERIFY(id.has_value());
        // Every field was wiped on closing.
        for (SecretLineEdit* edit :
             {dialog.titleEdit(), dialog.passwordEdit(), dialog.totpEdit(), fields->valueEdit(0)})
            QVERIFY(edit->isEmpty());
        QVERIFY(dialog.notesEdit()->isEmpty());

        auto disk = vault.reopen();
        QCOMPARE(disk->contents().entryCount(), std::size_t(1));
        const EntryView saved = entryIn(*disk, *id);
        QCOMPARE_TEXT(saved.title(), "Mail");
        QCOMPARE_TEXT(saved.username(), "alice@example.org");
        QCOMPARE_TEXT(saved.password(), "s3cret!pw");
        QCOMPARE(urlsOf(saved), QStringList{QStringLiteral("https://mail.example.org")});
        QCOMPARE(tagsOf(saved), (QStringList{"work", "e-mail", "personal"}));
        QCOMPARE_TEXT(saved.totp(), "JBSWY3DPEHPK3PXP");
        QCOMPARE_TEXT(saved.notes(), "line one\nline two");
        QCOMPARE(fieldsOf(saved),
                 (QList<Field>{{"PIN", "1234", true}, {"Recovery", "abcd efgh", false}}));
        QVERIFY(saved.group() == work);
        QCOMPARE(saved.historyCount(), std::size_t(0));
    }

    void editingKeepsHistoryAndFieldsTheFormDoesNotShow()
    {
        TestVault& vault = *m_vault;
        const EntryId home = vault.addGroup("Home");
        const EntryId id = vault.addEntry("Old title", "bob", "old password",
                                          {"https://a.example", "https://b.example"}, home);
        EntryEditorDialog dialog(&vault.session(), id, std::nullopt);
        QVERIFY(showAndActivate(dialog));
        QVERIFY(!dialog.isNewEntry());
        QCOMPARE_TEXT(dialog.titleEdit()->text(), "Old title");
        QCOMPARE_TEXT(dialog.usernameEdit()->text(), "bob");
        QCOMPARE_TEXT(dialog.passwordEdit()->text(), "old password");
        QCOMPARE_TEXT(dialog.urlEdit()->text(), "https://a.example");
        QVERIFY(dialog.groupPicker()->currentGroup() == home);
        QVERIFY(!dialog.isModified());

        dialog.titleEdit()->selectAll();
        QTest::keyClicks(dialog.titleEdit(), QStringLiteral("New title"));
        dialog.urlEdit()->selectAll();
        QTest::keyClicks(dialog.urlEdit(), QStringLiteral("https://c.example"));
        QTest::keyClicks(dialog.tagsEdit(), QStringLiteral("bank"));
        dialog.groupPicker()->setFocus();
        QTest::keyClick(dialog.groupPicker(), Qt::Key_Home); // "No group"
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.savedEntry() == id);

        auto disk = vault.reopen();
        QCOMPARE(disk->contents().entryCount(), std::size_t(1));
        const EntryView saved = entryIn(*disk, id);
        QCOMPARE_TEXT(saved.title(), "New title");
        QCOMPARE_TEXT(saved.username(), "bob");
        QCOMPARE_TEXT(saved.password(), "old password");
        QCOMPARE(urlsOf(saved), (QStringList{"https://c.example", "https://b.example"}));
        QCOMPARE(tagsOf(saved), QStringList{QStringLiteral("bank")});
        QVERIFY(saved.group().isNull());
        QCOMPARE(saved.historyCount(), std::size_t(1));
        saved.forEachHistory([](const EntryView& older) {
            QCOMPARE_TEXT(older.title(), "Old title");
            QCOMPARE(urlsOf(older), (QStringList{"https://a.example", "https://b.example"}));
        });
    }

    void clearingTheUrlKeepsFurtherUrls()
    {
        TestVault& vault = *m_vault;
        const EntryId id =
            vault.addEntry("Site", "u", "p", {"https://a.example", "https://b.example"});
        EntryEditorDialog dialog(&vault.session(), id, std::nullopt);
        dialog.urlEdit()->selectAll();
        QTest::keyClick(dialog.urlEdit(), Qt::Key_Delete);
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(urlsOf(entryIn(*vault.reopen(), id)),
                 QStringList{QStringLiteral("https://b.example")});
    }

    void generatedPasswordLandsInThePasswordField()
    {
        TestVault& vault = *m_vault;
        EntryEditorDialog dialog(&vault.session(), std::nullopt, std::nullopt);
        QVERIFY(showAndActivate(dialog));
        QTest::keyClicks(dialog.passwordEdit(), QStringLiteral("replace me"));
        QTest::mouseClick(dialog.generateButton(), Qt::LeftButton);
        GeneratorDialog* generator = dialog.generatorDialog();
        QVERIFY(generator != nullptr);
        QTRY_VERIFY(generator->isVisible());
        QCOMPARE(generator->mode(), GeneratorDialog::Mode::Pick);
        QVERIFY(generator->arena() == &vault.arena());
        QCOMPARE(generator->result().size(), std::size_t(20));
        auto expected = vault.arena().copyOf(generator->result());
        QVERIFY(expected.ok());

        QTest::mouseClick(generator->useButton(), Qt::LeftButton);
        QCOMPARE(dialog.passwordEdit()->text().size(), expected->size());
        QVERIFY(std::equal(expected->span().begin(), expected->span().end(),
                           dialog.passwordEdit()->text().begin()));
        QTRY_VERIFY(dialog.generatorDialog() == nullptr); // deleted once used
        QVERIFY(dialog.isModified());

        QTest::keyClicks(dialog.titleEdit(), QStringLiteral("Generated"));
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        auto disk = vault.reopen();
        const EntryView saved = entryIn(*disk, *dialog.savedEntry());
        QVERIFY(std::equal(expected->span().begin(), expected->span().end(),
                           saved.password().begin(), saved.password().end()));
    }

    void generatorCopyIsForwarded()
    {
        TestVault& vault = *m_vault;
        EntryEditorDialog dialog(&vault.session(), std::nullopt, std::nullopt);
        int copies = 0;
        connect(&dialog, &EntryEditorDialog::copyRequested, this, [&](SecretSpan secret) {
            QVERIFY(secret.size() == dialog.generatorDialog()->result().size());
            ++copies;
        });
        dialog.generateButton()->click();
        dialog.generatorDialog()->copyButton()->click();
        QCOMPARE(copies, 1);
        dialog.generatorDialog()->reject(); // Cancel: the password field stays as it was
        QVERIFY(dialog.passwordEdit()->isEmpty());
        QVERIFY(!dialog.isModified());
    }

    void cancelWithoutChangesClosesAtOnce()
    {
        TestVault& vault = *m_vault;
        const EntryId id = vault.addEntry("Title", "user", "password");
        const QByteArray before = vault.fileBytes();
        EntryEditorDialog dialog(&vault.session(), id, std::nullopt);
        QVERIFY(showAndActivate(dialog));
        QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
        QVERIFY(dialog.discardQuestion() == nullptr);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!dialog.isVisible());
        QVERIFY(!dialog.savedEntry());
        QVERIFY(dialog.titleEdit()->isEmpty()); // wiped on Cancel too
        QCOMPARE(vault.fileBytes(), before);
    }

    void cancelAsksBeforeDiscarding()
    {
        TestVault& vault = *m_vault;
        const QByteArray before = vault.fileBytes();
        EntryEditorDialog dialog(&vault.session(), std::nullopt, std::nullopt);
        QVERIFY(showAndActivate(dialog));
        QTest::keyClicks(dialog.titleEdit(), QStringLiteral("Draft"));

        QTest::keyClick(dialog.titleEdit(), Qt::Key_Escape);
        QMessageBox* question = dialog.discardQuestion();
        QVERIFY(question != nullptr);
        QTRY_VERIFY(question->isVisible());
        QCOMPARE(question->text(), QStringLiteral("Discard changes?"));
        QTest::mouseClick(question->button(QMessageBox::Cancel), Qt::LeftButton);
        QVERIFY(dialog.isVisible()); // back to editing, nothing lost
        QCOMPARE_TEXT(dialog.titleEdit()->text(), "Draft");

        QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
        question = dialog.discardQuestion();
        QVERIFY(question != nullptr);
        QTest::mouseClick(question->button(QMessageBox::Discard), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!dialog.isVisible());
        QVERIFY(dialog.titleEdit()->isEmpty());
        QCOMPARE(vault.contents().entryCount(), std::size_t(0));
        QCOMPARE(vault.fileBytes(), before);
    }

    void failedSaveKeepsTheDialogOpen_data()
    {
        QTest::addColumn<bool>("editAgain");
        QTest::newRow("retry as it is") << false;
        QTest::newRow("edit, then retry") << true;
    }

    void failedSaveKeepsTheDialogOpen()
    {
        QFETCH(bool, editAgain);
        TestVault& vault = *m_vault;
        const QByteArray original = vault.fileBytes();
        EntryEditorDialog dialog(&vault.session(), std::nullopt, std::nullopt);
        QVERIFY(showAndActivate(dialog));
        QTest::keyClicks(dialog.titleEdit(), QStringLiteral("Bank"));
        QTest::keyClicks(dialog.passwordEdit(), QStringLiteral("pin 0000"));

        // Another program replaces the file: saving must refuse (FileChangedOnDisk).
        const QByteArray theirs = original + QByteArray("theirs");
        vault.writeFile(theirs);
        QSignalSpy saveFailed(&vault.session(), &VaultSession::saveFailed);
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(saveFailed.count(), 1);
        QVERIFY(dialog.isVisible());
        QVERIFY(!dialog.savedEntry());
        QVERIFY(dialog.errorLabel()->isVisible());
        QVERIFY(dialog.errorLabel()->text().contains(QStringLiteral("changed on disk")));
        QCOMPARE_TEXT(dialog.titleEdit()->text(), "Bank");
        QCOMPARE_TEXT(dialog.passwordEdit()->text(), "pin 0000");
        QCOMPARE(vault.fileBytes(), theirs); // nothing was written over it

        if (editAgain)
            QTest::keyClicks(dialog.titleEdit(), QStringLiteral(" 2"));
        vault.writeFile(original); // the other program is undone: saving works again
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.errorLabel()->isVisible());
        auto disk = vault.reopen();
        QCOMPARE(disk->contents().entryCount(), std::size_t(1)); // one entry, not two
        const EntryView saved = entryIn(*disk, *dialog.savedEntry());
        QCOMPARE_TEXT(saved.title(), editAgain ? "Bank 2" : "Bank");
        QCOMPARE_TEXT(saved.password(), "pin 0000");
    }

    // The TOTP field takes an otpauth:// URI or a bare Base32 secret, stored as typed.
    void totpAcceptsUriAndBase32_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::newRow("otpauth URI")
            << "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example&digits=8";
        QTest::newRow("base32") << "JBSWY3DPEHPK3PXP";
        QTest::newRow("base32, grouped, lower case") << "jbsw y3dp ehpk 3pxp";
        QTest::newRow("steam") << "otpauth://totp/Steam:me?secret=JBSWY3DPEHPK3PXP&encoder=steam";
    }
    void totpAcceptsUriAndBase32()
    {
        QFETCH(QString, typed);
        TestVault& vault = *m_vault;
        const EntryId id = vault.addEntry("Mail", "alice", "pw");
        EntryEditorDialog dialog(&vault.session(), id, std::nullopt);
        QVERIFY(showAndActivate(dialog));
        QTest::keyClicks(dialog.totpEdit(), typed);
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        auto disk = vault.reopen();
        QCOMPARE(bytesOf(entryIn(*disk, id).totp()), typed);
    }

    // Anything core/totp cannot compute a code from is refused with the reason; nothing saved.
    void totpRejectsJunk_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not base32") << "my secret!"
                                    << "not Base32 (character 10";
        QTest::newRow("digits 1 and 8") << "JBSWY3DPEHPK3PX1"
                                        << "not Base32 (character 16";
        QTest::newRow("too short") << "JBSWY3DP"
                                   << "too short: 40 bits";
        QTest::newRow("hotp") << "otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=3"
                              << "HOTP";
        QTest::newRow("uri without secret") << "otpauth://totp/x?digits=6"
                                            << "no secret";
        QTest::newRow("uri, 4 digits") << "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=4"
                                       << "6 to 10 digits";
        QTest::newRow("uri, unknown algorithm")
            << "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5"
            << "algorithm";
        QTest::newRow("other scheme") << "https://example.com/?secret=JBSWY3DPEHPK3PXP"
                                      << "not Base32";
    }
    void totpRejectsJunk()
    {
        QFETCH(QString, typed);
        QFETCH(QString, reason);
        TestVault& vault = *m_vault;
        const EntryId id = vault.addEntry("Mail", "alice", "pw");
        EntryEditorDialog dialog(&vault.session(), id, std::nullopt);
        QVERIFY(showAndActivate(dialog));
        QTest::keyClicks(dialog.totpEdit(), typed);
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.errorLabel()->isVisible());
        const QString error = dialog.errorLabel()->text();
        QVERIFY2(error.contains(reason), qPrintable(error));
        QVERIFY2(error.contains("otpauth:// URI or a Base32 secret"), qPrintable(error));
        QVERIFY(!error.contains(typed)); // the reason names the problem, never the setting
        QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(dialog.totpEdit()));
        QVERIFY(!vault.session().vault()->contents().isModified()); // nothing applied
        QVERIFY(entryIn(*vault.reopen(), id).totp().empty());
        // Remove empties the field; OK then saves.
        QTest::mouseClick(dialog.removeTotpButton(), Qt::LeftButton);
        QVERIFY(dialog.totpEdit()->isEmpty());
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void removeDeletesTheTotpSetting()
    {
        TestVault& vault = *m_vault;
        const EntryId id = vault.addEntry("Mail", "alice", "pw");
        {
            auto draft =
                EntryDraft::fromEntry(entryIn(*vault.session().vault(), id), vault.arena());
            QVERIFY(draft.ok());
            QVERIFY(draft->set(EntryField::Totp, vault.secret("JBSWY3DPEHPK3PXP").span()).ok());
            QVERIFY(vault.contents().updateEntry(id, *draft).ok());
            vault.commit();
        }
        EntryEditorDialog dialog(&vault.session(), id, std::nullopt);
        QVERIFY(showAndActivate(dialog));
        QCOMPARE_TEXT(dialog.totpEdit()->text(), "JBSWY3DPEHPK3PXP");
        QVERIFY(dialog.totpEdit()->isMasked());
        QVERIFY(!dialog.isModified());
        QTest::mouseClick(dialog.removeTotpButton(), Qt::LeftButton);
        QVERIFY(dialog.totpEdit()->isEmpty());
        QVERIFY(dialog.isModified());
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        auto disk = vault.reopen();
        const EntryView saved = entryIn(*disk, id);
        QVERIFY(saved.totp().empty());
        // The version with TOTP is the newest in the history (the one before it had none).
        QCOMPARE(saved.historyCount(), std::size_t(2));
        QCOMPARE_TEXT(saved.historyVersion(0)->totp(), "JBSWY3DPEHPK3PXP");
    }

    void lockWhileOpenWipesAndRejects()
    {
        TestVault& vault = *m_vault;
        const EntryId id = vault.addEntry("Title", "user", "password");
        auto* dialog = new EntryEditorDialog(&vault.session(), id, std::nullopt);
        QVERIFY(showAndActivate(*dialog));
        QTest::keyClicks(dialog->notesEdit(), QStringLiteral("unsaved notes"));
        QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton); // the question is open
        QVERIFY(dialog->discardQuestion() != nullptr);
        dialog->generateButton()->click(); // and a generator in the vault's arena
        QVERIFY(dialog->generatorDialog() != nullptr);
        QSignalSpy finished(dialog, &QDialog::finished);

        const std::uint8_t* password = dialog->passwordEdit()->text().data();
        const std::size_t passwordSize = dialog->passwordEdit()->text().size();
        const std::uint8_t* notes = dialog->notesEdit()->text().data();
        const std::size_t notesSize = dialog->notesEdit()->text().size();
        bool checkedBeforeRelease = false;
        // Connected after the dialog: runs once the dialog reacted, while the arena is mapped.
        connect(&vault.session(), &VaultSession::aboutToLock, this, [&] {
            QVERIFY(dialog->passwordEdit()->isEmpty());
            QVERIFY(dialog->notesEdit()->isEmpty());
            for (std::size_t i = 0; i < passwordSize; ++i)
                QCOMPARE(password[i], std::uint8_t(0));
            for (std::size_t i = 0; i < notesSize; ++i)
                QCOMPARE(notes[i], std::uint8_t(0));
            QVERIFY(dialog->generatorDialog() == nullptr);
            QVERIFY(dialog->discardQuestion() == nullptr);
            QCOMPARE(finished.count(), 1);
            checkedBeforeRelease = true;
        });
        vault.session().lock();
        QVERIFY(checkedBeforeRelease);
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
        QVERIFY(!dialog->isVisible());
        QVERIFY(!dialog->savedEntry());
        (void)dialog->grab();        // painting after the lock touches no arena
        dialog->okButton()->click(); // nothing to save into
        delete dialog;
    }

    void keyboardOnly()
    {
        TestVault& vault = *m_vault;
        EntryEditorDialog dialog(&vault.session(), std::nullopt, std::nullopt);
        QVERIFY(showAndActivate(dialog));
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(dialog.titleEdit()));
        // Every field has a label that points at it (mnemonics, screen readers).
        QSet<QWidget*> buddies;
        for (QLabel* label : dialog.findChildren<QLabel*>())
            if (label->buddy() != nullptr && label->text().contains(u'&'))
                buddies.insert(label->buddy());
        for (QWidget* field : std::initializer_list<QWidget*>{
                 dialog.titleEdit(), dialog.usernameEdit(), dialog.passwordEdit(), dialog.urlEdit(),
                 dialog.tagsEdit(), dialog.groupPicker(), dialog.totpEdit(), dialog.notesEdit()})
            QVERIFY2(buddies.contains(field), field->metaObject()->className());

        // Tab walks the form from top to bottom.
        const QList<QWidget*> order{dialog.usernameEdit(), dialog.passwordEdit()};
        for (QWidget* next : order) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QCOMPARE(QApplication::focusWidget(), next);
        }
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab); // Show
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(dialog.generateButton()));
        for (QWidget* next : std::initializer_list<QWidget*>{
                 dialog.urlEdit(), dialog.tagsEdit(), dialog.groupPicker(), dialog.totpEdit()}) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QCOMPARE(QApplication::focusWidget(), next);
        }
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab); // Show
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(dialog.removeTotpButton()));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(dialog.notesEdit()));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(),
                 static_cast<QWidget*>(dialog.customFields()->addButton()));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space); // add a field row
        QCOMPARE(QApplication::focusWidget(),
                 static_cast<QWidget*>(dialog.customFields()->nameEdit(0)));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(),
                 static_cast<QWidget*>(dialog.customFields()->valueEdit(0)));

        // Alt+N jumps to the notes, where Ctrl+Return saves (plain Return is a line break).
        QTest::keyClick(&dialog, Qt::Key_N, Qt::AltModifier);
        QCOMPARE(QApplication::focusWidget(), static_cast<QWidget*>(dialog.notesEdit()));
        QTest::keyClicks(dialog.notesEdit(), QStringLiteral("typed"));
        QTest::keyClick(dialog.notesEdit(), Qt::Key_Return);
        QVERIFY(dialog.isVisible());
        QTest::keyClick(dialog.notesEdit(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        auto disk = vault.reopen();
        QCOMPARE_TEXT(entryIn(*disk, *dialog.savedEntry()).notes(), "typed\n");
    }

    void noCopyOfTheFieldsOutsideTheArena()
    {
        TestVault& vault = *m_vault;
        SecretBuffer title = randomCanary(vault.arena(), 24);
        SecretBuffer password = randomCanary(vault.arena(), 24);
        SecretBuffer notes = randomCanary(vault.arena(), 24);
        SecretBuffer fieldValue = randomCanary(vault.arena(), 24);
        {
            EntryEditorDialog dialog(&vault.session(), std::nullopt, std::nullopt);
            QVERIFY(showAndActivate(dialog));
            QVERIFY(dialog.titleEdit()->setText(title.span()).ok());
            QVERIFY(dialog.passwordEdit()->setText(password.span()).ok());
            dialog.passwordEdit()->setRevealed(true);
            QVERIFY(dialog.notesEdit()->setText(notes.span()).ok());
            QVERIFY(dialog.customFields()->addField(title.span(), fieldValue.span(), false).ok());
            (void)dialog.grab();
            QTest::keyClicks(dialog.tagsEdit(), QStringLiteral("x")); // a user edit
            QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            // The saved entry is read back in place: open it again in a new dialog.
            EntryEditorDialog again(&vault.session(), *dialog.savedEntry(), std::nullopt);
            QVERIFY(showAndActivate(again));
            (void)again.grab();
            QTest::mouseClick(again.cancelButton(), Qt::LeftButton);
        }
        const ScanReport report = scanForCopies({{"title", title.span()},
                                                 {"password", password.span()},
                                                 {"notes", notes.span()},
                                                 {"custom field", fieldValue.span()}});
        QVERIFY2(report.clean(), report.summary().c_str());
    }
};

QTEST_MAIN(TestEntryEditorDialog)
#include "TestEntryEditorDialog.moc"
