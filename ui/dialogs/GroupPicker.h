// GroupPicker: a combo box for choosing an entry's group (or "No group") without a group name
// ever becoming a QString.
//
// Its model is a GroupListModel (DisplayRole empty for groups, so itemText() and currentText()
// are empty); the popup paints names with a SecretItemDelegate, and paintEvent() draws the combo
// frame with an empty currentText and then the current name with SecretText in the edit field.
// Owns the arena scratch space of both painters. Follows the session: on aboutToLock it closes
// the popup and drops every arena pointer (the list empties); on unlocked it takes the new arena.
// Typing to search does not find groups (it would need their names as strings).
#pragma once

#include "secret/SecretText.h"
#include "vault/EntryId.h"

#include <QComboBox>
#include <optional>

namespace arcanum {

class GroupListModel;
class SecretItemDelegate;
class VaultSession;

class GroupPicker : public QComboBox
{
    Q_OBJECT

public:
    explicit GroupPicker(VaultSession* session, QWidget* parent = nullptr);
    ~GroupPicker() override;

    // nullopt (or a group that does not exist) selects "No group".
    void setCurrentGroup(std::optional<EntryId> group);
    [[nodiscard]] std::optional<EntryId> currentGroup() const;

    [[nodiscard]] GroupListModel* groupModel() const { return m_model; }

    // Wipes the painters' scratch space and forgets the arena (the session's lock does this).
    void releaseSecrets();

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void useArenaOf(VaultSession* session);

    VaultSession* m_session;
    GroupListModel* m_model;
    SecretItemDelegate* m_delegate;
    SecretText m_text;
    std::optional<EntryId> m_keptGroup; // across a model reset
};

} // namespace arcanum
