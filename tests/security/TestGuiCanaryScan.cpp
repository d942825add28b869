// The invariant, proven on the real desktop app: a scripted session of MainWindow — unlock,
// select, reveal, copy (the password, the user name, the TOTP code: Ctrl+T), edit, search,
// generate, save — then a scan of the whole process (and of a
// forked copy, which also sees dead stack) for the master password and every field, in UTF-8 and
// UTF-16 — the TOTP secret and the code shown and copied (10 digits, for a clock fixed by the
// test) included. Zero copies outside secret memory; still zero once the clipboard is cleared; zero
// after locking, with no secret memory left but the scanner's own. Keystrokes are sent one
// character at a time from the canaries' arena, as a keyboard would (one-character key events are
// the documented exception; every canary is 24+ characters).
#include "TestSupport.h"
#include "canary/CanaryScanner.h"
#include "canary/CanarySet.h"
#include "clipboard/ClipboardGuard.h"
#include "crypto/Random.h"
#include "dialogs/EntryEditorDialog.h"
#include "dialogs/GeneratorDialog.h"
#include "model/EntryListModel.h"
#include "secret/SecretLabel.h"
#include "secret/SecretLineEdit.h"
#include "session/VaultSession.h"
#include "settings/Settings.h"
#include "support/FakeLockSignalSource.h"
#include "support/Windows.h"
#include "totp/Totp.h"
#include "totp/TotpUri.h"
#include "window/EntryActions.h"
#include "window/EntryDetailView.h"
#include "window/MainWindow.h"
#include "window/TotpCodeView.h"
#include "window/UnlockPage.h"
#include "window/VaultPage.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <fstream>

using namespace arcanum;
using namespace arcanum::test;

namespace {

enum Canary
{
    Master,
    Title,
    Username,
    Password,
    Url,
    Notes,
    Tag,
    Custom,
    Edited,
    TotpSecret,
    CanaryCount
};
const char* const labels[CanaryCount] = {
    "master password", "title", "user name",    "password",         "url",
    "notes",           "tag",   "custom field", "edited user name", "TOTP secret"};
// Added after the fields: the TOTP code at `totpTime` as copied and as shown ("12345 67890").
constexpr std::size_t ShownTotpCode = CanaryCount + 1; // the code as copied: CanaryCount
constexpr std::int64_t totpTime = 1700000000;

// Random Base32 letters (RFC 4648) straight into the arena.
SecretBuffer randomBase32(SecretArena& arena, std::size_t length)
{
    static constexpr char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    SecretBuffer buffer = std::move(arena.allocate(length).value());
    for (std::size_t i = 0; i < length; ++i)
        buffer.data()[i] = static_cast<std::uint8_t>(letters[Random::uniform(sizeof letters - 1)]);
    return buffer;
}

// `a` followed by `b`, in the arena.
SecretBuffer joined(SecretArena& arena, SecretSpan a, SecretSpan b)
{
    SecretBuffer buffer = std::move(arena.allocate(a.size() + b.size()).value());
    std::copy(a.begin(), a.end(), buffer.data());
    std::copy(b.begin(), b.end(), buffer.data() + a.size());
    return buffer;
}

// Random letters straight into the arena: the canaries exist nowhere else in this process.
SecretBuffer randomLetters(SecretArena& arena, std::size_t length)
{
    static constexpr char letters[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    SecretBuffer buffer = std::move(arena.allocate(length).value());
    for (std::size_t i = 0; i < length; ++i)
        buffer.data()[i] = static_cast<std::uint8_t>(letters[Random::uniform(sizeof letters - 1)]);
    return buffer;
}

// Types `text` into `widget` one key at a time, as a keyboard would.
void typeInto(QWidget* widget, SecretSpan text)
{
    for (std::uint8_t byte : text)
        QTest::keyClick(widget, static_cast<char>(byte));
}

int secretMappings()
{
    std::ifstream maps("/proc/self/maps");
    std::string line;
    int count = 0;
    while (std::getline(maps, line))
        count += line.find("/secretmem (deleted)") != std::string::npos;
    return count;
}

} // namespace

class TestGuiCanaryScan : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::optional<CanarySet> m_set;
    std::unique_ptr<Settings> m_settings;
    FakeLockSignalSource m_lockSource;
    std::unique_ptr<MainWindow> m_window;
    EntryId m_entry;
    std::optional<SecretBuffer> m_totpUri; // in the canary set's arena, until the vault has it

