// KeystrokeShield and ArcanumApplication::notify(): a stand-in for Qt's AT-SPI bridge (an
// application event filter that takes spontaneous key events, as QSpiApplicationAdaptor does)
// sees no character typed into a password field, with screen-reader access on or off; it sees
// the search box's keys while access is on, and never with it off. The widget gets every key.
#include "TestSupport.h"
#include "accessibility/ArcanumApplication.h"
#include "accessibility/ScreenReaderAccess.h"
#include "secret/SecretArena.h"
#include "secret/SecretLineEdit.h"
#include "support/Windows.h"

#include <QKeyEvent>
#include <QtTest>

using namespace arcanum;
using namespace arcanum::test;

namespace {

// What QSpiApplicationAdaptor::eventFilter looks at: spontaneous key presses and releases.
class FakeBridge : public QObject
{
public:
    int seen = 0; // key events (the text itself may already be zeroed by the editor)
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->spontaneous() &&
            (event->type() == QEvent::KeyPress || event->type() == QEvent::KeyRelease))
            ++seen;
        return false;
    }
};

} // namespace

class TestKeystrokeShield : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

    // Types `text` into a fresh field of `mode`; returns how many key events the bridge saw.
    int typeInto(SecretLineEdit::EchoMode mode, const char* text)
    {
        QWidget window;
        auto* field = new SecretLineEdit(m_arena.get(), &window);
        field->setEchoMode(mode);
        if (!showAndActivate(window))
            qWarning("window not active");
        field->setFocus();
        FakeBridge bridge;
        qApp->installEventFilter(&bridge); // installed last: asked first, like the real one
        QTest::keyClicks(field, QString::fromLatin1(text)); // QTest marks them spontaneous
        qApp->removeEventFilter(&bridge);
        if (field->length() != std::strlen(text))
            qWarning("the field did not get every key");
        field->clear();
        return bridge.seen;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(qobject_cast<ArcanumApplication*>(qApp));
        m_arena = makeArena();
    }
    void cleanup() { ScreenReaderAccess::setOn(false); }

    void passwordKeysNeverReachTheBridge()
    {
        for (bool access : {false, true}) {
            ScreenReaderAccess::setOn(access);
            QCOMPARE(typeInto(SecretLineEdit::EchoMode::Password, "hunter2"), 0);
        }
    }

    void otherSecretFieldsOnlyWithScreenReaderAccess()
    {
        ScreenReaderAccess::setOn(false);
        QCOMPARE(typeInto(SecretLineEdit::EchoMode::Normal, "mail"), 0);
        ScreenReaderAccess::setOn(true);
        QCOMPARE(typeInto(SecretLineEdit::EchoMode::Normal, "mail"), 8); // press and release
    }

    void navigationKeysStillReachTheBridge()
    {
        // A screen reader's own commands keep working in a password field.
        QWidget window;
        auto* field = new SecretLineEdit(m_arena.get(), &window);
        field->setEchoMode(SecretLineEdit::EchoMode::Password);
        QVERIFY(showAndActivate(window));
        field->setFocus();
        FakeBridge bridge;
        qApp->installEventFilter(&bridge);
        QTest::keyClick(field, Qt::Key_Left);
        QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
        qApp->removeEventFilter(&bridge);
        QCOMPARE(bridge.seen, 6); // Left, and Control + A (QTest presses Control too)
    }
};

int main(int argc, char** argv)
{
    ArcanumApplication app(argc, argv);
    TestKeystrokeShield test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestKeystrokeShield.moc"
