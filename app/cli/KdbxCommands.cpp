#include "cli/KdbxCommands.h"

#include "kdbx/KdbxKeyFile.h"
#include "kdbx/KdbxReader.h"
#include "kdbx/KdbxVaultExporter.h"
#include "kdbx/KdbxVaultImporter.h"
#include "secret/MemoryLockLimit.h"
#include "vault/EntryImporter.h"

#include <cmath>
#include <string>
#include <sys/stat.h>

namespace arcanum::cli {

namespace {

std::string path(SecretSpan word)
{
    return std::string(word.chars(), word.size()); // a file name, not vault content
}

Error usage(std::string message)
{
    return Error{ErrorCode::InvalidArgument, std::move(message)};
}

// Errors about the KeePass file as the exit statuses see them: what is wrong with the input
// file is a bad file (5), whatever code the reader chose.
Error asFileError(Error error)
{
    switch (error.code) {
    case ErrorCode::InvalidParameters: // KDF costs beyond the limits, refused before running
        error.code = ErrorCode::KdfLimitExceeded;
        break;
    case ErrorCode::InvalidArgument: // not UTF-8
    case ErrorCode::NotAKeePassFile:
    case ErrorCode::Unsupported:
    case ErrorCode::LimitExceeded:
        error.code = ErrorCode::FileDamaged;
        break;
    default:
        break;
    }
    return error;
}

std::string count(std::size_t n, const char* one, const char* many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string ms(double value)
{
    return std::to_string(static_cast<long long>(std::lround(value))) + " ms";
}

} // namespace

Result<KdbxCommands::KeyOptions> KdbxCommands::takeKeyOptions(ArgumentList& args)
{
    KeyOptions options;
    auto keyFile = args.takeOption("--key-file");
    if (!keyFile)
        return keyFile.error();
    if (*keyFile)
        options.keyFile = path(**keyFile);
    options.noPassword = args.takeFlag("--no-password");
    auto fd = args.takeNumber("--kdbx-password-fd", 0, 65535);
    if (!fd)
        return fd.error();
    options.passwordFd = *fd;
    if (options.noPassword && options.passwordFd)
        return usage("--no-password and --kdbx-password-fd exclude each other.");
    if (options.noPassword && !options.keyFile)
        return usage("--no-password needs --key-file: a KeePass key is a password, a key file "
                     "or both.");
    return options;
}

Result<KdbxKey> KdbxCommands::key(const KeyOptions& options, bool confirm)
{
    SecretArena& arena = m_vault.arena();
    std::optional<KdbxKeyFile> keyFile;
    if (options.keyFile) {
        auto read = KdbxKeyFile::read(arena, *options.keyFile);
        if (!read)
            return read.error();
        keyFile.emplace(std::move(read.value()));
    }
    // Kept only until the composite key is made (KdbxKey hashes it at once).
    std::optional<SecretBuffer> password;
    if (!options.noPassword) {
        auto read = options.passwordFd
                        ? Console::readSecretLine(static_cast<int>(*options.passwordFd),
                                                  "KeePass password", arena)
                    : confirm ? Console::askTwice("New KeePass database password: ", arena)
                              : Console::ask("KeePass database password: ", false, arena);
        if (!read)
            return read.error();
        password.emplace(std::move(read.value()));
    }
    KdbxKey::Parts parts;
    if (password)
        parts.password = password->span();
    parts.keyFile = keyFile ? &*keyFile : nullptr;
    return KdbxKey::create(arena, parts);
}

void KdbxCommands::printReport(const KdbxImportReport& report) const
{
    std::string text = "Imported " + count(report.entries, "entry", "entries") + " (" +
                       count(report.historyVersions, "history version", "history versions") +
                       ") in " + count(report.groups, "group", "groups") + ": " +
                       count(report.customFields, "custom field", "custom fields") + ", " +
                       count(report.attachments, "attachment", "attachments") + " (" +
                       count(report.attachmentData, "distinct file", "distinct files") + "), " +
                       std::to_string(report.totp) + " TOTP";
    if (report.legacyTotp > 0)
        text += " (" + std::to_string(report.legacyTotp) + " from TOTP Seed/Settings)";
    text +=
        ", " + count(report.associations, "browser association", "browser associations") + ".\n";
    if (report.identitySet)
        text += "The vault now has the KeePass database's identity: KeePassXC-Browser keeps its "
                "connection.\n";
    if (report.recycleBinEntries > 0 || report.recycleBinGroups > 0)
        text += "Left out the recycle bin: " + count(report.recycleBinEntries, "entry", "entries") +
                " in " + count(report.recycleBinGroups, "group", "groups") +
                " (--keep-recycle-bin imports them).\n";
    if (report.entryCustomData > 0)
        text += "Left out: " +
                count(report.entryCustomData, "entry custom data item", "entry custom data items") +
                " (plugin and browser-extension settings).\n";
    text += "Time: " + ms(report.kdfMs) + " key derivation, " +
            ms(report.readMs + report.decryptMs + report.applyMs) + " the rest.\n";
    m_console.err(text);
    if (report.skipped.empty())
        return;
    m_console.err("Not imported as they were (" + std::to_string(report.skipped.size()) + "):\n");
    for (const KdbxImportSkip& skip : report.skipped) {
        // Titles and names are the user's text: written from the arena, never copied.
        m_console.err("  ");
        if (skip.kind != KdbxImportSkip::Kind::Association &&
            skip.kind != KdbxImportSkip::Kind::GroupNotes) {
            m_console.err("entry \"");
            m_console.errSecretOneLine(skip.entryTitle.span());
            m_console.err("\"");
            if (skip.historyVersion > 0)
                m_console.err(" (history version " + std::to_string(skip.historyVersion) + ")");
            m_console.err(", ");
        }
        const char* what = skip.kind == KdbxImportSkip::Kind::Attachment    ? "attachment"
                           : skip.kind == KdbxImportSkip::Kind::Association ? "browser association"
                           : skip.kind == KdbxImportSkip::Kind::GroupNotes  ? "group"
                                                                            : "field";
        m_console.err(std::string(what) + " \"");
        m_console.errSecretOneLine(skip.item.span());
        m_console.err("\": " + skip.reason + "\n");
    }
}

Result<void> KdbxCommands::importKdbx(ArgumentList& args)
{
    KdbxImportOptions options;
    options.keepRecycleBin = args.takeFlag("--keep-recycle-bin");
    auto groupName = args.takeOption("--group");
    if (!groupName)
        return groupName.error();
    auto keyOptions = takeKeyOptions(args);
    if (!keyOptions)
        return keyOptions.error();
    const auto file = args.takePositional();
    if (!file)
        return usage("Missing the KeePass database (FILE.kdbx). See --help.");
    if (auto rest = args.expectNothingLeft(); !rest)
        return rest;
    // The file is read and its header checked before its password is asked for: a wrong path
    // or a file that is no KeePass database is said at once.
    auto bytes = KdbxReader::readFile(path(*file));
    if (!bytes)
        return bytes.error();
    if (auto header = KdbxReader::readHeader(*bytes); !header)
        return asFileError(header.error());
    auto kdbxKey = key(*keyOptions, false);
    if (!kdbxKey)
        return kdbxKey.error();

    VaultContents& contents = m_vault.contents();
    const VaultContents::Checkpoint before = contents.checkpoint();
    std::optional<KdbxImportReport> imported;
    {
        // The database lives only until it is in the vault: its secret memory is given back
        // before the save needs its own.
        KdbxImportReport report;
        KdbxImportOptions readOptions = options;
        readOptions.prefaultForApply = true; // read and apply share the vault's arena
        auto database =
            KdbxVaultImporter::read(m_vault.arena(), *bytes, *kdbxKey, readOptions, &report);
        if (!database)
            return asFileError(MemoryLockLimit::inContext(
                database.error(), "Nothing was imported; the vault is unchanged."));
        if (*groupName) {
            auto id = EntryImporter::groupForPath(contents, **groupName);
            if (!id) {
                contents.rollback(before);
                return id.error();
            }
            options.intoGroup = *id;
        }
        auto applied = KdbxVaultImporter::apply(contents, m_vault.arena(), *database, options,
                                                std::move(report));
        if (!applied) {
            contents.rollback(before); // the --group folders too
            return MemoryLockLimit::inContext(applied.error(),
                                              "Nothing was imported; the vault is unchanged.");
        }
        imported.emplace(std::move(applied.value()));
    }
    if (auto saved = m_vault.save(); !saved) {
        contents.rollback(before);
        return saved;
    }
    printReport(*imported);
    return {};
}

Result<void> KdbxCommands::exportKdbx(ArgumentList& args)
{
    const bool aes = args.takeFlag("--aes");
    const bool force = args.takeFlag("--force");
    auto keyOptions = takeKeyOptions(args);
    if (!keyOptions)
        return keyOptions.error();
    const auto out = args.takePositional();
    if (!out)
        return usage("Missing the KeePass file to write (OUT.kdbx). See --help.");
    if (auto rest = args.expectNothingLeft(); !rest)
        return rest;
    const std::string outPath = path(*out);
    struct stat existing
    {};
    if (!force && ::stat(outPath.c_str(), &existing) == 0)
        return Error{ErrorCode::AlreadyExists,
                     outPath + " exists; add --force to replace it, or choose another name."};
    auto kdbxKey = key(*keyOptions, true);
    if (!kdbxKey)
        return kdbxKey.error();
    KdbxWriteOptions options;
    if (aes)
        options.cipher = KdbxHeader::Cipher::Aes256Cbc;
    m_console.err("Writing " + outPath + " (KDBX 4, Argon2id 64 MiB, " +
                  (aes ? "AES-256" : "ChaCha20") + ")...\n");
    auto report = KdbxVaultExporter::exportFile(m_vault.contents(), m_vault.arena(), outPath,
                                                *kdbxKey, options);
    if (!report)
        return MemoryLockLimit::inContext(report.error(), "Nothing was written.");
    std::string text = "Exported " + count(report->entries, "entry", "entries") + " (" +
                       count(report->historyVersions, "history version", "history versions") +
                       ") in " + count(report->groups, "group", "groups") + ", " +
                       count(report->attachments, "attachment", "attachments") + ", " +
                       std::to_string(report->totp) + " TOTP, " +
                       count(report->associations, "browser association", "browser associations") +
                       ".\n";
    if (report->siteDecisions > 0)
        text += "Not exported: " +
                count(report->siteDecisions, "remembered browser decision",
                      "remembered browser decisions") +
                " (KeePass files have no place for them).\n";
    if (report->renamedFields > 0)
        text += count(report->renamedFields, "custom field was", "custom fields were") +
                " renamed with \" (2)\" (a KeePass entry cannot have two fields of one name).\n";
    m_console.err(text);
    return {};
}

} // namespace arcanum::cli
