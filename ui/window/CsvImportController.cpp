#include "window/CsvImportController.h"

#include "import/CsvImporter.h"
#include "session/VaultSession.h"
#include "vault/EntryImporter.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

namespace arcanum {

CsvImportController::CsvImportController(VaultSession* session, QWidget* dialogParent)
    : QObject(dialogParent), m_session(session), m_dialogParent(dialogParent)
{
    importAction = new QAction(tr("&Import CSV…"), this);
    importAction->setStatusTip(
        tr("Add the passwords exported by Chrome, Edge, Firefox, Bitwarden or KeePassXC"));
    connect(importAction, &QAction::triggered, this, &CsvImportController::chooseAndImport);
    connect(session, &VaultSession::unlocked, this, &CsvImportController::updateEnabled);
    connect(session, &VaultSession::locked, this, &CsvImportController::updateEnabled);
    updateEnabled();
}

void CsvImportController::updateEnabled()
{
    importAction->setEnabled(m_session->isUnlocked());
}

CsvImportController::Report CsvImportController::importFile(const QString& path)
{
    Report report;
    Vault* vault = m_session->vault();
    if (vault == nullptr) {
        report.error = tr("The vault is locked.");
        return report;
    }
    auto parsed = CsvImporter::importFile(vault->arena(), QFile::encodeName(path).toStdString());
    if (!parsed) {
        report.error = QString::fromStdString(parsed.error().message);
        return report;
    }
    report.format = QString::fromLatin1(CsvDialect::formatName(parsed->format));
    for (const SkippedRow& row : parsed->skipped)
        report.skipped.append(QString::fromStdString(row.describe()));
    // addAll keeps what it added before a failure (memory): count, save and report that much.
    const std::size_t before = vault->contents().entryCount();
    auto added = EntryImporter::addAll(vault->contents(), vault->arena(), parsed->entries);
    if (!added)
        report.error = QString::fromStdString(added.error().message);
    report.added = int(vault->contents().entryCount() - before);
    report.imported = report.added > 0;
    if (report.imported || !added) // a failure may have left new groups behind: keep them too
        report.saved = bool(m_session->commitChanges());
    return report; // `parsed` goes here: the file's plaintext in the arena is wiped
}

QString CsvImportController::describe(const Report& report)
{
    QString text;
    if (!report.imported)
        text = report.error.isEmpty() ? tr("Nothing was imported: the file has no usable rows.")
                                      : tr("Nothing was imported. %1").arg(report.error);
    else if (report.added == 1)
        text = tr("Imported 1 entry from a %1 export.").arg(report.format);
    else
        text = tr("Imported %1 entries from a %2 export.").arg(report.added).arg(report.format);
    if (report.imported && !report.error.isEmpty())
        text += QLatin1Char(' ') + tr("Then the import stopped: %1").arg(report.error);
    if (!report.skipped.isEmpty()) {
        constexpr int listed = 20; // a message box, not a log: the first ones tell the story
        text += QLatin1Char('\n') + tr("Skipped rows (%1):").arg(report.skipped.size()) +
                QStringLiteral("\n  ") + report.skipped.mid(0, listed).join(QStringLiteral("\n  "));
        if (report.skipped.size() > listed)
            text +=
                QStringLiteral("\n  ") + tr("… and %1 more").arg(report.skipped.size() - listed);
    }
    if (report.imported && !report.saved)
        text += QLatin1Char('\n') + tr("The vault could not be saved (see the other message).");
    return text;
}

void CsvImportController::chooseAndImport()
{
    if (!m_session->isUnlocked())
        return;
    const QString path = QFileDialog::getOpenFileName(m_dialogParent, tr("Import CSV"), QString(),
                                                      tr("CSV exports (*.csv);;All files (*)"));
    if (!path.isEmpty())
        importAndReport(path);
}

void CsvImportController::importAndReport(const QString& path)
{
    const Report report = importFile(path);
    if (!report.imported) {
        QMessageBox::warning(m_dialogParent, tr("Import CSV"), describe(report));
        return;
    }
    emit imported(report.added);
    const QString text = describe(report);
    emit statusMessage(text.section(QLatin1Char('\n'), 0, 0));
    QMessageBox box(QMessageBox::Information, tr("Import CSV"), text, QMessageBox::NoButton,
                    m_dialogParent);
    if (!report.saved) {
        // The entries are only in memory: the export is still the one copy on disk.
        box.setIcon(QMessageBox::Warning);
        box.setInformativeText(tr("Keep the export file until the vault is saved."));
        box.addButton(QMessageBox::Ok);
        box.exec();
        return;
    }
    box.setInformativeText(tr("The export file holds every password in plain text. Delete it "
                              "now that its entries are saved in the vault?"));
    QPushButton* remove = box.addButton(tr("&Delete the Export"), QMessageBox::DestructiveRole);
    box.addButton(tr("&Keep It"), QMessageBox::RejectRole);
    box.setDefaultButton(remove); // its rows are in the saved vault: nothing is lost
    box.exec();
    if (box.clickedButton() == remove && !QFile::remove(path))
        QMessageBox::warning(m_dialogParent, tr("Import CSV"),
                             tr("%1 could not be deleted; delete it yourself.").arg(path));
}

} // namespace arcanum
