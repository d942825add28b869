// SecretItemDelegate: paints item-view cells whose text is plaintext, straight from the arena.
//
// The model returns no text for such cells; a TextSource looks the span up (an entry's title, a
// group's name) and the delegate draws it with SecretText over the style's normal item
// background, selection and focus. Cells the source declines (nullopt) paint as usual.
// A model may indent a cell's text by returning a level (int) for IndentLevelRole.
// Call releaseSecrets() before the arena goes away and setArena() after unlocking.
#pragma once

#include "secret/SecretSpan.h"
#include "secret/SecretText.h"

#include <QStyledItemDelegate>
#include <functional>
#include <optional>

namespace arcanum {

class SecretItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using TextSource = std::function<std::optional<SecretSpan>(const QModelIndex&)>;
    // Levels of indentation for a cell's text (a flat list showing a tree), 0 when absent.
    static constexpr int IndentLevelRole = Qt::UserRole + 0x100;

    explicit SecretItemDelegate(TextSource source, QObject* parent = nullptr);

    void setArena(SecretArena* arena) { m_text.setArena(arena); }
    void releaseSecrets() { m_text.releaseSecrets(); }

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const override;

private:
    [[nodiscard]] static int indentation(const QStyleOptionViewItem& option);

    TextSource m_source;
    mutable SecretText m_text; // scratch space reused across cells
};

} // namespace arcanum
