#include "window/UnlockPage.h"

#include "secret/SecretLineEdit.h"
#include "window/BusyIndicator.h"

#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace arcanum {

UnlockPage::UnlockPage(QWidget* parent) : QWidget(parent)
{
    m_title = new QLabel(tr("Unlock a vault"), this);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_title->setFont(big);
    m_pathLabel = new QLabel(this);
    m_pathLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pathLabel->setWordWrap(true);

    auto* passwordLabel = new QLabel(tr("&Master password:"), this);
    m_password = new SecretLineEdit(nullptr, this);
    m_password->setEchoMode(SecretLineEdit::EchoMode::Password);
    m_password->setPlaceholderText(tr("Master password"));
    m_password->setAccessibleName(tr("Master password"));
    m_password->installEventFilter(this);
    passwordLabel->setBuddy(m_password);
    auto* reveal = new QPushButton(tr("Show"), this);
    reveal->setCheckable(true);
    reveal->setToolTip(tr("Show the password while typing"));
    reveal->setFocusPolicy(Qt::TabFocus);
    connect(reveal, &QPushButton::toggled, m_password, &SecretLineEdit::setRevealed);
    connect(m_password, &SecretLineEdit::revealedChanged, reveal, &QPushButton::setChecked);

    m_unlock = new QPushButton(tr("&Unlock"), this);
    m_unlock->setDefault(true);
    connect(m_unlock, &QPushButton::clicked, this, &UnlockPage::unlockRequested);
    connect(m_password, &SecretLineEdit::returnPressed, this, [this] {
        if (m_unlock->isEnabled())
            emit unlockRequested();
    });
    connect(m_password, &SecretLineEdit::textEdited, this, [this] {
        clearError();
        updateUnlockButton();
    });

    m_busyRow = new QWidget(this);
    // Argon2 gives no progress: a busy indicator drawn five times a second (an indeterminate
    // QProgressBar repaints at 60 frames a second on the cores Argon2 runs on, and draws no text).
    m_busy = new BusyIndicator(m_busyRow);
    m_busyText = new QLabel(tr("Deriving the key…"), m_busyRow);
    m_busy->setAccessibleName(m_busyText->text());
    m_cancel = new QPushButton(tr("Cancel"), m_busyRow);
    m_cancel->setToolTip(tr("Stop unlocking (Esc)"));
    connect(m_cancel, &QPushButton::clicked, this, &UnlockPage::cancelRequested);
    auto* busyLayout = new QHBoxLayout(m_busyRow);
    busyLayout->setContentsMargins(0, 0, 0, 0);
    busyLayout->addWidget(m_busy, 1);
    busyLayout->addWidget(m_busyText);
    busyLayout->addWidget(m_cancel);
    m_busyRow->hide();
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    m_recent = new QListWidget(this);
    m_recent->setAccessibleName(tr("Recent vaults"));
    m_recent->setMaximumHeight(140);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit recentVaultChosen(item->data(Qt::UserRole).toString());
    });
    m_create = new QPushButton(tr("&Create new vault…"), this);
    m_open = new QPushButton(tr("&Open another vault…"), this);
    connect(m_create, &QPushButton::clicked, this, &UnlockPage::createRequested);
    connect(m_open, &QPushButton::clicked, this, &UnlockPage::openRequested);

    auto* passwordRow = new QHBoxLayout;
    passwordRow->addWidget(m_password, 1);
    passwordRow->addWidget(reveal);
    passwordRow->addWidget(m_unlock);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_create);
    buttons->addWidget(m_open);
    buttons->addStretch();

    auto* column = new QVBoxLayout;
    column->addWidget(m_title);
    column->addWidget(m_pathLabel);
    column->addSpacing(12);
    column->addWidget(passwordLabel);
    column->addLayout(passwordRow);
    column->addWidget(m_busyRow);
    column->addWidget(m_error);
    column->addSpacing(24);
    column->addWidget(new QLabel(tr("Recent vaults:"), this));
    column->addWidget(m_recent);
    column->addLayout(buttons);
    column->addStretch();

    auto* outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 3);
    outer->addStretch(1);
    setVaultPath({});
}