    SecretSpan canary(Canary which) const { return m_set->pattern(which, CanaryEncoding::Utf8); }

    void expectClean(const char* when)
    {
        auto self = CanaryScanner::scanSelf(*m_set);
        QVERIFY2(self.ok(), self.ok() ? "" : self.error().message.c_str());
        QVERIFY2(self->clean(), (std::string(when) + ": " + self->summary()).c_str());
        auto forked = CanaryScanner::scanForkedCopy(*m_set);
        QVERIFY2(forked.ok(), forked.ok() ? "" : forked.error().message.c_str());
        QVERIFY2(forked->clean(),
                 (std::string(when) + " (forked copy): " + forked->summary()).c_str());
        QVERIFY(self->bytesScanned > 1024 * 1024);
    }

private slots:
    void initTestCase()
    {
        auto set = CanarySet::create();
        QVERIFY(set.ok());
        m_set.emplace(std::move(set.value()));
        {
            auto staging = makeArena();
            for (int i = 0; i < CanaryCount; ++i) {
                SecretBuffer value = i == TotpSecret ? randomBase32(*staging, 32)
                                                     : randomLetters(*staging, 24 + std::size_t(i));
                QVERIFY(m_set->add(labels[i], value.span()).ok());
            }
            // The TOTP setting of the entry, and its code at the test's fixed time.
            const SecretBuffer prefix = secret(*staging, "otpauth://totp/Scan?digits=10&secret=");
            m_totpUri.emplace(joined(m_set->arena(), prefix.span(), canary(TotpSecret)));
            auto parameters = TotpUri::parse(*staging, m_totpUri->span());
            QVERIFY(parameters.ok());
            auto code = Totp::code(*staging, *parameters, totpTime);
            QVERIFY(code.ok());
            QCOMPARE(code->size(), std::size_t(10));
            QVERIFY(m_set->add("TOTP code", code->span()).ok());
            const SecretBuffer space = secret(*staging, " ");
            const SecretBuffer head = joined(*staging, code->span().sub(0, 5), space.span());
            const SecretBuffer shown = joined(*staging, head.span(), code->span().sub(5));
            QVERIFY(m_set->add("TOTP code as shown", shown.span()).ok());
        }
        const std::string path = m_dir.filePath("scan.arcanum").toStdString();
        {
            auto vault =
                Vault::create(path, canary(Master), Argon2Params::withRandomSalt(256, 1, 1));
            QVERIFY(vault.ok());
            EntryDraft draft((*vault)->arena());
            const std::pair<EntryField, Canary> fields[] = {{EntryField::Title, Title},
                                                            {EntryField::Username, Username},
                                                            {EntryField::Password, Password},
                                                            {EntryField::Url, Url},
                                                            {EntryField::Notes, Notes}};
            for (const auto& [field, which] : fields)
                QVERIFY(draft.set(field, canary(which)).ok());
            QVERIFY(draft.addTag(canary(Tag)).ok());
            QVERIFY(draft.set(EntryField::Totp, m_totpUri->span()).ok());
            m_totpUri.reset();
            QVERIFY(draft.addCustomField(canary(Tag).sub(0, 6), canary(Custom), true).ok());
            m_entry = (*vault)->contents().addEntry(draft).value();
            EntryDraft other((*vault)->arena());
            QVERIFY(other.set(EntryField::Title, canary(Notes).sub(0, 5)).ok());
            QVERIFY((*vault)->contents().addEntry(other).ok());
            QVERIFY((*vault)->save().ok());
        }
        m_settings = std::make_unique<Settings>(m_dir.filePath("settings.ini"));
        m_settings->setClipboardClearSeconds(1);
        m_window = std::make_unique<MainWindow>(
            m_settings.get(), &m_lockSource,
            HibernationProbe(m_dir.filePath("no-power-state"), [] { return std::nullopt; }));
        m_window->setClock([] { return totpTime * 1000; });
        m_window->openVault(QString::fromStdString(path));
        QVERIFY(showAndActivate(*m_window));
    }

