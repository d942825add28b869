// Tests for GroupNameDialog: OK only with a name, name() after OK (in the arena, the field
// wiped), nothing after Cancel, renaming with setName(), and releaseSecrets().
#include "SecretTestSupport.h"
#include "dialogs/GroupNameDialog.h"
#include "secret/SecretLineEdit.h"

#include <QPushButton>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

class TestGroupNameDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

private slots:
    void initTestCase() { m_arena = makeArena(); }

    void okNeedsAName()
    {
        GroupNameDialog dialog(m_arena.get());
        QVERIFY(!dialog.okButton()->isEnabled());
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("F"));
        QVERIFY(dialog.okButton()->isEnabled());
        QTest::keyClick(dialog.nameEdit(), Qt::Key_Backspace);
        QVERIFY(!dialog.okButton()->isEnabled());
        QTest::keyClick(dialog.nameEdit(), Qt::Key_Return); // the disabled default does nothing
        QCOMPARE(dialog.result(), 0);
        QVERIFY(dialog.name().empty());
    }

    void okKeepsTheNameAndWipesTheField()
    {
        GroupNameDialog dialog(m_arena.get());
        dialog.show();
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("Finance & Bills"));
        const std::uint8_t* where = dialog.nameEdit()->text().data();
        QTest::keyClick(dialog.nameEdit(), Qt::Key_Return);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE_TEXT(dialog.name(), "Finance & Bills");
        QVERIFY(m_arena->contains(dialog.name().data()));
        QVERIFY(dialog.nameEdit()->isEmpty());
        for (std::size_t i = 0; i < dialog.name().size(); ++i)
            QCOMPARE(where[i], std::uint8_t(0));
        dialog.releaseSecrets();
        QVERIFY(dialog.name().empty());
    }

    void cancelLeavesNoName()
    {
        GroupNameDialog dialog(m_arena.get());
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("Draft"));
        dialog.reject();
        QVERIFY(dialog.name().empty());
        QVERIFY(dialog.nameEdit()->isEmpty());
    }

    void renamingStartsFromTheOldName()
    {
        GroupNameDialog dialog(m_arena.get());
        const SecretBuffer old = secret(*m_arena, "Old name");
        QVERIFY(dialog.setName(old.span()).ok());
        QVERIFY(dialog.okButton()->isEnabled());
        QVERIFY(dialog.nameEdit()->hasSelectedText());
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("New name")); // replaces it
        dialog.okButton()->click();
        QCOMPARE_TEXT(dialog.name(), "New name");
    }
};

QTEST_MAIN(TestGroupNameDialog)
#include "TestGroupNameDialog.moc"
