// CustomFieldEditor: the rows of an entry's custom fields — name, value, "Protected" — with
// buttons to add and remove rows.
//
// Every name and value is a SecretLineEdit in the vault's arena (a protected value is in
// Password mode, with a "Show" button beside it); the editor never makes a QString of either.
// Rows keep the tab order name, value, Show (while protected), Protected, Remove, row after row,
// after the "Add Field" button.
// Lifetime: releaseSecrets() (or setArena(nullptr)) before the arena is released.
#pragma once

#include "common/Result.h"
#include "secret/SecretSpan.h"

#include <QWidget>
#include <vector>

class QCheckBox;
class QPushButton;
class QToolButton;
class QVBoxLayout;

namespace arcanum {

class SecretArena;
class SecretLineEdit;

class CustomFieldEditor : public QWidget
{
    Q_OBJECT

public:
    explicit CustomFieldEditor(SecretArena* arena, QWidget* parent = nullptr);
    ~CustomFieldEditor() override;

    // A new row holding copies of `name` and `value`.
    [[nodiscard]] Result<void> addField(SecretSpan name, SecretSpan value, bool isProtected);
    // Appends an empty row and focuses its name (the "Add Field" button).
    void addEmptyRow();
    // Wipes and removes row `row`.
    void removeRow(int row);

    [[nodiscard]] int rowCount() const { return int(m_rows.size()); }
    [[nodiscard]] SecretLineEdit* nameEdit(int row) const { return m_rows.at(row).name; }
    [[nodiscard]] SecretLineEdit* valueEdit(int row) const { return m_rows.at(row).value; }
    [[nodiscard]] QCheckBox* protectedBox(int row) const { return m_rows.at(row).hidden; }
    [[nodiscard]] QToolButton* revealButton(int row) const { return m_rows.at(row).reveal; }
    [[nodiscard]] QToolButton* removeButton(int row) const { return m_rows.at(row).remove; }
    [[nodiscard]] QPushButton* addButton() const { return m_add; }

    // Calls f(name, value, isProtected) for each row with a name or a value, top to bottom.
    template <typename F>
    void forEachField(F f) const;

    // Wipes every name and value (the rows stay).
    void releaseSecrets();
    // Wipes everything and uses `arena` from now on (nullptr: none, after a lock).
    void setArena(SecretArena* arena);

signals:
    // The user changed something: a name, a value, a Protected box, a row added or removed.
    void edited();

private:
    struct Row
    {
        QWidget* widget = nullptr;
        SecretLineEdit* name = nullptr;
        SecretLineEdit* value = nullptr;
        QToolButton* reveal = nullptr;
        QCheckBox* hidden = nullptr;
        QToolButton* remove = nullptr;
    };
    Row& appendRow();
    [[nodiscard]] bool isEmptyRow(const Row& row) const;
    [[nodiscard]] SecretSpan nameOf(const Row& row) const;
    [[nodiscard]] SecretSpan valueOf(const Row& row) const;
    [[nodiscard]] bool isProtected(const Row& row) const;

    SecretArena* m_arena;
    QPushButton* m_add;
    QVBoxLayout* m_rowsLayout;
    std::vector<Row> m_rows;
};

template <typename F>
void CustomFieldEditor::forEachField(F f) const
{
    for (const Row& row : m_rows)
        if (!isEmptyRow(row))
            f(nameOf(row), valueOf(row), isProtected(row));
}

} // namespace arcanum
