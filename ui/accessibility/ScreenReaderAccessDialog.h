// ScreenReaderAccessDialog: asks once, when assistive technology is active, whether a screen
// reader may read entry text, and says plainly what that means (issue 12). Accepted = allow.
// Holds nothing secret.
#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

namespace arcanum {

class ScreenReaderAccessDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ScreenReaderAccessDialog(QWidget* parent = nullptr);

    [[nodiscard]] QPushButton* allowButton() const { return m_allow; }
    [[nodiscard]] QPushButton* keepPrivateButton() const { return m_keepPrivate; }
    [[nodiscard]] static QString explanation();

private:
    QLabel* m_text = nullptr;
    QPushButton* m_allow = nullptr;
    QPushButton* m_keepPrivate = nullptr;
};

} // namespace arcanum
