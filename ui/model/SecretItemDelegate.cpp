#include "model/SecretItemDelegate.h"

#include <QApplication>
#include <QPainter>

namespace arcanum {

SecretItemDelegate::SecretItemDelegate(TextSource source, QObject* parent)
    : QStyledItemDelegate(parent), m_source(std::move(source))
{}

void SecretItemDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                               const QModelIndex& index) const
{
    const std::optional<SecretSpan> text = m_source(index);
    if (!text) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    item.text.clear(); // the style draws background, selection, focus and icon; we draw text
    const QWidget* widget = item.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &item, painter, widget);

    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &item, widget);
    const QPalette::ColorGroup group = !(item.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : (item.state & QStyle::State_Active) ? QPalette::Normal
                                                                             : QPalette::Inactive;
    SecretText::Options options;
    options.font = item.font;
    options.alignment = Qt::AlignLeft | Qt::AlignVCenter;
    options.color = item.palette.color(
        group, (item.state & QStyle::State_Selected) ? QPalette::HighlightedText : QPalette::Text);
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const int indent = index.data(IndentLevelRole).toInt() * indentation(item);
    painter->save();
    painter->setClipRect(textRect);
    (void)m_text.paint(*painter, textRect.adjusted(margin + indent, 0, -margin, 0), *text, options);
    painter->restore();
}

int SecretItemDelegate::indentation(const QStyleOptionViewItem& option)
{
    return option.fontMetrics.averageCharWidth() * 3;
}

QSize SecretItemDelegate::sizeHint(const QStyleOptionViewItem& option,
                                   const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += index.data(IndentLevelRole).toInt() * indentation(option);
    // The model gives no text, so base the height on the font rather than on an empty string.
    const int lineHeight = option.fontMetrics.height() + 6;
    size.setHeight(std::max(size.height(), lineHeight));
    size.setWidth(std::max(size.width(), 120));
    return size;
}

} // namespace arcanum
