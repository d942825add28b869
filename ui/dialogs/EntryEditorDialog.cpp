#include "dialogs/EntryEditorDialog.h"

#include "dialogs/CustomFieldEditor.h"
#include "dialogs/GeneratorDialog.h"
#include "dialogs/GroupPicker.h"
#include "secret/SecretLineEdit.h"
#include "secret/SecretTextEdit.h"
#include "session/VaultSession.h"
#include "totp/TotpUri.h"
#include "vault/TagList.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QToolButton>
#include <QVBoxLayout>

namespace arcanum {

namespace {

QToolButton* revealButton(SecretLineEdit* edit, const QString& text, const QString& accessibleName)
{
    auto* button = new QToolButton(edit->parentWidget());
    button->setText(text);
    button->setCheckable(true);
    button->setAccessibleName(accessibleName);
    button->setToolTip(accessibleName);
    QObject::connect(button, &QToolButton::toggled, edit, &SecretLineEdit::setRevealed);
    return button;
}

// Keeps the first error of a series of steps.
class FirstError
{
public:
    void keep(const Result<void>& step)
    {
        if (!step && !m_error)
            m_error = step.error();
    }
    [[nodiscard]] Result<void> result() const
    {
        return m_error ? Result<void>(*m_error) : Result<void>();
    }

private:
    std::optional<Error> m_error;
};

} // namespace

EntryEditorDialog::EntryEditorDialog(VaultSession* session, std::optional<EntryId> entry,
                                     std::optional<EntryId> group, QWidget* parent)
    : QDialog(parent), m_session(session), m_original(entry), m_entry(entry)
{
    setWindowTitle(entry ? tr("Edit Entry") : tr("New Entry"));
    Vault* vault = session->vault();
    buildForm(vault != nullptr ? &vault->arena() : nullptr);
    connect(session, &VaultSession::aboutToLock, this, &EntryEditorDialog::onAboutToLock);
    if (vault == nullptr) {
        okButton()->setEnabled(false);
        return;
    }
    if (entry) {
        if (auto loaded = load(*entry); !loaded)
            showError(tr("Not all of the entry could be shown. %1")
                          .arg(QString::fromStdString(loaded.error().message)));
    } else {
        m_group->setCurrentGroup(group);
    }
    m_title->setFocus(Qt::OtherFocusReason);
}

EntryEditorDialog::~EntryEditorDialog()
{
    wipe();
}

void EntryEditorDialog::buildForm(SecretArena* arena)
{
    auto lineEdit = [this, arena](const QString& placeholder = {}) {
        auto* edit = new SecretLineEdit(arena, this);
        edit->setPlaceholderText(placeholder);
        connect(edit, &SecretLineEdit::textEdited, this, &EntryEditorDialog::markModified);
        return edit;
    };
    // Created in tab order: the focus chain follows creation.
    m_title = lineEdit();
    m_username = lineEdit();
    m_password = lineEdit();
    m_password->setEchoMode(SecretLineEdit::EchoMode::Password);
    m_revealPassword = revealButton(m_password, tr("Show"), tr("Show password"));
    m_generate = new QPushButton(tr("Gene&rate…"), this);
    m_generate->setAutoDefault(false);
    m_url = lineEdit(tr("https://…"));
    m_tags = lineEdit(tr("Separated by commas"));
    m_group = new GroupPicker(m_session, this);
    m_totp = lineEdit(tr("otpauth://totp/… or a Base32 secret"));
    m_totp->setEchoMode(SecretLineEdit::EchoMode::Password);
    m_totp->setAccessibleDescription(
        tr("An otpauth URI or a Base32 secret (then SHA-1, 6 digits, 30 seconds)"));
    m_revealTotp = revealButton(m_totp, tr("Show"), tr("Show TOTP setting"));
    m_removeTotp = new QToolButton(this);
    m_removeTotp->setText(tr("Remove"));
    m_removeTotp->setToolTip(tr("Remove the TOTP setting from this entry"));
    m_removeTotp->setAccessibleName(tr("Remove TOTP setting"));
    m_notes = new SecretTextEdit(arena, this);
    m_notes->setMinimumHeight(m_notes->fontMetrics().lineSpacing() * 5);
    m_customFields = new CustomFieldEditor(arena, this);
    m_error = new ErrorLabel(this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    auto* form = new QFormLayout;
    auto* passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(m_revealPassword);
    passwordRow->addWidget(m_generate);
    auto* totpRow = new QHBoxLayout;
    totpRow->addWidget(m_totp, 1);
    totpRow->addWidget(m_revealTotp);
    totpRow->addWidget(m_removeTotp);
    // A text label with "&" becomes its field's buddy; rows that are layouts get theirs here.
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&User name:"), m_username);
    form->addRow(tr("&Password:"), passwordRow);
    static_cast<QLabel*>(form->labelForField(passwordRow))->setBuddy(m_password);
    form->addRow(tr("UR&L:"), m_url);
    form->addRow(tr("T&ags:"), m_tags);
    form->addRow(tr("&Group:"), m_group);
    form->addRow(tr("T&OTP:"), totpRow);
    static_cast<QLabel*>(form->labelForField(totpRow))->setBuddy(m_totp);
    form->addRow(tr("&Notes:"), m_notes);
    form->addRow(tr("Custom fields:"), m_customFields);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 70);

    connect(m_generate, &QPushButton::clicked, this, &EntryEditorDialog::openGenerator);
    connect(m_removeTotp, &QToolButton::clicked, this, &EntryEditorDialog::removeTotp);
    connect(m_notes, &SecretTextEdit::textEdited, this, &EntryEditorDialog::markModified);
    connect(m_customFields, &CustomFieldEditor::edited, this, &EntryEditorDialog::markModified);
    connect(m_group, &QComboBox::activated, this, &EntryEditorDialog::markModified);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &EntryEditorDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &EntryEditorDialog::reject);
    for (const QKeySequence& keys :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto* shortcut = new QShortcut(keys, this);
        connect(shortcut, &QShortcut::activated, this, &EntryEditorDialog::accept);
    }
}

