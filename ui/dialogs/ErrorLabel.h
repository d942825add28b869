// ErrorLabel: a dialog's inline error — a word-wrapped, selectable line on a dark band, hidden
// until showError(). It shows error messages only (a file name, a reason), never vault content.
#pragma once

#include <QLabel>

namespace arcanum {

class ErrorLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ErrorLabel(QWidget* parent = nullptr);

    // Sets the text and shows the label (hide() hides it again).
    void showError(const QString& message);
};

} // namespace arcanum
