// CsvImportController: "Vault → Import CSV…" — adds the rows of a password manager's CSV export
// (Chrome/Edge, Firefox, Bitwarden, KeePassXC) to the open vault and saves at once.
//
// The file is read into the vault's arena and parsed there (core/import CsvImporter), then copied
// into entries (EntryImporter; folders become groups); nothing of it becomes a QString or a
// QByteArray, and the parsed copy is wiped when the import ends. The report names counts, the
// format and why rows were skipped, never a byte of the file. Afterwards the user is offered to
// delete the export, which is plaintext on disk.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QAction;
class QWidget;

namespace arcanum {

class VaultSession;

class CsvImportController : public QObject
{
    Q_OBJECT

public:
    CsvImportController(VaultSession* session, QWidget* dialogParent);

    QAction* importAction = nullptr;

    struct Report
    {
        bool imported = false; // false: nothing was added (see error)
        int added = 0;
        QString format;      // "Chrome/Edge", "Firefox", ...
        QStringList skipped; // one sentence per skipped row
        QString error;       // why nothing (or not everything) was added
        bool saved = false;
    };

    // Imports `path` into the open vault and saves.
    [[nodiscard]] Report importFile(const QString& path);
    // The report as the sentences the user is shown.
    [[nodiscard]] static QString describe(const Report& report);

public slots:
    // Asks for the file, imports it, shows the report and offers to delete the export.
    void chooseAndImport();
    // importFile(), then the report in a message box and the offer to delete the export.
    void importAndReport(const QString& path);

signals:
    void statusMessage(const QString& message);
    // After an import that added entries (the page selects nothing in particular).
    void imported(int added);

private:
    void updateEnabled();

    VaultSession* m_session;
    QWidget* m_dialogParent;
};

} // namespace arcanum
