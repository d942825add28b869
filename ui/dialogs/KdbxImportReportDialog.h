// KdbxImportReportDialog: what a KeePass import brought into the vault, and what it left out and
// why (Vault → Import KeePass database…).
//
// The counts are ordinary text. A skipped item names its entry by title and the item by name
// (an attachment's file name, a field's name): those are the user's text, so each is drawn by a
// SecretLabel from its own arena copy, never a QString; the reason beside it is fixed text. The
// first `listedSkips` items are listed, then how many more. releaseSecrets() (a lock) wipes the
// labels; the caller closes the dialog then.
#pragma once

#include "kdbx/KdbxImportReport.h"

#include <QDialog>
#include <vector>

class QLabel;

namespace arcanum {

class SecretArena;
class SecretLabel;

class KdbxImportReportDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr std::size_t listedSkips = 50;

    // `report`'s titles and names are copied into `arena`; `fileName` is the database's.
    KdbxImportReportDialog(SecretArena* arena, const KdbxImportReport& report,
                           const QString& fileName, QWidget* parent = nullptr);
    ~KdbxImportReportDialog() override;

    // The counts as sentences (tests, the status bar).
    [[nodiscard]] static QString summary(const KdbxImportReport& report);
    // "4 entries, 1 group, 0 earlier versions".
    [[nodiscard]] static QString counts(std::size_t entries, std::size_t groups,
                                        std::size_t versions);
    // Why an item of this kind was not imported as it was, before the core's reason.
    [[nodiscard]] static QString kindText(KdbxImportSkip::Kind kind);

    [[nodiscard]] QLabel* summaryLabel() const { return m_summary; }
    // One per listed skipped item: the entry's title and the item's name.
    [[nodiscard]] const std::vector<SecretLabel*>& skippedTitles() const { return m_titles; }
    [[nodiscard]] const std::vector<SecretLabel*>& skippedItems() const { return m_items; }
    [[nodiscard]] const std::vector<QLabel*>& skippedReasons() const { return m_reasons; }

    void releaseSecrets();

private:
    QLabel* m_summary = nullptr;
    std::vector<SecretLabel*> m_titles;
    std::vector<SecretLabel*> m_items;
    std::vector<QLabel*> m_reasons;
};

} // namespace arcanum
