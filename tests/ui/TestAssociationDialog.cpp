// Tests for AssociationDialog on its own: the fingerprint shown and readable by a screen reader,
// the suggested name (selected, replaced by typing), Connect keeps the name in the arena and
// wipes the field, Deny and Escape leave no name, keyboard-only use, releaseSecrets().
#include "SecretTestSupport.h"
#include "autofill/AssociationDialog.h"
#include "secret/SecretLineEdit.h"

#include <QAccessible>
#include <QLabel>
#include <QPushButton>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

namespace {
const QString fingerprint = QStringLiteral("3f2a 91c0 0b1e 77aa 5d20 c4e9 1a2b 3c4d");
}

class TestAssociationDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

private slots:
    void initTestCase() { m_arena = makeArena(); }

    void showsTheFingerprintToEveryone()
    {
        AssociationDialog dialog(m_arena.get(), fingerprint);
        QCOMPARE(dialog.fingerprintLabel()->text(), fingerprint);
        QCOMPARE(dialog.fingerprintLabel()->accessibleDescription(), fingerprint);
        QVERIFY(!dialog.fingerprintLabel()->accessibleName().isEmpty());
        QVERIFY(dialog.fingerprintLabel()->focusPolicy() & Qt::TabFocus);
        QVERIFY(!dialog.nameEdit()->accessibleName().isEmpty());
        QVERIFY(dialog.windowTitle().contains("browser", Qt::CaseInsensitive));
    }

    void suggestsANameTheUserCanReplace()
    {
        AssociationDialog dialog(m_arena.get(), fingerprint);
        dialog.show();
        QVERIFY(AssociationDialog::suggestedName().startsWith("Browser on "));
        QCOMPARE_TEXT(dialog.nameEdit()->text(),
                      AssociationDialog::suggestedName().toUtf8().constData());
        QVERIFY(dialog.connectButton()->isEnabled());
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("Firefox at home"));
        QCOMPARE_TEXT(dialog.nameEdit()->text(), "Firefox at home");
        const std::uint8_t* where = dialog.nameEdit()->text().data();
        const std::size_t length = dialog.nameEdit()->text().size();
        QTest::keyClick(dialog.nameEdit(), Qt::Key_Return);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE_TEXT(dialog.name(), "Firefox at home");
        QVERIFY(m_arena->contains(dialog.name().data()));
        QVERIFY(dialog.nameEdit()->isEmpty());
        for (std::size_t i = 0; i < length; ++i)
            QCOMPARE(where[i], std::uint8_t(0));
        dialog.releaseSecrets();
        QVERIFY(dialog.name().empty());
    }

    void denyAndEscapeLeaveNoName()
    {
        AssociationDialog deny(m_arena.get(), fingerprint);
        deny.show();
        deny.denyButton()->click();
        QCOMPARE(deny.result(), int(QDialog::Rejected));
        QVERIFY(deny.name().empty());
        QVERIFY(deny.nameEdit()->isEmpty());

        AssociationDialog escape(m_arena.get(), fingerprint);
        escape.show();
        QTest::keyClick(&escape, Qt::Key_Escape);
        QCOMPARE(escape.result(), int(QDialog::Rejected));
        QVERIFY(escape.name().empty());
    }

    void keyboardReachesEveryControl()
    {
        AssociationDialog dialog(m_arena.get(), fingerprint);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSet<QWidget*> reached;
        for (int i = 0; i < 8; ++i) {
            reached.insert(QApplication::focusWidget());
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        }
        QVERIFY(reached.contains(dialog.nameEdit()));
        QVERIFY(reached.contains(dialog.fingerprintLabel()));
        QVERIFY(reached.contains(dialog.connectButton()));
        QVERIFY(reached.contains(dialog.denyButton()));
    }
};

QTEST_MAIN(TestAssociationDialog)
#include "TestAssociationDialog.moc"
