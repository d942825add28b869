#include "window/DiscardedEditNotice.h"

#include "secret/SecretLabel.h"
#include "session/VaultSession.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace arcanum {

namespace {

QString becauseText(LockReason reason)
{
    switch (reason) {
    case LockReason::OnDemand:
        return DiscardedEditNotice::tr("when the vault was locked.");
    case LockReason::IdleTimeout:
        return DiscardedEditNotice::tr("when the vault locked after a period of inactivity.");
    case LockReason::ScreenLocked:
        return DiscardedEditNotice::tr("when the vault locked with the screen.");
    case LockReason::BeforeSleep:
        return DiscardedEditNotice::tr("when the vault locked before the computer went to sleep.");
    }
    return {};
}

} // namespace

DiscardedEditNotice::DiscardedEditNotice(VaultSession* session, QWidget* parent)
    : QFrame(parent), m_session(session)
{
    setObjectName(QStringLiteral("discardedEditNotice"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    m_before = new QLabel(this);
    m_title = new SecretLabel(nullptr, this);
    m_title->setAccessibleName(tr("Title of the entry"));
    m_after = new QLabel(this);
    m_after->setWordWrap(true);
    m_dismiss = new QPushButton(tr("&Dismiss"), this);
    for (QLabel* label : {m_before, m_after})
        label->setForegroundRole(QPalette::ToolTipText);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_before);
    layout->addWidget(m_title);
    layout->addWidget(m_after, 1);
    layout->addWidget(m_dismiss);
    connect(m_dismiss, &QPushButton::clicked, this, &DiscardedEditNotice::clear);
    connect(session, &VaultSession::unlocked, this, &DiscardedEditNotice::onUnlocked);
    connect(session, &VaultSession::aboutToLock, this, &DiscardedEditNotice::clear);
    hide();
}

void DiscardedEditNotice::remember(const DiscardedEdit& edit)
{
    m_pending = edit;
}

QString DiscardedEditNotice::text() const
{
    if (isHidden())
        return {};
    return m_title->isHidden() ? m_before->text() + QLatin1Char(' ') + m_after->text()
                               : m_before->text() + QStringLiteral(" … ") + m_after->text();
}

void DiscardedEditNotice::onUnlocked()
{
    const std::optional<DiscardedEdit> edit = std::exchange(m_pending, std::nullopt);
    Vault* vault = m_session->vault();
    if (!edit || vault == nullptr || edit->vaultPath != m_session->path())
        return;
    const VaultContents& contents = vault->contents();
    const auto index = edit->entry ? contents.findEntry(*edit->entry) : std::nullopt;
    bool named = false;
    if (index) {
        m_title->setArena(&vault->arena());
        named = m_title->setText(contents.entry(*index).title()).ok();
    }
    m_title->setVisible(named);
    if (named) {
        m_before->setText(tr("Your unsaved changes to"));
        m_after->setText(tr("were discarded %1").arg(becauseText(edit->reason)));
    } else if (!edit->entry) {
        m_before->setText(tr("A new entry you were adding was not saved:"));
        m_after->setText(tr("it was discarded %1").arg(becauseText(edit->reason)));
    } else {
        m_before->setText(tr("Your unsaved changes to an entry that is no longer in the vault"));
        m_after->setText(tr("were discarded %1").arg(becauseText(edit->reason)));
    }
    show();
}

void DiscardedEditNotice::clear()
{
    m_title->releaseSecrets();
    m_title->setArena(nullptr);
    hide();
}

} // namespace arcanum
