// KdbxImportReport: what a KeePass import put into the vault, and what it left out and why.
//
// Counts are plain numbers. A skipped item names its entry by title and the item by name
// (an attachment's file name, an association's name): those are the user's text, so they are
// arena buffers, shown by front ends the way they show any field. `reason` is built from fixed
// literals and numbers only and may be printed or logged.
#pragma once

#include "secret/SecretBuffer.h"

#include <cstddef>
#include <string>
#include <vector>

namespace arcanum {

struct KdbxImportSkip
{
    enum class Kind
    {
        Attachment,  // an attachment the vault cannot hold (too large, a second one of a name)
        Association, // a KeePassXC-Browser association (malformed key, name already in the vault)
        Field,       // a custom field the vault cannot hold (e.g. an empty name)
        Totp,        // TOTP text that is not a TOTP setting: kept as a protected custom field
    };
    Kind kind = Kind::Attachment;
    SecretBuffer entryTitle;        // the entry's title (empty for associations)
    SecretBuffer item;              // the attachment's / field's / association's name
    std::size_t historyVersion = 0; // 0: the entry itself; n: its n-th history version (oldest 1)
    std::string reason;             // "larger than the vault's 256 MiB record limit", ...
};

struct KdbxImportReport
{
    std::size_t groups = 0;          // groups created (the KeePass root group is not one)
    std::size_t entries = 0;         // entries added
    std::size_t historyVersions = 0; // earlier versions kept with them
    std::size_t customFields = 0;    // custom string fields (entries and history versions)
    std::size_t attachments = 0;     // attachments on entries and history versions
    std::size_t attachmentData = 0;  // distinct attachment contents added to the vault's pool
    std::size_t totp = 0;            // entries whose TOTP went into the vault's TOTP field
    std::size_t legacyTotp = 0;      // ... of them from "TOTP Seed" / "TOTP Settings"
    std::size_t associations = 0;    // KeePassXC-Browser associations added
    bool identitySet = false;        // the vault's identity is now the KeePass root group UUID

    std::size_t recycleBinEntries = 0;   // left out: entries in the recycle bin (option keeps them)
    std::size_t recycleBinGroups = 0;    // left out: the recycle bin and groups inside it
    std::vector<KdbxImportSkip> skipped; // every other item not imported as it was, in order

    // Where the time went (the KDF is what a caller should run off its GUI thread).
    double readMs = 0;    // header, file checks
    double kdfMs = 0;     // Argon2 / AES-KDF
    double decryptMs = 0; // HMAC, decryption, inflate, XML
    double applyMs = 0;   // adding to the vault
};

} // namespace arcanum
