#include "accessibility/ScreenReaderAccessController.h"

#include "accessibility/ScreenReaderAccess.h"
#include "accessibility/ScreenReaderAccessDialog.h"
#include "settings/Settings.h"

#include <QLabel>
#include <QStatusBar>
#include <QTimer>

namespace arcanum {

ScreenReaderAccessController::ScreenReaderAccessController(Settings* settings, QWidget* window,
                                                           QStatusBar* statusBar)
    : QObject(window), m_settings(settings), m_window(window), m_indicator(new QLabel(statusBar))
{
    statusBar->addPermanentWidget(m_indicator);
    m_active = QAccessible::isActive();
    QAccessible::installActivationObserver(this);
    apply();
    if (m_active)
        QTimer::singleShot(0, this, &ScreenReaderAccessController::askOnce);
}

ScreenReaderAccessController::~ScreenReaderAccessController()
{
    QAccessible::removeActivationObserver(this);
}

void ScreenReaderAccessController::apply()
{
    const bool on = m_settings->screenReaderAccess().value_or(false);
    ScreenReaderAccess::setOn(on);
    m_indicator->setText(on ? tr("Screen reader: reads entries")
                            : tr("Screen reader: entries private"));
    m_indicator->setToolTip(
        on ? tr("Titles, user names, URLs, groups, tags and notes are given to assistive "
                "technology as text; passwords only while shown. Change it in Settings.")
           : tr("Assistive technology hears field names only, never entry text. Change it in "
                "Settings."));
    m_indicator->setAccessibleName(m_indicator->text());
    m_indicator->setVisible(m_active || on);
}

void ScreenReaderAccessController::accessibilityActiveChanged(bool active)
{
    m_active = active;
    apply();
    if (active)
        QTimer::singleShot(0, this, &ScreenReaderAccessController::askOnce);
}

void ScreenReaderAccessController::askOnce()
{
    if (m_asking || m_settings->screenReaderAccess().has_value())
        return;
    m_asking = true;
    ScreenReaderAccessDialog dialog(m_window);
    emit asking();
    const bool allow = dialog.exec() == QDialog::Accepted;
    m_asking = false;
    m_settings->setScreenReaderAccess(allow);
    (void)m_settings->sync();
    apply();
}

} // namespace arcanum
