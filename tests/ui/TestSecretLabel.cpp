// Tests for SecretLabel: it keeps its own arena copy, draws through SecretText, hides the length
// when masked, toggles on request, wipes, and tells accessibility nothing about the content.
#include "SecretTestSupport.h"
#include "secret/SecretLabel.h"

#include <QAccessible>
#include <QSignalSpy>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

class TestSecretLabel : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

private slots:
    void initTestCase() { m_arena = makeArena(); }

    void keepsItsOwnCopyInTheArena()
    {
        SecretLabel label(m_arena.get());
        SecretBuffer source = test::secret(*m_arena, "user@example.org");
        QVERIFY(label.setText(source.span()));
        QVERIFY(label.text().data() != source.data());
        QVERIFY(m_arena->contains(label.text().data()));
        QVERIFY(equals(label.text(), "user@example.org"));
        source.reset(); // the vault's buffer may go away: the label still has its text
        QVERIFY(equals(label.text(), "user@example.org"));
    }

    void drawsTheTextOrFixedBullets()
    {
        SecretLabel label(m_arena.get());
        label.resize(300, label.sizeHint().height());
        const QImage empty = label.grab().toImage();
        SecretBuffer shortSecret = test::secret(*m_arena, "abc");
        SecretBuffer longSecret = test::secret(*m_arena, "a considerably longer secret");
        QVERIFY(label.setText(shortSecret.span()));
        const QImage shortShown = label.grab().toImage();
        QVERIFY(shortShown != empty);

        QSignalSpy masked(&label, &SecretLabel::maskedChanged);
        label.setMasked(true);
        QCOMPARE(masked.count(), 1);
        const QSize maskedHint = label.sizeHint();
        const QImage shortMasked = label.grab().toImage();
        QVERIFY(shortMasked != shortShown);
        QVERIFY(label.setText(longSecret.span()));
        QCOMPARE(label.grab().toImage(), shortMasked); // the length does not show
        QCOMPARE(label.sizeHint(), maskedHint);

        label.setMasked(false);
        QVERIFY(label.sizeHint().width() > maskedHint.width());
    }

    void spaceTogglesTheMaskOnlyWhenEnabled()
    {
        SecretLabel label(m_arena.get());
        label.setMasked(true);
        QTest::keyClick(&label, Qt::Key_Space);
        QVERIFY(label.isMasked());
        label.setMaskToggleEnabled(true);
        QTest::keyClick(&label, Qt::Key_Space);
        QVERIFY(!label.isMasked());
        QTest::mouseDClick(&label, Qt::LeftButton);
        QVERIFY(label.isMasked());
        QCOMPARE(label.focusPolicy(), Qt::StrongFocus);
    }

    void clearWipes()
    {
        auto arena = makeArena();
        const std::size_t before = arena->usedBytes();
        SecretLabel label(arena.get());
        label.resize(200, 30);
        SecretBuffer source = test::secret(*arena, "wiped label");
        QVERIFY(label.setText(source.span()));
        source.reset();
        (void)label.grab();
        const std::uint8_t* where = label.text().data();
        label.releaseSecrets();
        QVERIFY(label.isEmpty());
        for (int i = 0; i < 11; ++i)
            QCOMPARE(where[i], std::uint8_t(0));
        QCOMPARE(arena->usedBytes(), before);
    }

    void accessibleInterfaceHidesTheContent()
    {
        SecretLabel label(m_arena.get());
        label.setAccessibleName(QStringLiteral("User name"));
        SecretBuffer source = test::secret(*m_arena, "alice");
        QVERIFY(label.setText(source.span()));
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(&label);
        QVERIFY(accessible != nullptr);
        QCOMPARE(accessible->role(), QAccessible::StaticText);
        QVERIFY(accessible->textInterface() == nullptr);
        QVERIFY(accessible->text(QAccessible::Value).isEmpty());
        QCOMPARE(accessible->text(QAccessible::Name), QStringLiteral("User name"));
        QVERIFY(!accessible->text(QAccessible::Description).contains(QStringLiteral("alice")));
    }
};

QTEST_MAIN(TestSecretLabel)
#include "TestSecretLabel.moc"
