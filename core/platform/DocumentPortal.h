// DocumentPortal: files reached through xdg-document-portal's FUSE mount
// ($XDG_RUNTIME_DIR/doc/DOC_ID/NAME), which is how a Flatpak sandbox sees a vault the user chose
// in a file dialog (README "Flatpak", docs/SECURITY.md "The Flatpak sandbox").
//
// Measured with xdg-desktop-portal 1.16 (Debian 12): a temp file created beside the document is
// backed by a hidden ".xdp-NAME-XXXXXX" file in the real folder, and renaming it over the
// document is a rename() in the real folder, so AtomicFile::replace stays atomic there. Any other
// name in DOC_ID/ is only such a temp file: it never appears under its own name outside the
// sandbox and vanishes from the sandbox when the portal restarts, leaving the hidden file behind.
// So the vault's .bak cannot live beside a document: backupPath() puts it in the app's data
// folder instead ($XDG_DATA_HOME/arcanum/backups, inside Flatpak ~/.var/app/APP_ID/data/...).
// Owns nothing secret.
#pragma once

#include <string>

namespace arcanum {

class DocumentPortal
{
public:
    // Where the portal is mounted for this process: $XDG_RUNTIME_DIR/doc, or "" when
    // XDG_RUNTIME_DIR is unset.
    [[nodiscard]] static std::string mountPoint();

    // Is `path` a document inside `mountPoint` (MOUNT/DOC_ID/NAME or deeper)?
    [[nodiscard]] static bool contains(const std::string& path, const std::string& mountPoint);

    // The backup of the vault at `path`: `path`.bak beside it, or for a document in the portal
    // `dataHome`/arcanum/backups/DOC_ID-NAME.bak (DOC_ID keeps two documents of the same name
    // apart). `dataHome` is $XDG_DATA_HOME (default ~/.local/share).
    [[nodiscard]] static std::string
    backupPath(const std::string& path, const std::string& mountPoint, const std::string& dataHome);

    // backupPath() for this process's environment; creates the backups folder (0700) when the
    // vault is in the portal.
    [[nodiscard]] static std::string backupPath(const std::string& path);
};

} // namespace arcanum
