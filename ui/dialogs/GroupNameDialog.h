// GroupNameDialog: asks for a group's name (new group, or rename). A SecretNameDialog: the name
// stays in the caller's arena (the vault's), never a QString; OK is enabled while it is not
// empty.
#pragma once

#include "dialogs/SecretNameDialog.h"

class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace arcanum {

class GroupNameDialog : public SecretNameDialog
{
    Q_OBJECT

public:
    explicit GroupNameDialog(SecretArena* arena, QWidget* parent = nullptr);

    // A prompt other than "Name:" (not secret).
    void setLabelText(const QString& text);
    [[nodiscard]] QPushButton* okButton() const;

private:
    QLabel* m_label;
    QDialogButtonBox* m_buttons;
};

} // namespace arcanum
