#include "dialogs/KdbxImportReportDialog.h"

#include "secret/SecretLabel.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace arcanum {

KdbxImportReportDialog::KdbxImportReportDialog(SecretArena* arena, const KdbxImportReport& report,
                                               const QString& fileName, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("KeePass Import"));
    m_summary =
        new QLabel(tr("From %1:").arg(fileName) + QLatin1Char('\n') + summary(report), this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);

    if (!report.skipped.empty()) {
        auto* heading =
            new QLabel(tr("Not imported as they were (%1):").arg(report.skipped.size()), this);
        layout->addWidget(heading);
        auto* list = new QWidget;
        auto* grid = new QGridLayout(list);
        grid->addWidget(new QLabel(tr("Entry"), list), 0, 0);
        grid->addWidget(new QLabel(tr("Item"), list), 0, 1);
        grid->addWidget(new QLabel(tr("Why"), list), 0, 2);
        int row = 1;
        for (const KdbxImportSkip& skip : report.skipped) {
            if (std::size_t(row) > listedSkips)
                break;
            auto* title = new SecretLabel(arena, list);
            (void)title->setText(skip.entryTitle.span()); // on failure: blank
            title->setAccessibleName(tr("Entry"));
            auto* item = new SecretLabel(arena, list);
            (void)item->setText(skip.item.span());
            item->setAccessibleName(tr("Item"));
            QString why =
                kindText(skip.kind) + QStringLiteral(": ") + QString::fromStdString(skip.reason);
            if (skip.historyVersion > 0)
                why += QLatin1Char(' ') + tr("(earlier version %1)").arg(skip.historyVersion);
            auto* reason = new QLabel(why, list);
            reason->setWordWrap(true);
            grid->addWidget(title, row, 0);
            grid->addWidget(item, row, 1);
            grid->addWidget(reason, row, 2);
            m_titles.push_back(title);
            m_items.push_back(item);
            m_reasons.push_back(reason);
            ++row;
        }
        grid->setColumnStretch(2, 1);
        auto* scroll = new QScrollArea(this);
        scroll->setWidget(list);
        scroll->setWidgetResizable(true);
        layout->addWidget(scroll, 1);
        if (report.skipped.size() > listedSkips)
            layout->addWidget(
                new QLabel(tr("… and %1 more.").arg(report.skipped.size() - listedSkips), this));
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 70);
}

KdbxImportReportDialog::~KdbxImportReportDialog()
{
    releaseSecrets();
}

void KdbxImportReportDialog::releaseSecrets()
{
    for (SecretLabel* label : m_titles)
        label->setArena(nullptr);
    for (SecretLabel* label : m_items)
        label->setArena(nullptr);
}

QString KdbxImportReportDialog::kindText(KdbxImportSkip::Kind kind)
{
    switch (kind) {
    case KdbxImportSkip::Kind::Attachment:
        return tr("Attachment left out");
    case KdbxImportSkip::Kind::Association:
        return tr("Browser association left out");
    case KdbxImportSkip::Kind::Field:
        return tr("Field left out");
    case KdbxImportSkip::Kind::Totp:
        return tr("TOTP kept as a protected field");
    case KdbxImportSkip::Kind::GroupNotes:
        return tr("Group notes left out");
    }
    return {};
}

QString KdbxImportReportDialog::counts(std::size_t entries, std::size_t groups,
                                       std::size_t versions)
{
    return (entries == 1 ? tr("1 entry") : tr("%1 entries").arg(entries)) + QStringLiteral(", ") +
           (groups == 1 ? tr("1 group") : tr("%1 groups").arg(groups)) + QStringLiteral(", ") +
           (versions == 1 ? tr("1 earlier version") : tr("%1 earlier versions").arg(versions));
}

QString KdbxImportReportDialog::summary(const KdbxImportReport& report)
{
    QStringList lines;
    lines << tr("Imported %1.").arg(counts(report.entries, report.groups, report.historyVersions));
    if (report.customFields > 0)
        lines << tr("Custom fields: %1.").arg(report.customFields);
    if (report.totp > 0)
        lines << tr("TOTP settings: %1 (of them %2 from KeePassXC's older TOTP fields).")
                     .arg(report.totp)
                     .arg(report.legacyTotp);
    if (report.attachments > 0)
        lines << tr("Attachments: %1.").arg(report.attachments);
    if (report.associations > 0)
        lines << tr("KeePassXC-Browser associations: %1.").arg(report.associations);
    if (report.identitySet)
        lines << tr("The browser extension now knows this vault as the KeePass database it was "
                    "associated with.");
    if (report.recycleBinEntries > 0)
        lines
            << (report.recycleBinEntries == 1
                    ? tr("Left out: 1 entry in the recycle bin.")
                    : tr("Left out: %1 entries in the recycle bin.").arg(report.recycleBinEntries));
    if (report.skipped.empty() && report.recycleBinEntries == 0)
        lines << tr("Nothing was left out.");
    return lines.join(QLatin1Char('\n'));
}

} // namespace arcanum
