#include "dialogs/GroupPicker.h"

#include "model/GroupListModel.h"
#include "model/SecretItemDelegate.h"
#include "session/VaultSession.h"

#include <QAbstractItemView>
#include <QStyleOptionComboBox>
#include <QStylePainter>

namespace arcanum {

GroupPicker::GroupPicker(VaultSession* session, QWidget* parent)
    : QComboBox(parent), m_session(session), m_model(new GroupListModel(session, this)),
      m_delegate(new SecretItemDelegate(
          [this](const QModelIndex& index) { return m_model->nameAt(index.row()); }, this))
{
    setModel(m_model);
    view()->setItemDelegate(m_delegate);
    // Item texts are empty: size the box by characters, not by its (empty) contents.
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(24);
    useArenaOf(session);

    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_keptGroup = currentGroup(); });
    connect(m_model, &QAbstractItemModel::modelReset, this,
            [this] { setCurrentGroup(m_keptGroup); });
    connect(session, &VaultSession::aboutToLock, this, [this] {
        hidePopup();
        releaseSecrets();
    });
    connect(session, &VaultSession::unlocked, this, [this] { useArenaOf(m_session); });
}

GroupPicker::~GroupPicker()
{
    m_text.releaseSecrets();
    m_delegate->releaseSecrets();
}

void GroupPicker::useArenaOf(VaultSession* session)
{
    SecretArena* arena = session->vault() != nullptr ? &session->vault()->arena() : nullptr;
    m_text.setArena(arena);
    m_delegate->setArena(arena);
}

void GroupPicker::releaseSecrets()
{
    m_text.setArena(nullptr); // releases the scratch space first
    m_delegate->releaseSecrets();
    m_delegate->setArena(nullptr);
    update();
}

void GroupPicker::setCurrentGroup(std::optional<EntryId> group)
{
    if (group && group->isNull())
        group.reset();
    const int row = m_model->rowOf(group);
    setCurrentIndex(row >= 0 ? row : m_model->rowOf(std::nullopt));
}

std::optional<EntryId> GroupPicker::currentGroup() const
{
    return m_model->groupAt(currentIndex());
}

void GroupPicker::paintEvent(QPaintEvent*)
{
    QStylePainter painter(this);
    painter.setPen(palette().color(QPalette::Text));
    QStyleOptionComboBox option;
    initStyleOption(&option);
    option.currentText.clear(); // a group's is empty anyway; "No group" is drawn below
    painter.drawComplexControl(QStyle::CC_ComboBox, option);

    const std::optional<SecretSpan> name = m_model->nameAt(currentIndex());
    if (!name) {
        initStyleOption(&option); // "No group" (or nothing while locked)
        painter.drawControl(QStyle::CE_ComboBoxLabel, option);
        return;
    }
    if (name->empty() || m_text.arena() == nullptr)
        return;
    // Where QCommonStyle's CE_ComboBoxLabel draws currentText.
    const QRect field =
        style()
            ->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, this)
            .adjusted(1, 0, -1, 0);
    SecretText::Options text;
    text.font = font();
    text.alignment = Qt::AlignLeft | Qt::AlignVCenter;
    text.color = painter.pen().color();
    painter.save();
    painter.setClipRect(field);
    (void)m_text.paint(painter, field, *name, text); // on failure: blank, never a QString
    painter.restore();
}

} // namespace arcanum