QPushButton* EntryEditorDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QPushButton* EntryEditorDialog::cancelButton() const
{
    return m_buttons->button(QDialogButtonBox::Cancel);
}

GeneratorDialog* EntryEditorDialog::generatorDialog() const
{
    return m_generator;
}

QMessageBox* EntryEditorDialog::discardQuestion() const
{
    return m_question;
}

Result<void> EntryEditorDialog::load(const EntryId& id)
{
    Vault* vault = m_session->vault();
    const auto index = vault->contents().findEntry(id);
    if (!index)
        return Error{ErrorCode::NotFound, "This entry is no longer in the vault."};
    const EntryView view = vault->contents().entry(*index);
    FirstError steps;
    steps.keep(m_title->setText(view.title()));
    steps.keep(m_username->setText(view.username()));
    steps.keep(m_password->setText(view.password()));
    steps.keep(m_url->setText(view.url()));
    auto tags = TagList::join(view, vault->arena());
    steps.keep(tags ? m_tags->setText(tags->span()) : Result<void>(tags.error()));
    steps.keep(m_totp->setText(view.totp()));
    steps.keep(m_notes->setText(view.notes()));
    view.forEachCustomField([&](const EntryView::CustomField& field) {
        steps.keep(m_customFields->addField(field.name, field.value, field.isProtected));
    });
    m_group->setCurrentGroup(view.group());
    return steps.result();
}

Result<void> EntryEditorDialog::fillDraft(EntryDraft& draft)
{
    FirstError steps;
    const std::pair<EntryField, SecretLineEdit*> lines[] = {{EntryField::Title, m_title},
                                                            {EntryField::Username, m_username},
                                                            {EntryField::Password, m_password},
                                                            {EntryField::Totp, m_totp}};
    for (const auto& [field, edit] : lines)
        steps.keep(draft.set(field, edit->text()));
    steps.keep(draft.set(EntryField::Notes, m_notes->text()));
    draft.clearTags();
    TagList::forEach(m_tags->text(), [&](SecretSpan tag) { steps.keep(draft.addTag(tag)); });
    draft.clearCustomFields();
    m_customFields->forEachField([&](SecretSpan name, SecretSpan value, bool isProtected) {
        steps.keep(draft.addCustomField(name, value, isProtected));
    });
    draft.setGroup(m_group->currentGroup().value_or(EntryId()));
    return steps.result();
}

Result<void> EntryEditorDialog::checkTotp()
{
    Vault* vault = m_session->vault();
    if (vault == nullptr || m_totp->isEmpty())
        return {};
    // Parsed in the arena; the parameters (and the decoded key) are wiped when they go.
    auto parameters = TotpUri::parse(vault->arena(), m_totp->text());
    if (!parameters)
        return parameters.error();
    // RFC 4226 asks for 128 bits and services use 80 or more; fewer is a typo, not a key.
    constexpr std::size_t minimumKeyBytes = 10;
    if (parameters->key.size() < minimumKeyBytes)
        return Error{ErrorCode::InvalidArgument,
                     "The TOTP secret is too short: " + std::to_string(parameters->key.size() * 8) +
                         " bits; a TOTP secret has at least 80 (16 Base32 characters)."};
    return {};
}

void EntryEditorDialog::removeTotp()
{
    if (m_totp->isEmpty())
        return;
    m_totp->clear();
    markModified();
    m_totp->setFocus(Qt::OtherFocusReason);
}