    void scriptedSessionLeavesNoCopies()
    {
        // Unlock.
        SecretLineEdit* password = m_window->unlockPage()->passwordField();
        typeInto(password, canary(Master));
        QSignalSpy unlocked(m_window->session(), &VaultSession::unlocked);
        QTest::keyClick(password, Qt::Key_Return);
        QVERIFY2(unlocked.wait(20000), qPrintable(m_window->unlockPage()->errorText()));
        VaultPage* page = m_window->vaultPage();

        // Select, reveal (and paint everything), copy.
        page->selectEntry(m_entry);
        QCOMPARE(page->currentEntry(), m_entry);
        m_window->actions()->revealFields->trigger();
        (void)m_window->grab();
        m_window->actions()->copyPassword->trigger();
        m_window->actions()->copyUsername->trigger();
        // The code is on screen (revealed: a screen reader could ask for it) and copied.
        QVERIFY(page->details()->totpView()->isTicking());
        const SecretSpan shown = page->details()->totpView()->codeLabel()->text();
        const SecretSpan expected = m_set->pattern(ShownTotpCode, CanaryEncoding::Utf8);
        QVERIFY(std::equal(shown.begin(), shown.end(), expected.begin(), expected.end()));
        m_window->actions()->copyTotp->trigger();
        QVERIFY(m_window->clipboard()->isActive());
        m_window->actions()->copyUsername->trigger();
        QVERIFY(QGuiApplication::clipboard()->mimeData()->hasFormat("text/plain;charset=utf-8"));

        // Edit: a new user name, typed; OK saves.
        QTimer::singleShot(0, this, [this] {
            auto* editor = qobject_cast<EntryEditorDialog*>(QApplication::activeModalWidget());
            QVERIFY(editor);
            editor->usernameEdit()->selectAll();
            typeInto(editor->usernameEdit(), canary(Edited));
            (void)editor->grab();
            editor->okButton()->click();
        });
        m_window->actions()->editEntry->trigger();
        QVERIFY(!m_window->session()->vault()->contents().isModified()); // saved

        // Search for part of the title, typed.
        page->focusSearch();
        typeInto(page->searchField(), canary(Title).sub(3, 12));
        QCOMPARE(page->entryModel()->rowCount(), 1);
        (void)m_window->grab();

        // Generate: regenerate, copy, and add the generated password to the canaries.
        QTimer::singleShot(0, this, [this] {
            auto* generator = qobject_cast<GeneratorDialog*>(QApplication::activeModalWidget());
            QVERIFY(generator);
            for (QPushButton* button : generator->findChildren<QPushButton*>())
                if (button->text().remove('&') == QStringLiteral("Regenerate"))
                    button->click();
            (void)generator->grab();
            QVERIFY(m_set->add("generated password", generator->result()).ok());
            emit generator->copyRequested(generator->result());
            generator->reject();
        });
        m_window->actions()->generator->trigger();
        QCOMPARE(m_set->size(), std::size_t(CanaryCount + 3));

        expectClean("after the session");
    }

    void stillCleanAfterTheClipboardClears()
    {
        const auto holdsText = [] {
            const QMimeData* data = QGuiApplication::clipboard()->mimeData();
            // A clear leaves an empty offer of ours (same types, zero bytes).
            return data != nullptr && !data->data("text/plain;charset=utf-8").isEmpty();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!holdsText(), 5000);
        expectClean("after the clipboard cleared");
    }

    void cleanAfterLockWithNothingSecretMapped()
    {
        QVERIFY(showAndActivate(*m_window)); // offscreen does not hand activation back itself
        QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier);
        QVERIFY(!m_window->session()->isUnlocked());
        expectClean("after locking");
        // Only the scanner's own arena is left.
        QCOMPARE(secretMappings(), int(m_set->arena().regionCount()));
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestGuiCanaryScan)
#include "TestGuiCanaryScan.moc"
