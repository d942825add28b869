#include "dialogs/ErrorLabel.h"

namespace arcanum {

ErrorLabel::ErrorLabel(QWidget* parent) : QLabel(parent)
{
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setForegroundRole(QPalette::BrightText);
    setBackgroundRole(QPalette::Dark);
    setAutoFillBackground(true);
    setMargin(6);
    hide();
}

void ErrorLabel::showError(const QString& message)
{
    setText(message);
    show();
}

} // namespace arcanum