Result<EntryId> EntryEditorDialog::apply()
{
    Vault* vault = m_session->vault();
    if (vault == nullptr)
        return Error{ErrorCode::InvalidArgument, "The vault is locked."};
    VaultContents& contents = vault->contents();
    if (!m_entry) {
        EntryDraft draft(vault->arena());
        if (auto filled = fillDraft(draft); !filled)
            return filled.error();
        if (!m_url->isEmpty())
            if (auto added = draft.addUrl(m_url->text()); !added)
                return added.error();
        return contents.addEntry(draft);
    }
    const auto index = contents.findEntry(*m_entry);
    if (!index)
        return Error{ErrorCode::NotFound, "This entry was deleted while it was being edited."};
    const EntryView previous = contents.entry(*index);
    auto draft = EntryDraft::fromEntry(previous, vault->arena());
    if (!draft)
        return draft.error();
    if (auto filled = fillDraft(*draft); !filled)
        return filled.error();
    // The field edits the first URL; any further ones stay as they are.
    draft->clearUrls();
    FirstError steps;
    if (!m_url->isEmpty())
        steps.keep(draft->addUrl(m_url->text()));
    bool first = true;
    previous.forEachUrl([&](SecretSpan url) {
        if (!std::exchange(first, false))
            steps.keep(draft->addUrl(url));
    });
    if (auto urls = steps.result(); !urls)
        return urls.error();
    if (auto updated = contents.updateEntry(*m_entry, *draft); !updated)
        return updated.error();
    return *m_entry;
}

void EntryEditorDialog::accept()
{
    if (m_session->vault() == nullptr || m_closing)
        return;
    m_error->hide();
    if (!m_applied || m_modified) {
        if (auto totp = checkTotp(); !totp) {
            m_totp->setFocus(Qt::OtherFocusReason);
            return showError(tr("Not saved. %1 Enter an otpauth:// URI or a Base32 secret, or "
                                "remove it.")
                                 .arg(QString::fromStdString(totp.error().message)));
        }
        auto applied = apply();
        if (!applied)
            return showError(
                tr("Not saved. %1").arg(QString::fromStdString(applied.error().message)));
        m_entry = *applied; // from now on OK updates this entry
        m_applied = true;
        m_modified = false;
    }
    if (auto saved = m_session->commitChanges(); !saved)
        return showError(tr("Not saved. %1").arg(QString::fromStdString(saved.error().message)));
    m_applied = false;
    m_savedEntry = m_entry;
    m_closing = true;
    QDialog::accept();
}

void EntryEditorDialog::reject()
{
    if (m_closing || !m_modified || m_session->vault() == nullptr) {
        m_closing = true;
        QDialog::reject();
        return;
    }
    if (m_question)
        return;
    auto* box =
        new QMessageBox(QMessageBox::Question, tr("Discard Changes"), tr("Discard changes?"),
                        QMessageBox::Discard | QMessageBox::Cancel, this);
    box->setInformativeText(tr("What you changed in this entry has not been saved."));
    box->setDefaultButton(QMessageBox::Cancel);
    m_question = box;
    connect(box, &QMessageBox::finished, this, [this, box] {
        const bool discard = box->clickedButton() == box->button(QMessageBox::Discard);
        m_question.clear(); // done() must not delete it while it is still emitting
        box->deleteLater();
        if (discard) {
            m_closing = true;
            QDialog::reject();
        }
    });
    box->open();
}

void EntryEditorDialog::done(int result)
{
    closeChildren();
    wipe();
    QDialog::done(result);
}

void EntryEditorDialog::closeChildren()
{
    m_closing = true;
    delete m_question.data();
    if (m_generator) {
        m_generator->disconnect(this);
        m_generator->releaseSecrets();
        delete m_generator.data();
    }
}

void EntryEditorDialog::openGenerator()
{
    Vault* vault = m_session->vault();
    if (vault == nullptr || m_closing)
        return;
    if (m_generator) {
        m_generator->raise();
        m_generator->activateWindow();
        return;
    }
    auto* dialog = new GeneratorDialog(&vault->arena(), GeneratorDialog::Mode::Pick, this);
    m_generator = dialog;
    connect(dialog, &GeneratorDialog::copyRequested, this, &EntryEditorDialog::copyRequested);
    connect(dialog, &QDialog::finished, this, [this, dialog](int result) {
        if (result == QDialog::Accepted && !dialog->result().empty()) {
            if (auto set = m_password->setText(dialog->result()); set)
                markModified();
            else
                showError(tr("The generated password could not be used. %1")
                              .arg(QString::fromStdString(set.error().message)));
        }
        dialog->releaseSecrets();
        dialog->deleteLater();
        m_password->setFocus(Qt::OtherFocusReason);
    });
    dialog->open();
}

void EntryEditorDialog::showError(const QString& message)
{
    m_error->showError(message);
}

void EntryEditorDialog::wipe()
{
    for (SecretLineEdit* edit : {m_title, m_username, m_password, m_url, m_tags, m_totp})
        edit->releaseSecrets();
    m_notes->releaseSecrets();
    m_customFields->releaseSecrets();
}

void EntryEditorDialog::onAboutToLock()
{
    closeChildren();
    wipe();
    // Nothing may allocate in the arena after this: it is about to be unmapped.
    for (SecretLineEdit* edit : {m_title, m_username, m_password, m_url, m_tags, m_totp})
        edit->setArena(nullptr);
    m_notes->setArena(nullptr);
    m_customFields->setArena(nullptr);
    QDialog::reject();
}

} // namespace arcanum