UnlockPage::~UnlockPage()
{
    releaseSecrets();
}

void UnlockPage::setVaultPath(const QString& path)
{
    m_path = path;
    if (path.isEmpty()) {
        m_title->setText(tr("No vault open"));
        m_pathLabel->setText(tr("Create a new vault, or open an existing one."));
    } else {
        m_title->setText(tr("Unlock %1").arg(QFileInfo(path).fileName()));
        m_pathLabel->setText(QFileInfo(path).absoluteFilePath());
    }
    m_password->setEnabled(!path.isEmpty());
    clearError();
    updateUnlockButton();
}

void UnlockPage::setRecentVaults(const QStringList& paths)
{
    m_recent->clear();
    for (const QString& path : paths) {
        auto* item = new QListWidgetItem(QFileInfo(path).fileName() + QStringLiteral("  —  ") +
                                         QFileInfo(path).absolutePath());
        item->setData(Qt::UserRole, path);
        item->setToolTip(path);
        m_recent->addItem(item);
    }
}

void UnlockPage::ensureArena()
{
    if (m_arena)
        return;
    auto arena = SecretArena::create(m_arenaOptions, 4096);
    if (!arena) {
        showError(QString::fromStdString(arena.error().message));
        return;
    }
    m_arena = std::move(arena.value());
    m_password->setArena(m_arena.get());
}

bool UnlockPage::eventFilter(QObject* watched, QEvent* event)
{
    // The arena appears when the password field is about to receive keys, not before.
    if (watched == m_password &&
        (event->type() == QEvent::FocusIn || event->type() == QEvent::KeyPress ||
         event->type() == QEvent::ShortcutOverride))
        ensureArena();
    return QWidget::eventFilter(watched, event);
}

SecretArena* UnlockPage::inputArena()
{
    ensureArena();
    return m_arena.get();
}

void UnlockPage::focusPassword()
{
    ensureArena();
    m_password->setFocus(Qt::OtherFocusReason);
}

void UnlockPage::updateUnlockButton()
{
    m_unlock->setEnabled(!m_path.isEmpty() && !m_password->isEmpty() && !isBusy());
}

void UnlockPage::setBusy(bool busy)
{
    m_busyRow->setVisible(busy);
    m_password->setEnabled(!busy && !m_path.isEmpty());
    m_create->setEnabled(!busy);
    m_open->setEnabled(!busy);
    m_recent->setEnabled(!busy);
    updateUnlockButton();
    // Enter or Space cancels, as Escape does. Afterwards the window decides where the focus
    // goes (back to the password after a failure or a cancel; the vault after an unlock).
    if (busy)
        m_cancel->setFocus(Qt::OtherFocusReason);
}

void UnlockPage::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape && isBusy()) {
        emit cancelRequested();
        return;
    }
    QWidget::keyPressEvent(event);
}

void UnlockPage::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
    focusPassword();
}

QString UnlockPage::errorText() const
{
    return m_error->isVisible() || !m_error->isHidden() ? m_error->text() : QString();
}

bool UnlockPage::isBusy() const
{
    return !m_busyRow->isHidden();
}

void UnlockPage::clearError()
{
    m_error->clear();
    m_error->hide();
}

Result<SecretBuffer> UnlockPage::takePassword()
{
    if (!m_arena || m_password->isEmpty())
        return Error{ErrorCode::InvalidArgument, tr("Type the master password.").toStdString()};
    auto copy = m_arena->copyOf(m_password->text());
    m_password->clear();
    updateUnlockButton();
    return copy;
}

void UnlockPage::releaseSecrets()
{
    m_password->clear();
    m_password->setArena(nullptr);
    m_arena.reset();
    updateUnlockButton();
}

} // namespace arcanum
