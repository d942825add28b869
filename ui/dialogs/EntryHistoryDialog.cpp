#include "dialogs/EntryHistoryDialog.h"

#include "secret/SecretLabel.h"
#include "secret/SecretTextEdit.h"
#include "session/VaultSession.h"
#include "vault/TagList.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace arcanum {

namespace {

// When a version was saved, as the list and the question name it (a date is not secret). With
// seconds: two edits within one minute are two versions the user must tell apart.
QString savedAt(const EntryView& version)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(version.modified()),
                              QStringLiteral("d MMM yyyy HH:mm:ss"));
}

} // namespace

EntryHistoryDialog::EntryHistoryDialog(VaultSession* session, EntryId entry, QWidget* parent)
    : QDialog(parent), m_session(session), m_entry(entry)
{
    setWindowTitle(tr("Entry History"));
    Vault* vault = session->vault();
    buildForm(vault != nullptr ? &vault->arena() : nullptr);
    connect(session, &VaultSession::aboutToLock, this, &EntryHistoryDialog::onAboutToLock);
    connect(session, &VaultSession::contentsChanged, this, [this] {
        if (!m_closing)
            reload();
    });
    reload();
    if (m_versions->count() > 1)
        selectRow(1); // the newest earlier version: what the dialog was opened for
    m_versions->setFocus(Qt::OtherFocusReason);
}

EntryHistoryDialog::~EntryHistoryDialog()
{
    wipe();
}

