#include "autofill/SiteAccessDialog.h"

#include "secret/SecretLabel.h"
#include "vault/VaultContents.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace arcanum {

SiteAccessDialog::SiteAccessDialog(SecretArena* arena, const autofill::SiteAccessQuestion& question,
                                   const VaultContents& contents, QWidget* parent)
    : QDialog(parent), m_entries(question.entries)
{
    setWindowTitle(tr("Give a login to a web site?"));
    auto* intro = new QLabel(question.httpAuth
                                 ? tr("A site asks your browser for a login (HTTP "
                                      "authentication). Give it these entries?")
                                 : tr("A web page asks your browser to fill in a login. Give it "
                                      "these entries?"),
                             this);
    intro->setWordWrap(true);

    auto* form = new QFormLayout;
    m_origin = new SecretLabel(arena, this);
    (void)m_origin->setText(question.origin);
    m_origin->setAccessibleName(tr("Web site"));
    auto* originLabel = new QLabel(tr("&Site:"), this);
    originLabel->setBuddy(m_origin);
    form->addRow(originLabel, m_origin);
    if (!question.submitOrigin.empty()) {
        m_submit = new SecretLabel(arena, this);
        (void)m_submit->setText(question.submitOrigin);
        m_submit->setAccessibleName(tr("Where the form sends the login"));
        auto* submitLabel = new QLabel(tr("Form &sends to:"), this);
        submitLabel->setBuddy(m_submit);
        form->addRow(submitLabel, m_submit);
    }

    auto* entriesBox = new QGroupBox(tr("Entries"), this);
    auto* grid = new QGridLayout(entriesBox);
    int row = 0;
    for (const EntryId& id : m_entries) {
        const auto index = contents.findEntry(id);
        if (!index)
            continue;
        const EntryView entry = contents.entry(*index);
        auto* title = new SecretLabel(arena, entriesBox);
        (void)title->setText(entry.title());
        title->setAccessibleName(tr("Entry title"));
        auto* user = new SecretLabel(arena, entriesBox);
        (void)user->setText(entry.username());
        user->setAccessibleName(tr("User name"));
        grid->addWidget(title, row, 0);
        grid->addWidget(user, row, 1);
        m_entryLabels.push_back(title);
        m_entryLabels.push_back(user);
        ++row;
    }

    auto* note = new QLabel(tr("“Always allow” and “Deny” are remembered for these entries and "
                               "this site; you can change an entry's browser settings later."),
                            this);
    note->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(this);
    m_once = buttons->addButton(tr("Allow &once"), QDialogButtonBox::AcceptRole);
    m_always = buttons->addButton(tr("&Always allow"), QDialogButtonBox::AcceptRole);
    m_deny = buttons->addButton(tr("&Deny"), QDialogButtonBox::RejectRole);
    m_once->setDefault(true);
    connect(m_once, &QPushButton::clicked, this,
            [this] { choose(autofill::SiteAnswer::AllowOnce); });
    connect(m_always, &QPushButton::clicked, this,
            [this] { choose(autofill::SiteAnswer::AllowAlways); });
    connect(m_deny, &QPushButton::clicked, this, [this] { choose(autofill::SiteAnswer::Deny); });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(entriesBox);
    layout->addWidget(note);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    m_once->setFocus();
}

SiteAccessDialog::~SiteAccessDialog()
{
    releaseSecrets();
}

void SiteAccessDialog::choose(autofill::SiteAnswer answer)
{
    m_answer = answer;
    if (answer == autofill::SiteAnswer::Deny)
        reject();
    else
        accept();
}

std::vector<autofill::EntryDecision> SiteAccessDialog::decisions() const
{
    std::vector<autofill::EntryDecision> out;
    if (!m_answer)
        return out; // dismissed: nothing given, nothing remembered
    out.reserve(m_entries.size());
    for (const EntryId& id : m_entries)
        out.push_back({id, *m_answer});
    return out;
}

void SiteAccessDialog::releaseSecrets()
{
    m_origin->releaseSecrets();
    if (m_submit)
        m_submit->releaseSecrets();
    for (SecretLabel* label : m_entryLabels)
        label->releaseSecrets();
}

} // namespace arcanum
