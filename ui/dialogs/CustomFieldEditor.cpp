#include "dialogs/CustomFieldEditor.h"

#include "secret/SecretLineEdit.h"

#include <QApplication>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace arcanum {

CustomFieldEditor::CustomFieldEditor(SecretArena* arena, QWidget* parent)
    : QWidget(parent), m_arena(arena), m_add(new QPushButton(tr("Add &Field"), this)),
      m_rowsLayout(new QVBoxLayout)
{
    m_add->setAutoDefault(false);
    auto* buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_add);
    buttonRow->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttonRow);
    layout->addLayout(m_rowsLayout);
    connect(m_add, &QPushButton::clicked, this, &CustomFieldEditor::addEmptyRow);
}

CustomFieldEditor::~CustomFieldEditor()
{
    releaseSecrets();
}

CustomFieldEditor::Row& CustomFieldEditor::appendRow()
{
    Row row;
    row.widget = new QWidget(this);
    row.name = new SecretLineEdit(m_arena, row.widget);
    row.name->setPlaceholderText(tr("Name"));
    row.name->setAccessibleName(tr("Field name"));
    row.value = new SecretLineEdit(m_arena, row.widget);
    row.value->setPlaceholderText(tr("Value"));
    row.value->setAccessibleName(tr("Field value"));
    row.reveal = new QToolButton(row.widget);
    row.reveal->setText(tr("Show"));
    row.reveal->setCheckable(true);
    row.reveal->setEnabled(false); // until the value is protected
    row.reveal->setAccessibleName(tr("Show field value"));
    row.reveal->setToolTip(tr("Show the protected value"));
    row.hidden = new QCheckBox(tr("Protected"), row.widget);
    row.hidden->setToolTip(tr("Hide the value, like a password"));
    row.remove = new QToolButton(row.widget);
    row.remove->setText(tr("Remove"));
    row.remove->setAccessibleName(tr("Remove field"));
    auto* layout = new QHBoxLayout(row.widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(row.name, 2);
    layout->addWidget(row.value, 3);
    layout->addWidget(row.reveal);
    layout->addWidget(row.hidden);
    layout->addWidget(row.remove);
    m_rowsLayout->addWidget(row.widget);
    row.widget->show(); // now, not queued by the layout: Tab must reach it at once

    // After the last row (or the Add button): name, value, Protected, Remove.
    QWidget* before = m_rows.empty() ? static_cast<QWidget*>(m_add) : m_rows.back().remove;
    QWidget::setTabOrder(before, row.name);
    QWidget::setTabOrder(row.name, row.value);
    QWidget::setTabOrder(row.value, row.reveal);
    QWidget::setTabOrder(row.reveal, row.hidden);
    QWidget::setTabOrder(row.hidden, row.remove);

    SecretLineEdit* value = row.value;
    QToolButton* reveal = row.reveal;
    connect(row.hidden, &QCheckBox::toggled, value, [value, reveal](bool on) {
        value->setEchoMode(on ? SecretLineEdit::EchoMode::Password
                              : SecretLineEdit::EchoMode::Normal);
        reveal->setChecked(false);
        reveal->setEnabled(on);
    });
    connect(row.reveal, &QToolButton::toggled, value, &SecretLineEdit::setRevealed);
    connect(row.hidden, &QCheckBox::clicked, this, &CustomFieldEditor::edited);
    connect(row.name, &SecretLineEdit::textEdited, this, &CustomFieldEditor::edited);
    connect(row.value, &SecretLineEdit::textEdited, this, &CustomFieldEditor::edited);
    QWidget* widget = row.widget;
    connect(row.remove, &QToolButton::clicked, this, [this, widget] {
        const auto found = std::find_if(m_rows.begin(), m_rows.end(),
                                        [widget](const Row& r) { return r.widget == widget; });
        if (found != m_rows.end()) {
            removeRow(int(found - m_rows.begin()));
            emit edited();
        }
    });
    m_rows.push_back(row);
    return m_rows.back();
}

Result<void> CustomFieldEditor::addField(SecretSpan name, SecretSpan value, bool isProtected)
{
    Row& row = appendRow();
    row.hidden->setChecked(isProtected);
    if (auto set = row.name->setText(name); !set)
        return set;
    return row.value->setText(value);
}

void CustomFieldEditor::addEmptyRow()
{
    Row& row = appendRow();
    row.name->setFocus(Qt::OtherFocusReason);
    emit edited();
}

void CustomFieldEditor::removeRow(int index)
{
    if (index < 0 || index >= rowCount())
        return;
    const Row row = m_rows[std::size_t(index)];
    m_rows.erase(m_rows.begin() + index);
    row.name->releaseSecrets();
    row.value->releaseSecrets();
    // Focus moves on to the next row's name, else back to the Add button.
    const bool hadFocus = row.widget->isAncestorOf(QApplication::focusWidget());
    if (hadFocus) {
        if (index < rowCount())
            m_rows[std::size_t(index)].name->setFocus(Qt::OtherFocusReason);
        else
            m_add->setFocus(Qt::OtherFocusReason);
    }
    row.widget->hide();
    row.widget->deleteLater(); // its Remove button may be the sender right now
}

bool CustomFieldEditor::isEmptyRow(const Row& row) const
{
    return row.name->isEmpty() && row.value->isEmpty();
}

SecretSpan CustomFieldEditor::nameOf(const Row& row) const
{
    return row.name->text();
}

SecretSpan CustomFieldEditor::valueOf(const Row& row) const
{
    return row.value->text();
}

bool CustomFieldEditor::isProtected(const Row& row) const
{
    return row.hidden->isChecked();
}

void CustomFieldEditor::releaseSecrets()
{
    for (const Row& row : m_rows) {
        row.name->releaseSecrets();
        row.value->releaseSecrets();
    }
}

void CustomFieldEditor::setArena(SecretArena* arena)
{
    m_arena = arena;
    for (const Row& row : m_rows) {
        row.name->setArena(arena);
        row.value->setArena(arena);
    }
}

} // namespace arcanum
