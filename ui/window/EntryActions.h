// EntryActions: what the user can do to entries — new, edit, history, delete, copy user name /
// password / URL / custom field / the current TOTP code, open URL, the password generator (groups:
// GroupActions) — as QActions with their shortcuts.
//
// Logic only; no layout. Copies go through ClipboardGuard (served lazily from the arena, cleared
// after the timeout); opening a URL (UrlOpener: web addresses only, from the arena, through the
// OpenURI portal or xdg-open) is the one path that hands plaintext to another program, on
// request (docs/SECURITY.md). Any other URL is not opened: the user is told so and offered a
// copy instead. Windows and tests trigger the actions or call the slots directly.
#pragma once

#include "common/Result.h"
#include "vault/EntryView.h"
#include "window/WallClock.h"

#include <QObject>
#include <QPointer>
#include <optional>

class QAction;
class QMessageBox;
class QWidget;

namespace arcanum {

class ClipboardGuard;
class UrlOpener;
class VaultPage;
class VaultSession;

class EntryActions : public QObject
{
    Q_OBJECT

public:
    EntryActions(VaultSession* session, VaultPage* page, ClipboardGuard* clipboard,
                 QWidget* dialogParent);

    QAction* newEntry = nullptr;
    QAction* editEntry = nullptr;
    QAction* showHistory = nullptr; // enabled when the selected entry has earlier versions
    QAction* deleteEntry = nullptr;
    QAction* copyUsername = nullptr;
    QAction* copyPassword = nullptr;
    QAction* copyTotp = nullptr; // the current code; enabled when the entry has a TOTP setting
    QAction* openUrl = nullptr;
    QAction* revealFields = nullptr;
    QAction* generator = nullptr;

    // The clock TOTP codes are computed for (tests inject one).
    void setClock(WallClock clock) { m_clock = clock ? std::move(clock) : systemWallClock(); }

    // Skip the delete confirmation (tests).
    void setConfirmDeletes(bool confirm) { m_confirmDeletes = confirm; }
    // Opens URLs (tests point it at a private bus and a fake opener).
    [[nodiscard]] UrlOpener* urlOpener() const { return m_urlOpener; }
    // "Copy the URL instead?", while it is open.
    [[nodiscard]] QMessageBox* urlQuestion() const;

public slots:
    void addEntry();
    void editCurrent();
    // The selected entry's earlier versions (EntryHistoryDialog), to see or restore one.
    void showCurrentHistory();
    void deleteCurrent();
    void copyField(arcanum::EntryField field);
    void copyCustomField(int index);
    // Copies the selected entry's current TOTP code (computed in the arena, cleared like a
    // password).
    void copyTotpCode();
    // Copies a generated password (from the generator or the entry editor).
    void copyGenerated(arcanum::SecretSpan secret);
    void openCurrentUrl();
    void showGenerator();
    void updateEnabled();

signals:
    void statusMessage(const QString& message);

private:
    [[nodiscard]] std::optional<EntryView> current() const;
    void reportCopy(const Result<void>& copied, const QString& what);
    void showError(const QString& title, const QString& message);
    void onUrlOpened(bool opened, const QString& how);
    // Says `why` the entry's URL was not opened and offers to copy it (asked with open()).
    void offerToCopyUrl(const EntryId& entry, const QString& why);

    VaultSession* m_session;
    VaultPage* m_page;
    ClipboardGuard* m_clipboard;
    QWidget* m_dialogParent;
    UrlOpener* m_urlOpener = nullptr;
    std::optional<EntryId> m_openingEntry; // the entry whose URL is being opened
    QPointer<QMessageBox> m_urlQuestion;
    bool m_confirmDeletes = true;
    WallClock m_clock = systemWallClock();
};

} // namespace arcanum
