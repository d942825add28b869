// Tests for GroupPicker (and the GroupListModel under it): groups in tree order with depths,
// item texts empty for groups (no QString of a name), selection by id and by keyboard, the
// current name painted from the arena, the popup's SecretItemDelegate, keeping the selection
// when the vault changes, emptying on lock, and no copy of a name outside the arena.
#include "SecretTestSupport.h"
#include "dialogs/GroupPicker.h"
#include "model/GroupListModel.h"
#include "model/SecretItemDelegate.h"
#include "support/TestVault.h"
#include "support/Windows.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QSignalSpy>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

class TestGroupPicker : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestVault> m_vault; // a new, unlocked vault for every test

private slots:
    void init() { QVERIFY((m_vault = TestVault::created())); }
    void cleanup() { m_vault.reset(); }

    void listsGroupsInTreeOrderWithoutTheirNames()
    {
        TestVault& vault = *m_vault;
        const EntryId work = vault.addGroup("work");
        const EntryId banking = vault.addGroup("Banking");
        const EntryId cards = vault.addGroup("cards", banking);
        const EntryId accounts = vault.addGroup("Accounts", banking);
        GroupPicker picker(&vault.session());

        QCOMPARE(picker.count(), 5);
        QCOMPARE(picker.itemText(0), QStringLiteral("No group"));
        const QList<std::optional<EntryId>> expected{std::nullopt, banking, accounts, cards, work};
        const QList<int> depths{0, 0, 1, 1, 0};
        for (int row = 0; row < picker.count(); ++row) {
            QVERIFY(picker.groupModel()->groupAt(row) == expected[row]);
            QCOMPARE(picker.groupModel()->depthAt(row), depths[row]);
            if (row > 0) {
                QVERIFY(picker.itemText(row).isEmpty()); // the name is never a QString
                QCOMPARE(picker.itemData(row, SecretItemDelegate::IndentLevelRole).toInt(),
                         depths[row]);
                QCOMPARE(picker.itemData(row, GroupListModel::GroupIdRole).toString(),
                         QString::fromStdString(expected[row]->toString()));
            }
        }
        QCOMPARE_TEXT(*picker.groupModel()->nameAt(2), "Accounts");
        QVERIFY(!picker.groupModel()->nameAt(0).has_value());
    }

    void selectsByIdAndByKeyboard()
    {
        TestVault& vault = *m_vault;
        const EntryId a = vault.addGroup("Alpha");
        const EntryId b = vault.addGroup("Beta");
        GroupPicker picker(&vault.session());
        QVERIFY(!picker.currentGroup().has_value());
        picker.setCurrentGroup(b);
        QVERIFY(picker.currentGroup() == b);
        QVERIFY(picker.currentText().isEmpty());
        picker.setCurrentGroup(EntryId::random()); // not in the vault
        QVERIFY(!picker.currentGroup().has_value());
        picker.setCurrentGroup(EntryId()); // the null id means no group too
        QVERIFY(!picker.currentGroup().has_value());
        QCOMPARE(picker.currentText(), QStringLiteral("No group"));

        QVERIFY(showAndActivate(picker));
        QSignalSpy activated(&picker, &QComboBox::activated);
        QTest::keyClick(&picker, Qt::Key_Down);
        QVERIFY(picker.currentGroup() == a);
        QTest::keyClick(&picker, Qt::Key_Down);
        QVERIFY(picker.currentGroup() == b);
        QCOMPARE(activated.count(), 2);
    }

    void paintsTheCurrentNameFromTheArena()
    {
        TestVault& vault = *m_vault;
        const EntryId a = vault.addGroup("Alpha");
        const EntryId b = vault.addGroup("Omega");
        GroupPicker picker(&vault.session());
        picker.resize(240, picker.sizeHint().height());
        picker.show();
        QVERIFY(QTest::qWaitForWindowExposed(&picker));
        picker.setCurrentGroup(std::nullopt);
        const QImage none = picker.grab().toImage();
        picker.setCurrentGroup(a);
        const QImage alpha = picker.grab().toImage();
        picker.setCurrentGroup(b);
        const QImage omega = picker.grab().toImage();
        QVERIFY(alpha != none);
        QVERIFY(alpha != omega);
        picker.setCurrentGroup(a);
        QCOMPARE(picker.grab().toImage(), alpha);
        // Minimum width comes from characters, not from the (empty) item texts.
        QVERIFY(picker.sizeHint().width() > picker.fontMetrics().averageCharWidth() * 20);
    }

    void thePopupPaintsWithSecretText()
    {
        TestVault& vault = *m_vault;
        vault.addGroup("Alpha");
        GroupPicker picker(&vault.session());
        QVERIFY(qobject_cast<SecretItemDelegate*>(picker.view()->itemDelegate()) != nullptr);
        picker.show();
        QVERIFY(QTest::qWaitForWindowExposed(&picker));
        picker.showPopup();
        QTRY_VERIFY(picker.view()->isVisible());
        const QRect rows = picker.view()->visualRect(picker.model()->index(1, 0));
        const QImage drawn = picker.view()->viewport()->grab(rows).toImage();
        QImage blank(drawn.size(), drawn.format());
        blank.fill(drawn.pixel(0, 0));
        QVERIFY(drawn != blank); // the name was drawn, though the model gave no text
        picker.hidePopup();
    }

    void keepsTheSelectionWhenTheVaultChanges()
    {
        TestVault& vault = *m_vault;
        const EntryId b = vault.addGroup("Beta");
        GroupPicker picker(&vault.session());
        picker.setCurrentGroup(b);
        vault.addGroup("Alpha"); // commits: the list is rebuilt, Beta moves down a row
        QCOMPARE(picker.count(), 3);
        QVERIFY(picker.currentGroup() == b);
        QCOMPARE(picker.currentIndex(), 2);
    }

    void emptiesOnLock()
    {
        TestVault& vault = *m_vault;
        const EntryId a = vault.addGroup("Alpha");
        GroupPicker picker(&vault.session());
        picker.setCurrentGroup(a);
        picker.show();
        QVERIFY(QTest::qWaitForWindowExposed(&picker));
        (void)picker.grab();
        vault.session().lock();
        QCOMPARE(picker.count(), 0);
        QVERIFY(!picker.currentGroup().has_value());
        (void)picker.grab(); // paints nothing from the released arena
    }

    void builtAfterUnlockSeesTheGroups()
    {
        TestVault& vault = *m_vault;
        vault.addGroup("Alpha");
        GroupListModel model(&vault.session());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(std::nullopt), 0);
        QCOMPARE(model.rowOf(EntryId::random()), -1);
    }

    void noCopyOfANameOutsideTheArena()
    {
        TestVault& vault = *m_vault;
        SecretBuffer name = randomCanary(vault.arena(), 24);
        auto id = vault.contents().addGroup(name.span());
        QVERIFY(id.ok());
        vault.commit();
        {
            GroupPicker picker(&vault.session());
            picker.setCurrentGroup(id.value());
            picker.show();
            QVERIFY(QTest::qWaitForWindowExposed(&picker));
            (void)picker.grab();
            picker.showPopup();
            QTRY_VERIFY(picker.view()->isVisible());
            (void)picker.view()->viewport()->grab();
            picker.hidePopup();
        }
        const ScanReport report = scanForCopies({{"group name", name.span()}});
        QVERIFY2(report.clean(), report.summary().c_str());
    }
};

QTEST_MAIN(TestGroupPicker)
#include "TestGroupPicker.moc"
