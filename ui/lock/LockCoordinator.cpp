#include "lock/LockCoordinator.h"

#include "dialogs/EntryEditorDialog.h"
#include "session/VaultSession.h"

#include <QApplication>
#include <QKeyEvent>
#include <QMessageBox>

namespace arcanum {

LockCoordinator::LockCoordinator(VaultSession* session, QObject* parent)
    : QObject(parent), m_session(session)
{
    qRegisterMetaType<DiscardedEdit>();
}

LockCoordinator::~LockCoordinator()
{
    if (!m_key.isEmpty() && QCoreApplication::instance())
        QCoreApplication::instance()->removeEventFilter(this);
    delete m_question.data();
}

QMessageBox* LockCoordinator::question() const
{
    return m_question;
}

void LockCoordinator::setLockKey(const QKeySequence& key)
{
    if (QCoreApplication::instance()) {
        QCoreApplication::instance()->removeEventFilter(this);
        if (!key.isEmpty())
            QCoreApplication::instance()->installEventFilter(this);
    }
    m_key = key;
}

bool LockCoordinator::eventFilter(QObject* watched, QEvent* event)
{
    // The key reaches this filter only when no shortcut took it first: in a dialog, or in a
    // widget of the main window that asked to see Ctrl+L itself.
    if (event->type() == QEvent::KeyPress && m_session->isUnlocked() && watched->isWidgetType()) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (!key->isAutoRepeat() && QKeySequence(key->keyCombination()) == m_key) {
            requestLock(LockReason::OnDemand);
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

EntryEditorDialog* LockCoordinator::unsavedEditor()
{
    for (QWidget* window : QApplication::topLevelWidgets()) {
        auto* editor = qobject_cast<EntryEditorDialog*>(window);
        if (editor != nullptr && editor->isVisible() && editor->hasUnsavedChanges())
            return editor;
    }
    return nullptr;
}

void LockCoordinator::requestLock(LockReason reason)
{
    if (m_question) {
        if (reason == LockReason::OnDemand) { // asked already
            m_question->raise();
            m_question->activateWindow();
            return;
        }
        delete m_question.data(); // an automatic lock never waits for the answer
    }
    EntryEditorDialog* editor = m_session->isUnlocked() ? unsavedEditor() : nullptr;
    if (editor != nullptr && reason == LockReason::OnDemand) {
        ask(editor);
        return;
    }
    if (editor != nullptr)
        emit editDiscarded(DiscardedEdit{editor->originalEntry(), m_session->path(), reason});
    emit lockApproved(reason);
}

void LockCoordinator::ask(EntryEditorDialog* editor)
{
    auto* box = new QMessageBox(
        QMessageBox::Question, tr("Lock"), tr("The entry you are editing has unsaved changes."),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, editor);
    box->setInformativeText(tr("Save them before the vault locks?"));
    box->setDefaultButton(QMessageBox::Save);
    box->setEscapeButton(QMessageBox::Cancel);
    m_question = box;
    const QPointer<EntryEditorDialog> target(editor);
    connect(box, &QMessageBox::finished, this, [this, box, target] {
        QAbstractButton* clicked = box->clickedButton();
        const int button =
            clicked != nullptr ? int(box->standardButton(clicked)) : int(QMessageBox::Cancel);
        m_question.clear();
        box->deleteLater();
        onAnswer(target, button);
    });
    box->open();
}

void LockCoordinator::onAnswer(EntryEditorDialog* editor, int button)
{
    if (!m_session->isUnlocked() || button == QMessageBox::Cancel)
        return;
    if (button == QMessageBox::Save && editor != nullptr) {
        editor->accept(); // saves; closes only when the save worked
        if (editor->isVisible())
            return; // not saved: the editor shows why, and the vault stays open
    }
    emit lockApproved(LockReason::OnDemand);
}

} // namespace arcanum
