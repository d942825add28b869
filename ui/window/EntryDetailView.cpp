#include "window/EntryDetailView.h"

#include "secret/SecretLabel.h"
#include "secret/SecretTextEdit.h"
#include "session/VaultSession.h"
#include "window/TotpCodeView.h"

#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace arcanum {

namespace {

QPushButton* smallButton(const QString& text, const QString& tip, QWidget* parent)
{
    auto* button = new QPushButton(text, parent);
    button->setToolTip(tip);
    button->setFocusPolicy(Qt::TabFocus);
    return button;
}

QWidget* row(QWidget* parent, QWidget* field, std::initializer_list<QPushButton*> buttons)
{
    auto* container = new QWidget(parent);
    auto* layout = new QHBoxLayout(container);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field, 1);
    for (QPushButton* button : buttons)
        layout->addWidget(button);
    return container;
}

} // namespace

EntryDetailView::EntryDetailView(VaultSession* session, QWidget* parent)
    : QWidget(parent), m_session(session)
{
    m_placeholder = new QLabel(tr("Select an entry to see its details."), this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_fields = new QWidget(this);
    m_form = new QFormLayout(m_fields);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_title = new SecretLabel(nullptr, m_fields);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setAccessibleName(tr("Title"));
    m_username = new SecretLabel(nullptr, m_fields);
    m_username->setAccessibleName(tr("User name"));
    m_password = new SecretLabel(nullptr, m_fields);
    m_password->setAccessibleName(tr("Password"));
    m_password->setMasked(true);
    m_url = new SecretLabel(nullptr, m_fields);
    m_url->setAccessibleName(tr("URL"));
    m_totp = new TotpCodeView(m_fields);
    m_tags = new SecretLabel(nullptr, m_fields);
    m_tags->setAccessibleName(tr("Tags"));
    m_notes = new SecretTextEdit(nullptr, m_fields);
    m_notes->setReadOnly(true);
    m_notes->setAccessibleName(tr("Notes"));
    m_notes->setMinimumHeight(80);
    m_dates = new QLabel(m_fields);
    m_dates->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* copyUser = smallButton(tr("Copy"), tr("Copy the user name (Ctrl+B)"), m_fields);
    auto* copyPassword = smallButton(tr("Copy"), tr("Copy the password (Ctrl+C)"), m_fields);
    m_reveal = smallButton(tr("Show"), tr("Show or hide protected fields"), m_fields);
    m_reveal->setCheckable(true);
    auto* openUrl = smallButton(tr("Open"), tr("Open the URL in the browser (Ctrl+U)"), m_fields);
    auto* copyUrl = smallButton(tr("Copy"), tr("Copy the URL"), m_fields);
    auto* copyTotp = smallButton(tr("Copy"), tr("Copy the current TOTP code (Ctrl+T)"), m_fields);
    auto* edit = smallButton(tr("E&dit…"), tr("Edit this entry (Ctrl+E)"), m_fields);
    // Alt+S: Alt+H opens the Help menu.
    m_history =
        smallButton(tr("Hi&story…"),
                    tr("See and restore earlier versions of this entry (Ctrl+Shift+H)"), m_fields);
    connect(copyUser, &QPushButton::clicked, this,
            [this] { emit copyRequested(EntryField::Username); });
    connect(copyPassword, &QPushButton::clicked, this,
            [this] { emit copyRequested(EntryField::Password); });
    connect(copyUrl, &QPushButton::clicked, this, [this] { emit copyRequested(EntryField::Url); });
    connect(copyTotp, &QPushButton::clicked, this, &EntryDetailView::copyTotpRequested);
    connect(openUrl, &QPushButton::clicked, this, &EntryDetailView::openUrlRequested);
    connect(edit, &QPushButton::clicked, this, &EntryDetailView::editRequested);
    connect(m_history, &QPushButton::clicked, this, &EntryDetailView::historyRequested);
    connect(m_reveal, &QPushButton::toggled, this, &EntryDetailView::setRevealed);

    m_form->addRow(m_title);
    m_form->addRow(tr("User name:"), row(m_fields, m_username, {copyUser}));
    m_form->addRow(tr("Password:"), row(m_fields, m_password, {m_reveal, copyPassword}));
    m_form->addRow(tr("URL:"), row(m_fields, m_url, {openUrl, copyUrl}));
    m_totpRow = m_form->rowCount();
    m_form->addRow(tr("TOTP:"), row(m_fields, m_totp, {copyTotp}));
    m_tagsRow = m_form->rowCount();
    m_form->addRow(tr("Tags:"), m_tags);
    m_form->addRow(tr("Notes:"), m_notes);
    m_form->addRow(m_dates);
    auto* entryButtons = new QWidget(m_fields);
    auto* entryButtonsLayout = new QHBoxLayout(entryButtons);
    entryButtonsLayout->setContentsMargins(0, 0, 0, 0);
    entryButtonsLayout->addWidget(edit);
    entryButtonsLayout->addWidget(m_history);
    entryButtonsLayout->addStretch(1);
    m_form->addRow(entryButtons);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_placeholder);
    layout->addWidget(m_fields);
    layout->addStretch();
    showEntry(std::nullopt);

    connect(session, &VaultSession::aboutToLock, this, &EntryDetailView::releaseSecrets);
    connect(session, &VaultSession::contentsChanged, this, [this] { showEntry(m_entry); });
}

