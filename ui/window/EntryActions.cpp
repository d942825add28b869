#include "window/EntryActions.h"

#include "clipboard/ClipboardGuard.h"
#include "dialogs/EntryEditorDialog.h"
#include "dialogs/EntryHistoryDialog.h"
#include "dialogs/GeneratorDialog.h"
#include "platform/UrlOpener.h"
#include "session/VaultSession.h"
#include "window/EntryDetailView.h"
#include "window/TotpCodeView.h"
#include "window/VaultPage.h"

#include <QAction>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeView>
#include <utility>

namespace arcanum {

namespace {

QAction* makeAction(QObject* parent, const QString& text, const QKeySequence& shortcut)
{
    auto* action = new QAction(text, parent);
    if (!shortcut.isEmpty())
        action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WindowShortcut);
    return action;
}

} // namespace

EntryActions::EntryActions(VaultSession* session, VaultPage* page, ClipboardGuard* clipboard,
                           QWidget* dialogParent)
    : QObject(dialogParent), m_session(session), m_page(page), m_clipboard(clipboard),
      m_dialogParent(dialogParent)
{
    newEntry = makeAction(this, tr("&New entry…"), QKeySequence(Qt::CTRL | Qt::Key_N));
    editEntry = makeAction(this, tr("&Edit entry…"), QKeySequence(Qt::CTRL | Qt::Key_E));
    showHistory =
        makeAction(this, tr("Entry &history…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    deleteEntry = makeAction(this, tr("&Delete entry…"), QKeySequence::Delete);
    copyUsername = makeAction(this, tr("Copy &user name"), QKeySequence(Qt::CTRL | Qt::Key_B));
    copyPassword = makeAction(this, tr("Copy &password"), QKeySequence(Qt::CTRL | Qt::Key_C));
    copyTotp = makeAction(this, tr("Copy &TOTP"), QKeySequence(Qt::CTRL | Qt::Key_T));
    openUrl = makeAction(this, tr("&Open URL"), QKeySequence(Qt::CTRL | Qt::Key_U));
    revealFields =
        makeAction(this, tr("&Show protected fields"), QKeySequence(Qt::CTRL | Qt::Key_H));
    revealFields->setCheckable(true);
    generator = makeAction(this, tr("Password &generator…"), QKeySequence(Qt::CTRL | Qt::Key_G));
    // Delete must not fire while typing in the search field.
    deleteEntry->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    connect(newEntry, &QAction::triggered, this, &EntryActions::addEntry);
    connect(editEntry, &QAction::triggered, this, &EntryActions::editCurrent);
    connect(showHistory, &QAction::triggered, this, &EntryActions::showCurrentHistory);
    connect(deleteEntry, &QAction::triggered, this, &EntryActions::deleteCurrent);
    connect(copyUsername, &QAction::triggered, this, [this] { copyField(EntryField::Username); });
    connect(copyPassword, &QAction::triggered, this, [this] { copyField(EntryField::Password); });
    connect(copyTotp, &QAction::triggered, this, &EntryActions::copyTotpCode);
    connect(openUrl, &QAction::triggered, this, &EntryActions::openCurrentUrl);
    connect(revealFields, &QAction::toggled, page->details(), &EntryDetailView::setRevealed);
    connect(page->details(), &EntryDetailView::revealedChanged, revealFields, &QAction::setChecked);
    connect(generator, &QAction::triggered, this, &EntryActions::showGenerator);
    m_urlOpener = new UrlOpener(this);
    connect(m_urlOpener, &UrlOpener::finished, this, &EntryActions::onUrlOpened);
    // The question names no URL, but its Copy button would reach into the vault: close it.
    connect(session, &VaultSession::aboutToLock, this, [this] {
        delete m_urlQuestion.data();
        m_openingEntry.reset();
    });

    EntryDetailView* details = page->details();
    connect(details, &EntryDetailView::copyRequested, this, &EntryActions::copyField);
    connect(details, &EntryDetailView::copyCustomFieldRequested, this,
            &EntryActions::copyCustomField);
    connect(details, &EntryDetailView::copyTotpRequested, this, &EntryActions::copyTotpCode);
    connect(details, &EntryDetailView::openUrlRequested, this, &EntryActions::openCurrentUrl);
    connect(details, &EntryDetailView::editRequested, this, &EntryActions::editCurrent);
    connect(details, &EntryDetailView::historyRequested, this, &EntryActions::showCurrentHistory);
    connect(page, &VaultPage::entryActivated, this, &EntryActions::editCurrent);
    connect(page, &VaultPage::currentEntryChanged, this, &EntryActions::updateEnabled);
    connect(session, &VaultSession::unlocked, this, &EntryActions::updateEnabled);
    connect(session, &VaultSession::locked, this, &EntryActions::updateEnabled);
    connect(session, &VaultSession::contentsChanged, this, &EntryActions::updateEnabled);
    page->entryList()->addAction(deleteEntry);
    updateEnabled();
}

std::optional<EntryView> EntryActions::current() const
{
    Vault* vault = m_session->vault();
    const auto id = m_page->currentEntry();
    if (vault == nullptr || !id)
        return std::nullopt;
    const auto index = vault->contents().findEntry(*id);
    return index ? std::optional<EntryView>(vault->contents().entry(*index)) : std::nullopt;
}

void EntryActions::updateEnabled()
{
    const bool unlocked = m_session->isUnlocked();
    const auto entry = unlocked ? current() : std::nullopt;
    for (QAction* action : {editEntry, deleteEntry, copyUsername, copyPassword, openUrl})
        action->setEnabled(entry.has_value());
    showHistory->setEnabled(entry && entry->historyCount() > 0);
    copyTotp->setEnabled(entry && !entry->totp().empty());
    for (QAction* action : {newEntry, revealFields, generator})
        action->setEnabled(unlocked);
}

void EntryActions::showError(const QString& title, const QString& message)
{
    QMessageBox::warning(m_dialogParent, title, message);
}

void EntryActions::reportCopy(const Result<void>& copied, const QString& what)
{
    if (!copied) {
        emit statusMessage(
            tr("Could not copy: %1").arg(QString::fromStdString(copied.error().message)));
        return;
    }
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(m_clipboard->clearAfter());
    emit statusMessage(
        tr("%1 copied; the clipboard is cleared in %n second(s).", nullptr, int(seconds.count()))
            .arg(what));
}

void EntryActions::copyField(EntryField field)
{
    const auto entry = current();
    if (!entry)
        return;
    const SecretSpan value = entry->field(field);
    if (value.empty()) {
        emit statusMessage(tr("That field is empty; nothing was copied."));
        return;
    }
    const QString names[] = {tr("Title"), tr("User name"), tr("Password"),
                             tr("URL"),   tr("Notes"),     tr("TOTP secret")};
    reportCopy(m_clipboard->copy(m_session->vault()->arena(), value), names[int(field)]);
}

void EntryActions::copyCustomField(int index)
{
    const auto entry = current();
    if (!entry)
        return;
    int at = 0;
    std::optional<SecretSpan> value;
    entry->forEachCustomField([&](const EntryView::CustomField& field) {
        if (at++ == index)
            value = field.value;
    });
    if (value && !value->empty())
        reportCopy(m_clipboard->copy(m_session->vault()->arena(), *value), tr("Field"));
}

void EntryActions::copyTotpCode()
{
    const auto entry = current();
    if (!entry)
        return;
    if (entry->totp().empty()) {
        emit statusMessage(tr("This entry has no TOTP setting; nothing was copied."));
        return;
    }
    const std::int64_t ms = m_clock();
    SecretArena& arena = m_session->vault()->arena();
    // The code is an arena buffer; the guard copies it into its own and this one is wiped here.
    auto code = TotpCodeView::codeFor(arena, entry->totp(), ms <= 0 ? 0 : std::uint64_t(ms / 1000));
    if (!code) {
        emit statusMessage(tr("This entry's TOTP setting cannot be used: %1")
                               .arg(QString::fromStdString(code.error().message)));
        return;
    }
    reportCopy(m_clipboard->copy(arena, code->span()), tr("TOTP code"));
}

void EntryActions::copyGenerated(SecretSpan secret)
{
    if (m_session->isUnlocked())
        reportCopy(m_clipboard->copy(m_session->vault()->arena(), secret), tr("Password"));
}

void EntryActions::openCurrentUrl()
{
    const auto entry = current();
    if (!entry || entry->url().empty())
        return;
    // UrlOpener copies the address into an arena of its own and hands it to the portal or
    // xdg-open from there; nothing here or there names the URL (docs/SECURITY.md).
    switch (m_urlOpener->open(entry->url())) {
    case UrlOpener::Start::Opening:
        m_openingEntry = entry->id();
        emit statusMessage(tr("Opening the URL in your browser…"));
        return;
    case UrlOpener::Start::NotWebAddress:
        offerToCopyUrl(entry->id(), tr("Arcanum opens only web addresses (http:// and https://). "
                                       "This entry's URL is something else."));
        return;
    case UrlOpener::Start::Failed:
        emit statusMessage(tr("Could not open the URL: no secret memory was left for it."));
        return;
    }
}

void EntryActions::onUrlOpened(bool opened, const QString& how)
{
    const auto entry = std::exchange(m_openingEntry, std::nullopt);
    if (opened) {
        emit statusMessage(tr("The URL was handed to your browser %1.").arg(how));
        return;
    }
    if (entry)
        offerToCopyUrl(*entry, tr("The URL could not be opened: %1").arg(how));
    else
        emit statusMessage(tr("The URL could not be opened: %1").arg(how));
}

QMessageBox* EntryActions::urlQuestion() const
{
    return m_urlQuestion;
}

void EntryActions::offerToCopyUrl(const EntryId& entry, const QString& why)
{
    delete m_urlQuestion.data();
    auto* box = new QMessageBox(QMessageBox::Information, tr("Open URL"), why,
                                QMessageBox::NoButton, m_dialogParent);
    box->setInformativeText(tr("Copy the URL to the clipboard instead?"));
    QPushButton* copy = box->addButton(tr("&Copy URL"), QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(copy);
    m_urlQuestion = box;
    connect(box, &QMessageBox::finished, this, [this, box, copy, entry] {
        const bool copying = box->clickedButton() == copy;
        box->deleteLater();
        Vault* vault = m_session->vault();
        if (!copying || vault == nullptr)
            return;
        if (const auto index = vault->contents().findEntry(entry))
            reportCopy(m_clipboard->copy(vault->arena(), vault->contents().entry(*index).url()),
                       tr("URL"));
    });
    box->open();
}

void EntryActions::addEntry()
{
    if (!m_session->isUnlocked())
        return;
    EntryEditorDialog dialog(m_session, std::nullopt, m_page->currentGroup(), m_dialogParent);
    connect(&dialog, &EntryEditorDialog::copyRequested, this, &EntryActions::copyGenerated);
    if (dialog.exec() == QDialog::Accepted && dialog.savedEntry())
        m_page->selectEntry(*dialog.savedEntry());
}

void EntryActions::editCurrent()
{
    const auto id = m_page->currentEntry();
    if (!m_session->isUnlocked() || !id)
        return;
    EntryEditorDialog dialog(m_session, id, std::nullopt, m_dialogParent);
    connect(&dialog, &EntryEditorDialog::copyRequested, this, &EntryActions::copyGenerated);
    if (dialog.exec() == QDialog::Accepted)
        m_page->selectEntry(*id);
}

void EntryActions::showCurrentHistory()
{
    const auto id = m_page->currentEntry();
    if (!m_session->isUnlocked() || !id)
        return;
    EntryHistoryDialog dialog(m_session, *id, m_dialogParent);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_page->selectEntry(*id);
    emit statusMessage(tr("Earlier version restored; the one it replaced is in the history."));
}

void EntryActions::deleteCurrent()
{
    const auto id = m_page->currentEntry();
    if (!m_session->isUnlocked() || !id)
        return;
    if (m_confirmDeletes) {
        QMessageBox box(QMessageBox::Question, tr("Delete entry"),
                        tr("Delete the selected entry and its history?\n\nThe previous state of "
                           "the vault stays in its backup file (.bak)."),
                        QMessageBox::Yes | QMessageBox::Cancel, m_dialogParent);
        box.setDefaultButton(QMessageBox::Cancel);
        // A lock (Ctrl+L works in this question too) answers it: there is no vault to delete from.
        connect(m_session, &VaultSession::aboutToLock, &box, &QDialog::reject);
        if (box.exec() != QMessageBox::Yes || !m_session->isUnlocked())
            return;
    }
    if (auto removed = m_session->vault()->contents().removeEntry(*id); !removed) {
        showError(tr("Delete entry"), QString::fromStdString(removed.error().message));
        return;
    }
    if (m_session->commitChanges())
        emit statusMessage(tr("Entry deleted."));
}

void EntryActions::showGenerator()
{
    Vault* vault = m_session->vault();
    if (vault == nullptr)
        return; // the generator writes into the vault's arena, so it needs an unlocked vault
    GeneratorDialog dialog(&vault->arena(), GeneratorDialog::Mode::Standalone, m_dialogParent);
    connect(&dialog, &GeneratorDialog::copyRequested, this, &EntryActions::copyGenerated);
    connect(m_session, &VaultSession::aboutToLock, &dialog, [&dialog] {
        dialog.releaseSecrets();
        dialog.reject();
    });
    dialog.exec();
}

} // namespace arcanum
