// Tests for GeneratorDialog: the default password, regeneration on every option change, the
// passphrase options, invalid options (message, Copy and Use off), the strength words, Copy,
// Pick mode's Use and result() lifetime, the hide toggle, and wiping on close.
#include "SecretTestSupport.h"
#include "dialogs/GeneratorDialog.h"
#include "dialogs/StrengthMeter.h"
#include "generator/PassphraseGenerator.h"
#include "generator/PasswordGenerator.h"
#include "secret/SecretLabel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QtTest>
#include <algorithm>
#include <cmath>

using namespace arcanum;
using namespace arcanum::test;

namespace {

bool sameBytes(SecretSpan a, SecretSpan b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

template <typename Predicate>
bool any(SecretSpan text, Predicate predicate)
{
    return std::any_of(text.begin(), text.end(),
                       [&](std::uint8_t c) { return predicate(char(c)); });
}

bool isUpper(char c)
{
    return c >= 'A' && c <= 'Z';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

} // namespace

class TestGeneratorDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<SecretArena> m_arena;

private slots:
    void initTestCase() { m_arena = makeArena(); }

    void generatesTheDefaultPasswordAtOnce()
    {
        GeneratorDialog dialog(m_arena.get(), GeneratorDialog::Mode::Standalone);
        QVERIFY(dialog.arena() == m_arena.get());
        QVERIFY(!dialog.isPassphrase());
        QCOMPARE(dialog.result().size(), std::size_t(20));
        QVERIFY(m_arena->contains(dialog.result().data()));
        QVERIFY(sameBytes(dialog.preview()->text(), dialog.result()));
        QVERIFY(!dialog.preview()->isMasked()); // revealed by default
        QCOMPARE(dialog.entropyBits(), PasswordGenerator::entropyBits({}).value());
        QCOMPARE(dialog.strengthMeter()->rating(), PasswordStrength::Rating::Excellent);
        QVERIFY(dialog.strengthMeter()->text().contains(QStringLiteral("130 bits")));
        QVERIFY(dialog.copyButton()->isEnabled());
        QVERIFY(dialog.useButton() == nullptr); // Standalone: Close, no Use
        QVERIFY(dialog.buttonBox()->button(QDialogButtonBox::Close) != nullptr);
        QVERIFY(dialog.messageLabel()->isHidden());
    }

    void everyOptionChangeRegenerates()
    {
        GeneratorDialog dialog(m_arena.get(), GeneratorDialog::Mode::Standalone);
        auto previous = m_arena->copyOf(dialog.result());
        QVERIFY(previous.ok());
        auto changed = [&] {
            const bool different = !sameBytes(previous->span(), dialog.result());
            previous = m_arena->copyOf(dialog.result());
            return different;
        };
        dialog.lengthBox()->setValue(32);
        QVERIFY(changed());
        QCOMPARE(dialog.result().size(), std::size_t(32));
        QCOMPARE(dialog.lengthSlider()->value(), 32);
        dialog.lengthSlider()->setValue(GeneratorDialog::maximumUiLength);
        QVERIFY(changed());
        QCOMPARE(dialog.lengthBox()->value(), 128);
        QCOMPARE(dialog.result().size(), std::size_t(128));
        QCOMPARE(dialog.lengthBox()->maximum(), 128);
        QCOMPARE(dialog.lengthBox()->minimum(), 4);

        dialog.upperCaseBox()->click();
        QVERIFY(changed());
        QVERIFY(!any(dialog.result(), isUpper));
        dialog.digitsBox()->click();
        dialog.symbolsBox()->click();
        QVERIFY(changed());
        QVERIFY(std::all_of(dialog.result().begin(), dialog.result().end(),
                            [](std::uint8_t c) { return c >= 'a' && c <= 'z'; }));
        dialog.lookAlikesBox()->click();
        QVERIFY(changed());
        QVERIFY(!any(dialog.result(), [](char c) { return c == 'o' || c == 'l'; }));
        QTest::mouseClick(dialog.regenerateButton(), Qt::LeftButton);
        QVERIFY(changed());
        QCOMPARE(dialog.passwordOptions().length, std::size_t(128));
        QVERIFY(dialog.passwordOptions().excludeLookAlikes);
    }

    void passphrases()
    {
        GeneratorDialog dialog(m_arena.get(), GeneratorDialog::Mode::Standalone);
        dialog.kindTabs()->setCurrentIndex(1);
        QVERIFY(dialog.isPassphrase());
        QCOMPARE(dialog.entropyBits(), PassphraseGenerator::entropyBits({}).value());
        QCOMPARE(dialog.strengthMeter()->rating(), PasswordStrength::Rating::Fair); // 77.5 bits
        dialog.wordsBox()->setValue(4);
        dialog.separatorEdit()->setText(QStringLiteral("_"));
        QCOMPARE(std::count(dialog.result().begin(), dialog.result().end(), '_'), 3);
        dialog.capitalizeBox()->click();
        QVERIFY(isUpper(char(dialog.result()[0])));
        QCOMPARE(std::count_if(dialog.result().begin(), dialog.result().end(),
                               [](std::uint8_t c) { return isUpper(char(c)); }),
                 4);
        dialog.appendDigitBox()->click();
        QCOMPARE(std::count_if(dialog.result().begin(), dialog.result().end(),
                               [](std::uint8_t c) { return isDigit(char(c)); }),
                 1);
        PassphraseOptions expected;
        expected.wordCount = 4;
        expected.separator = '_';
        expected.capitalize = expected.appendDigit = true;
        QCOMPARE(dialog.entropyBits(), PassphraseGenerator::entropyBits(expected).value());
        QVERIFY(sameBytes(dialog.preview()->text(), dialog.result()));
        // A letter cannot be typed as separator; an empty one is explained.
        QTest::keyClicks(dialog.separatorEdit(), QStringLiteral("x"));
        QCOMPARE(dialog.separatorEdit()->text(), QStringLiteral("_"));
        dialog.separatorEdit()->clear();
        QVERIFY(dialog.result().empty());
        QVERIFY(!dialog.messageLabel()->isHidden());
        QVERIFY(!dialog.copyButton()->isEnabled());
    }

    void noCharacterClassIsExplained()
    {
        GeneratorDialog dialog(m_arena.get(), GeneratorDialog::Mode::Pick);
        for (QCheckBox* box : {dialog.lowerCaseBox(), dialog.upperCaseBox(), dialog.digitsBox(),
                               dialog.symbolsBox()})
            box->click();
        QVERIFY(dialog.result().empty());
        QVERIFY(dialog.preview()->isEmpty());
        QVERIFY(!dialog.messageLabel()->isHidden());
        const QString expected = QString::fromStdString(
            PasswordGenerator::validate(dialog.passwordOptions()).error().message);
        QCOMPARE(dialog.messageLabel()->text(), expected);
        QVERIFY(!dialog.copyButton()->isEnabled());
        QVERIFY(!dialog.useButton()->isEnabled());
        QCOMPARE(dialog.entropyBits(), 0.0);

        dialog.digitsBox()->click();
        QVERIFY(dialog.messageLabel()->isHidden());
        QVERIFY(dialog.useButton()->isEnabled());
        QVERIFY(std::all_of(dialog.result().begin(), dialog.result().end(),
                            [](std::uint8_t c) { return isDigit(char(c)); }));
    }

    void strengthWords_data()
    {
        QTest::addColumn<int>("length");
        QTest::addColumn<bool>("allClasses");
        QTest::addColumn<QString>("word");
        QTest::newRow("8 lower-case letters") << 8 << false << QStringLiteral("Weak");
        QTest::newRow("14 lower-case letters") << 14 << false << QStringLiteral("Fair");
        QTest::newRow("16 of everything") << 16 << true << QStringLiteral("Strong");
        QTest::newRow("20 of everything") << 20 << true << QStringLiteral("Excellent");
    }

    void strengthWords()
    {
        QFETCH(int, length);
        QFETCH(bool, allClasses);
        QFETCH(QString, word);
        GeneratorDialog dialog(m_arena.get(), GeneratorDialog::Mode::Standalone);
        if (!allClasses)
            for (QCheckBox* box : {dialog.upperCaseBox(), dialog.digitsBox(), dialog.symbolsBox()})
                box->click();
        dialog.lengthBox()->setValue(length);
        const QString bits = QString::number(int(std::floor(dialog.entropyBits())));
        QVERIFY2(dialog.strengthMeter()->text().startsWith(word + QStringLiteral(" — ")),
                 qPrintable(dialog.strengthMeter()->text()));
        QVERIFY(dialog.strengthMeter()->text().contains(bits + QStringLiteral(" bits")));
    }

    void copyEmitsTheSecret()
    {
        GeneratorDialog dialog(m_arena.get(), GeneratorDialog::Mode::Standalone);
        int copies = 0;
        connect(&dialog, &GeneratorDialog::copyRequested, this, [&](SecretSpan secret) {
            QVERIFY(secret.data() == dialog.result().data());
            QCOMPARE(secret.size(), dialog.result().size());
            ++copies;
        });
        QTest::mouseClick(dialog.copyButton(), Qt::LeftButton);
        QCOMPARE(copies, 1);
    }

    void hideMasksThePreview()
    {
        GeneratorDialog dialog(m_arena.get(), GeneratorDialog::Mode::Standalone);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QImage revealed = dialog.preview()->grab().toImage();
        dialog.hideBox()->click();
        QVERIFY(dialog.preview()->isMasked());
        QVERIFY(dialog.preview()->grab().toImage() != revealed);
        QVERIFY(!dialog.result().empty()); // hiding is about the screen only
    }

    void useAcceptsAndKeepsTheResult()
    {
        GeneratorDialog dialog(m_arena.get(), GeneratorDialog::Mode::Pick);
        dialog.show();
        auto expected = m_arena->copyOf(dialog.result());
        QVERIFY(expected.ok());
        QTest::mouseClick(dialog.useButton(), Qt::LeftButton);
        QCOMPARE(dialog.QDialog::result(), int(QDialog::Accepted));
        QVERIFY(sameBytes(dialog.result(), expected->span()));
        QVERIFY(dialog.preview()->isEmpty()); // the on-screen copy is gone
    }

    void closingWipes_data()
    {
        QTest::addColumn<GeneratorDialog::Mode>("mode");
        QTest::newRow("standalone") << GeneratorDialog::Mode::Standalone;
        QTest::newRow("pick") << GeneratorDialog::Mode::Pick;
    }

    void closingWipes()
    {
        QFETCH(GeneratorDialog::Mode, mode);
        GeneratorDialog dialog(m_arena.get(), mode);
        dialog.show();
        const std::uint8_t* where = dialog.result().data();
        const std::size_t size = dialog.result().size();
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(dialog.QDialog::result(), int(QDialog::Rejected));
        QVERIFY(dialog.result().empty());
        QVERIFY(dialog.preview()->isEmpty());
        for (std::size_t i = 0; i < size; ++i)
            QCOMPARE(where[i], std::uint8_t(0));
    }

    void releaseSecretsBeforeTheArenaGoes()
    {
        auto arena = makeArena();
        const std::size_t before = arena->usedBytes();
        GeneratorDialog dialog(arena.get(), GeneratorDialog::Mode::Pick);
        QVERIFY(arena->usedBytes() > before);
        dialog.releaseSecrets();
        QCOMPARE(arena->usedBytes(), before);
        QVERIFY(!dialog.copyButton()->isEnabled());
        QVERIFY(!dialog.useButton()->isEnabled());
    }
};

QTEST_MAIN(TestGeneratorDialog)
#include "TestGeneratorDialog.moc"