SecretLabel* EntryDetailView::label(EntryField field) const
{
    switch (field) {
    case EntryField::Title:
        return m_title;
    case EntryField::Username:
        return m_username;
    case EntryField::Password:
        return m_password;
    case EntryField::Url:
        return m_url;
    case EntryField::Totp:
    case EntryField::Notes:
        return nullptr;
    }
    return nullptr;
}

void EntryDetailView::setClock(WallClock clock)
{
    m_totp->setClock(std::move(clock));
}

void EntryDetailView::setField(SecretLabel* label, SecretSpan value)
{
    Vault* vault = m_session->vault();
    label->setArena(vault ? &vault->arena() : nullptr);
    if (vault)
        (void)label->setText(value);
}

void EntryDetailView::showEntry(const std::optional<EntryId>& entry)
{
    Vault* vault = m_session->vault();
    std::optional<std::size_t> index;
    if (entry && vault)
        index = vault->contents().findEntry(*entry);
    if (!index) {
        releaseSecrets();
        return;
    }
    if (m_entry != entry)
        setRevealed(false);
    m_entry = entry;
    const EntryView view = vault->contents().entry(*index);
    setField(m_title, view.title());
    setField(m_username, view.username());
    setField(m_password, view.password());
    setField(m_url, view.url());
    if (view.totp().empty())
        m_totp->releaseSecrets(); // no timer without a code to count down
    else
        (void)m_totp->showSetting(vault->arena(), view.totp()); // a failure is shown in the row
    // Rows for fields this entry does not use stay out of the way.
    m_form->setRowVisible(m_totpRow, !view.totp().empty());
    // Tags: joined with ", " in the arena (via the label's own copy, one tag at a time).
    std::size_t tagBytes = 0;
    view.forEachTag([&](SecretSpan tag) { tagBytes += tag.size() + 2; });
    auto joined = vault->arena().allocate(tagBytes);
    if (joined) {
        std::size_t at = 0;
        view.forEachTag([&](SecretSpan tag) {
            if (at > 0) {
                joined->data()[at++] = ',';
                joined->data()[at++] = ' ';
            }
            std::copy(tag.begin(), tag.end(), joined->data() + at);
            at += tag.size();
        });
        (void)joined->resize(at);
        setField(m_tags, joined->span());
    }
    m_form->setRowVisible(m_tagsRow, tagBytes > 0);
    m_notes->setArena(&vault->arena());
    (void)m_notes->setText(view.notes());
    m_notes->setCursorPosition(0);

    clearCustomFields();
    int customIndex = 0;
    view.forEachCustomField(
        [&](const EntryView::CustomField& field) { addCustomField(customIndex++, field); });
    m_history->setEnabled(view.historyCount() > 0);
    const QLocale locale;
    m_dates->setText(
        tr("Created %1 · modified %2 · %n earlier version(s)", nullptr, int(view.historyCount()))
            .arg(locale.toString(QDateTime::fromMSecsSinceEpoch(view.created()),
                                 QLocale::ShortFormat),
                 locale.toString(QDateTime::fromMSecsSinceEpoch(view.modified()),
                                 QLocale::ShortFormat)));
    m_placeholder->hide();
    m_fields->show();
}

void EntryDetailView::addCustomField(int index, const EntryView::CustomField& field)
{
    Vault* vault = m_session->vault();
    auto* name = new SecretLabel(&vault->arena(), m_fields);
    (void)name->setText(field.name);
    auto* value = new SecretLabel(&vault->arena(), m_fields);
    (void)value->setText(field.value);
    value->setMasked(field.isProtected && !m_revealed);
    value->setAccessibleName(tr("Custom field"));
    auto* copy = smallButton(tr("Copy"), tr("Copy this field"), m_fields);
    connect(copy, &QPushButton::clicked, this,
            [this, index] { emit copyCustomFieldRequested(index); });
    QWidget* line = row(m_fields, value, {copy});
    // Insert before the notes row so custom fields sit with the other fields.
    m_form->insertRow(m_form->rowCount() - 3, name, line);
    m_customRows.push_back(name);
    m_customValues.push_back(value);
    m_customProtected.push_back(field.isProtected);
}

void EntryDetailView::clearCustomFields()
{
    // removeRow() deletes the row's widgets; a SecretLabel wipes its text as it is destroyed.
    for (QWidget* name : m_customRows)
        m_form->removeRow(name);
    m_customRows.clear();
    m_customValues.clear();
    m_customProtected.clear();
}

void EntryDetailView::setRevealed(bool revealed)
{
    m_revealed = revealed;
    m_password->setMasked(!revealed);
    m_totp->setRevealed(revealed);
    for (std::size_t i = 0; i < m_customValues.size(); ++i)
        m_customValues[i]->setMasked(m_customProtected[i] && !revealed);
    if (m_reveal->isChecked() != revealed)
        m_reveal->setChecked(revealed);
    m_reveal->setText(revealed ? tr("Hide") : tr("Show"));
    emit revealedChanged(revealed);
}

void EntryDetailView::releaseSecrets()
{
    m_entry.reset();
    clearCustomFields();
    m_totp->releaseSecrets();
    for (SecretLabel* label : {m_title, m_username, m_password, m_url, m_tags}) {
        label->clear();
        label->setArena(nullptr);
    }
    m_notes->clear();
    m_notes->setArena(nullptr);
    m_dates->clear();
    m_history->setEnabled(false);
    if (m_reveal && m_revealed)
        setRevealed(false);
    m_fields->hide();
    m_placeholder->show();
}

} // namespace arcanum
