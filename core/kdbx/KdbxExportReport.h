// KdbxExportReport: what a KeePass export wrote, and what KDBX has no place for.
#pragma once

#include <cstddef>

namespace arcanum {

struct KdbxExportReport
{
    std::size_t groups = 0; // groups written below the root group
    std::size_t entries = 0;
    std::size_t historyVersions = 0;
    std::size_t attachments = 0;   // attachments on entries and history versions
    std::size_t totp = 0;          // entries with an `otp` field
    std::size_t associations = 0;  // KPXC_BROWSER_<name> items written
    std::size_t siteDecisions = 0; // remembered browser decisions: not written (KDBX has none)

    std::size_t renamedFields = 0; // custom fields renamed (" (2)") because KDBX keys must
                                   // be distinct in an entry (e.g. a custom field "otp" next
                                   // to the TOTP field)

    double buildMs = 0; // vault -> KDBX model (the vault's thread)
    double writeMs = 0; // Argon2 over the new key, XML, gzip, encryption, the crash-safe save
};

} // namespace arcanum