void EntryHistoryDialog::buildForm(SecretArena* arena)
{
    // Created in tab order: the focus chain follows creation (rows added later are re-chained).
    m_versions = new QListWidget(this);
    m_versions->setAccessibleName(tr("Versions"));
    m_versions->setSelectionMode(QAbstractItemView::SingleSelection);
    m_versions->setMinimumWidth(fontMetrics().averageCharWidth() * 30);
    auto* versionsLabel = new QLabel(tr("&Versions:"), this);
    versionsLabel->setBuddy(m_versions);

    auto label = [this, arena](const QString& accessibleName) {
        auto* secret = new SecretLabel(arena, this);
        secret->setAccessibleName(accessibleName);
        return secret;
    };
    m_title = label(tr("Title"));
    m_username = label(tr("User name"));
    m_password = label(tr("Password"));
    m_password->setMasked(true);
    m_reveal = new QPushButton(tr("&Show"), this);
    m_reveal->setCheckable(true);
    m_reveal->setAutoDefault(false);
    m_reveal->setToolTip(tr("Show or hide the protected fields of this version"));
    m_tags = label(tr("Tags"));
    m_totp = label(tr("TOTP secret"));
    m_totp->setMasked(true);
    m_notes = new SecretTextEdit(arena, this);
    m_notes->setReadOnly(true);
    m_notes->setAccessibleName(tr("Notes"));
    m_notes->setMinimumHeight(m_notes->fontMetrics().lineSpacing() * 5);
    m_error = new ErrorLabel(this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_restore = m_buttons->addButton(tr("&Restore This Version"), QDialogButtonBox::ActionRole);
    // Enter in the list must not restore (or close): only the button or Alt+R does.
    for (QPushButton* button : {m_restore, closeButton()}) {
        button->setAutoDefault(false);
        button->setDefault(false);
    }

    auto* fields = new QWidget(this);
    m_form = new QFormLayout(fields);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setContentsMargins(0, 0, 0, 0);
    auto* passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(m_reveal);
    m_form->addRow(tr("Title:"), m_title);
    m_form->addRow(tr("User name:"), m_username);
    m_form->addRow(tr("Password:"), passwordRow);
    m_firstUrlRow = m_form->rowCount(); // URL rows go here, custom-field rows before the notes
    m_form->addRow(tr("Tags:"), m_tags);
    m_form->addRow(tr("TOTP:"), m_totp);
    m_form->addRow(tr("Notes:"), m_notes);

    auto* list = new QVBoxLayout;
    list->addWidget(versionsLabel);
    list->addWidget(m_versions, 1);
    auto* top = new QHBoxLayout;
    top->addLayout(list);
    top->addWidget(fields, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    resize(fontMetrics().averageCharWidth() * 100, fontMetrics().lineSpacing() * 26);

    connect(m_versions, &QListWidget::currentRowChanged, this, &EntryHistoryDialog::showRow);
    connect(m_reveal, &QPushButton::toggled, this, &EntryHistoryDialog::setRevealed);
    connect(m_restore, &QPushButton::clicked, this, &EntryHistoryDialog::restoreSelected);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &EntryHistoryDialog::reject);
}

QPushButton* EntryHistoryDialog::closeButton() const
{
    return m_buttons->button(QDialogButtonBox::Close);
}

SecretLabel* EntryHistoryDialog::customFieldName(std::size_t i) const
{
    return i < m_customFields.size() ? m_customFields[i].name : nullptr;
}

SecretLabel* EntryHistoryDialog::customFieldValue(std::size_t i) const
{
    return i < m_customFields.size() ? m_customFields[i].value : nullptr;
}

int EntryHistoryDialog::selectedRow() const
{
    return m_versions->currentRow();
}

void EntryHistoryDialog::selectRow(int row)
{
    m_versions->setCurrentRow(row);
}

std::optional<EntryView> EntryHistoryDialog::versionAt(int row) const
{
    Vault* vault = m_session->vault();
    if (vault == nullptr || row < 0)
        return std::nullopt;
    const auto index = vault->contents().findEntry(m_entry);
    if (!index)
        return std::nullopt;
    const EntryView current = vault->contents().entry(*index);
    return row == 0 ? std::optional<EntryView>(current)
                    : current.historyVersion(std::size_t(row - 1));
}

void EntryHistoryDialog::reload()
{
    const int keep = std::max(selectedRow(), 0);
    {
        const QSignalBlocker blocker(m_versions);
        m_versions->clear();
        const std::optional<EntryView> current = versionAt(0);
        if (current) {
            m_versions->addItem(tr("%1 — current").arg(savedAt(*current)));
            current->forEachHistory(
                [this](const EntryView& older) { m_versions->addItem(savedAt(older)); });
            m_versions->setCurrentRow(std::min(keep, m_versions->count() - 1));
        } else if (m_session->vault() != nullptr) {
            showError(tr("This entry is no longer in the vault."));
        }
    }
    showRow(selectedRow());
}

void EntryHistoryDialog::showRow(int row)
{
    clearRows();
    const std::optional<EntryView> version = versionAt(row);
    if (!version) {
        for (SecretLabel* label : {m_title, m_username, m_password, m_tags, m_totp})
            label->clear();
        m_notes->clear();
        updateButtons();
        return;
    }
    m_shownCompletely = true;
    setField(m_title, version->title());
    setField(m_username, version->username());
    setField(m_password, version->password());
    setField(m_totp, version->totp());
    m_form->setRowVisible(m_totp, !version->totp().empty());
    auto tags = TagList::join(*version, *m_title->arena());
    setField(m_tags, tags ? tags->span() : SecretSpan());
    m_shownCompletely = m_shownCompletely && tags.ok();
    m_form->setRowVisible(m_tags, !m_tags->isEmpty());
    int at = m_firstUrlRow;
    version->forEachUrl([&](SecretSpan url) { addUrlRow(at++, url); });
    version->forEachCustomField(
        [this](const EntryView::CustomField& field) { addCustomRow(field); });
    m_shownCompletely = m_notes->setText(version->notes()).ok() && m_shownCompletely;
    m_notes->setCursorPosition(0);
    setRevealed(m_revealed); // masks the new rows as the others
    chainFocus();
    if (!m_shownCompletely)
        showError(tr("Not all of this version could be shown: the vault's secret memory is full."));
    updateButtons();
}

void EntryHistoryDialog::setField(SecretLabel* label, SecretSpan value)
{
    if (!label->setText(value))
        m_shownCompletely = false;
}

void EntryHistoryDialog::addUrlRow(int at, SecretSpan url)
{
    auto* label = new SecretLabel(m_title->arena(), this);
    label->setAccessibleName(tr("URL"));
    setField(label, url);
    m_form->insertRow(at, tr("URL:"), label);
    m_urls.push_back(label);
}

void EntryHistoryDialog::addCustomRow(const EntryView::CustomField& field)
{
    auto* name = new SecretLabel(m_title->arena(), this);
    name->setAccessibleName(tr("Custom field name"));
    setField(name, field.name);
    auto* value = new SecretLabel(m_title->arena(), this);
    value->setAccessibleName(tr("Custom field"));
    setField(value, field.value);
    m_form->insertRow(m_form->rowCount() - 1, name, value); // before the notes
    m_customFields.push_back({name, value, field.isProtected});
}

void EntryHistoryDialog::clearRows()
{
    // removeRow() deletes the row's widgets; a SecretLabel wipes its text as it is destroyed.
    for (SecretLabel* url : m_urls)
        m_form->removeRow(url);
    for (const CustomRow& row : m_customFields)
        m_form->removeRow(row.value);
    m_urls.clear();
    m_customFields.clear();
}

void EntryHistoryDialog::chainFocus()
{
    std::vector<QWidget*> chain{m_versions, m_title, m_username, m_password, m_reveal};
    chain.insert(chain.end(), m_urls.begin(), m_urls.end());
    chain.insert(chain.end(), {m_tags, m_totp});
    for (const CustomRow& row : m_customFields)
        chain.insert(chain.end(), {row.name, row.value});
    chain.insert(chain.end(), {m_notes, m_restore, closeButton()});
    for (std::size_t i = 1; i < chain.size(); ++i)
        setTabOrder(chain[i - 1], chain[i]);
}

void EntryHistoryDialog::setRevealed(bool revealed)
{
    m_revealed = revealed;
    m_password->setMasked(!revealed);
    m_totp->setMasked(!revealed);
    for (const CustomRow& row : m_customFields)
        row.value->setMasked(row.isProtected && !revealed);
    if (m_reveal->isChecked() != revealed)
        m_reveal->setChecked(revealed);
    m_reveal->setText(revealed ? tr("&Hide") : tr("&Show"));
}

void EntryHistoryDialog::updateButtons()
{
    const bool open = m_session->vault() != nullptr && !m_closing;
    m_restore->setText(m_savePending ? tr("&Retry Saving") : tr("&Restore This Version"));
    m_restore->setEnabled(open && (m_savePending || selectedRow() > 0));
    m_reveal->setEnabled(open && selectedRow() >= 0);
}

void EntryHistoryDialog::restoreSelected()
{
    Vault* vault = m_session->vault();
    if (vault == nullptr || m_closing || m_question)
        return;
    if (m_savePending)
        return saveRestored();
    const int row = selectedRow();
    if (row <= 0)
        return;
    const std::optional<EntryView> version = versionAt(row);
    if (!version)
        return;
    auto* box = new QMessageBox(QMessageBox::Question, tr("Restore Version"),
                                tr("Restore the version saved %1?").arg(savedAt(*version)),
                                QMessageBox::Cancel, this);
    QPushButton* yes = box->addButton(tr("&Restore"), QMessageBox::AcceptRole);
    box->setDefaultButton(yes);
    QString consequence = tr("The current version is kept in the entry's history.");
    // A full history drops its oldest version, unless that is the one coming back.
    const int earlier = m_versions->count() - 1;
    const auto limit = int(vault->contents().historyLimit());
    const std::optional<EntryView> oldest = versionAt(earlier);
    if (limit > 0 && earlier >= limit && row < earlier && oldest)
        consequence += QLatin1Char(' ') + tr("The history keeps %n version(s), so the oldest one "
                                             "(saved %1) is dropped.",
                                             nullptr, limit)
                                              .arg(savedAt(*oldest));
    box->setInformativeText(consequence);
    m_question = box;
    connect(box, &QMessageBox::finished, this, [this, box, yes, row] {
        const bool confirmed = box->clickedButton() == yes;
        m_question.clear(); // done() must not delete it while it is still emitting
        box->deleteLater();
        if (confirmed)
            restore(row);
    });
    box->open();
}

void EntryHistoryDialog::restore(int row)
{
    Vault* vault = m_session->vault();
    if (vault == nullptr || m_closing || row <= 0)
        return;
    m_error->hide();
    if (auto restored = vault->contents().restoreVersion(m_entry, std::size_t(row - 1)); !restored)
        return showError(
            tr("Not restored. %1").arg(QString::fromStdString(restored.error().message)));
    m_savePending = true;
    saveRestored();
}

void EntryHistoryDialog::saveRestored()
{
    m_error->hide();
    // Emits contentsChanged, which reloads the list: the restored version is the current one.
    if (auto saved = m_session->commitChanges(); !saved) {
        selectRow(0);
        updateButtons();
        return showError(
            tr("Restored, but not saved. %1").arg(QString::fromStdString(saved.error().message)));
    }
    m_savePending = false;
    m_closing = true;
    QDialog::accept();
}

void EntryHistoryDialog::showError(const QString& message)
{
    m_error->showError(message);
}

void EntryHistoryDialog::done(int result)
{
    m_closing = true;
    delete m_question.data();
    wipe();
    updateButtons();
    QDialog::done(result);
}

void EntryHistoryDialog::wipe()
{
    clearRows();
    for (SecretLabel* label : {m_title, m_username, m_password, m_tags, m_totp})
        label->clear();
    m_notes->clear();
}

void EntryHistoryDialog::onAboutToLock()
{
    m_closing = true;
    delete m_question.data();
    wipe();
    // Nothing may allocate in the arena after this: it is about to be unmapped.
    for (SecretLabel* label : {m_title, m_username, m_password, m_tags, m_totp})
        label->setArena(nullptr);
    m_notes->setArena(nullptr);
    QDialog::reject();
}

} // namespace arcanum
