#include "platform/HibernationBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>

namespace arcanum {

HibernationBanner::HibernationBanner(QWidget* parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("hibernationBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);

    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxInformation, nullptr, this).pixmap(iconSize));
    m_icon->setAlignment(Qt::AlignTop);
    m_text->setText(HibernationProbe::unlockedMessage());
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setForegroundRole(QPalette::ToolTipText);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);

    refresh();
}

void HibernationBanner::setHibernationState(HibernationState state)
{
    m_state = state;
    refresh();
}

void HibernationBanner::setProtectionLevel(ProtectionLevel level)
{
    m_level = level;
    refresh();
}

void HibernationBanner::setVaultUnlocked(bool unlocked)
{
    m_unlocked = unlocked;
    refresh();
}

void HibernationBanner::setEnabledBySettings(bool enabled)
{
    m_enabled = enabled;
    refresh();
}

bool HibernationBanner::wantsToShow() const
{
    return m_enabled && m_unlocked && m_level == ProtectionLevel::SecretMemory &&
           m_state == HibernationState::CanHibernate;
}

QString HibernationBanner::text() const
{
    return m_text->text();
}

void HibernationBanner::refresh()
{
    setVisible(wantsToShow());
}

} // namespace arcanum
