// autofill-screenshots: draws the browser dialogs (AssociationDialog, SiteAccessDialog) and
// Settings → Browser integration with sample data and saves them as PNGs for the README:
//   QT_QPA_PLATFORM=offscreen build/tests/tools/autofill-screenshots docs/screenshots
// Sample data only (a made-up fingerprint, site and entry); nothing is read from a vault.
#include "autofill/AssociationDialog.h"
#include "autofill/SiteAccessDialog.h"
#include "secret/SecretArena.h"
#include "vault/VaultContents.h"

#include <QApplication>
#include <QDir>
#include <QPixmap>
#include <cstdio>

using namespace arcanum;

namespace {

SecretBuffer text(SecretArena& arena, const char* value)
{
    return arena
        .copyOf(SecretSpan(reinterpret_cast<const std::uint8_t*>(value),
                           std::char_traits<char>::length(value)))
        .value();
}

bool save(QWidget& widget, const QString& path)
{
    widget.show();
    widget.adjustSize();
    QApplication::processEvents();
    const bool ok = widget.grab().save(path);
    std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
    return ok;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const QString folder = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    auto arena = SecretArena::create({});
    if (!arena)
        return 1;
    bool ok = true;
    {
        AssociationDialog dialog(arena->get(),
                                 QStringLiteral("3f2a 91c0 0b1e 77aa 5d20 c4e9 1a2b 3c4d"));
        ok &= save(dialog, QDir(folder).filePath("browser-association.png"));
        dialog.releaseSecrets();
    }
    {
        auto contents = VaultContents::createEmpty(**arena);
        EntryDraft draft(**arena);
        (void)draft.set(EntryField::Title, text(**arena, "Example Mail").span());
        (void)draft.set(EntryField::Username, text(**arena, "alice@example.com").span());
        const EntryId id = contents->addEntry(draft).value();
        const SecretBuffer origin = text(**arena, "https://mail.example.com");
        autofill::SiteAccessQuestion question;
        question.origin = origin.span();
        question.entries = {id};
        SiteAccessDialog dialog(arena->get(), question, *contents);
        ok &= save(dialog, QDir(folder).filePath("browser-site-access.png"));
        dialog.releaseSecrets();
    }
    return ok ? 0 : 1;
}
