#include "cli/VaultCommands.h"

#include "cli/GenerateCommand.h"
#include "cli/KdbxCommands.h"
#include "cli/KdfOptions.h"
#include "cli/SecretOutputBuffer.h"
#include "crypto/ConstantTime.h"
#include "format/VaultHeader.h"
#include "import/CsvDialect.h"
#include "import/CsvImporter.h"
#include "text/SearchQuery.h"
#include "totp/Totp.h"
#include "totp/TotpUri.h"
#include "vault/EntryImporter.h"

#include <cmath>
#include <ctime>
#include <string>

namespace arcanum::cli {

namespace {

constexpr std::string_view mask = "********"; // the same for every length

std::string_view view(SecretSpan span)
{
    return {span.chars(), span.size()};
}

std::string formatTime(std::int64_t ms)
{
    if (ms <= 0)
        return "unknown";
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &utc);
    return text;
}

Error usage(std::string message)
{
    return Error{ErrorCode::InvalidArgument, std::move(message)};
}

} // namespace

bool VaultCommands::handles(std::string_view command)
{
    for (std::string_view known : {"info", "ls", "search", "show", "add", "edit", "rm", "passwd",
                                   "import-csv", "import-kdbx", "export-kdbx", "totp"})
        if (command == known)
            return true;
    return false;
}

int VaultCommands::run(std::string_view command, ArgumentList& args)
{
    Result<void> result;
    if (command == "info")
        result = info(args);
    else if (command == "ls")
        result = list(args, false);
    else if (command == "search")
        result = list(args, true);
    else if (command == "show")
        result = show(args);
    else if (command == "add")
        result = add(args);
    else if (command == "edit")
        result = edit(args);
    else if (command == "rm")
        result = remove(args);
    else if (command == "passwd")
        result = changePassword(args);
    else if (command == "import-csv")
        result = importCsv(args);
    else if (command == "import-kdbx")
        result = KdbxCommands(m_vault, m_console).importKdbx(args);
    else if (command == "export-kdbx")
        result = KdbxCommands(m_vault, m_console).exportKdbx(args);
    else if (command == "totp")
        result = totp(args);
    if (result)
        return Success;
    m_console.err("arcanum-cli: " + result.error().message + "\n");
    return exitCodeFor(result.error().code);
}

Result<SecretSpan> VaultCommands::requirePositional(ArgumentList& args, const char* what) const
{
    const auto word = args.takePositional();
    if (!word)
        return usage(std::string("Missing ") + what + ". See --help.");
    return *word;
}

Result<std::size_t> VaultCommands::takeLastEntry(ArgumentList& args) const
{
    auto reference = requirePositional(args, "the entry (id or title)");
    if (!reference)
        return reference.error();
    if (auto rest = args.expectNothingLeft(); !rest)
        return rest.error();
    return resolveEntry(*reference);
}

Result<std::size_t> VaultCommands::resolveEntry(SecretSpan reference) const
{
    const VaultContents& contents = m_vault.contents();
    if (const auto id = EntryId::parse(view(reference))) {
        if (const auto index = contents.findEntry(*id))
            return *index;
    }
    const auto matches = contents.findByTitle(reference);
    if (matches.size() == 1)
        return matches.front();
    if (matches.empty())
        return Error{ErrorCode::NotFound, "No entry has that id or title."};
    std::string message =
        std::to_string(matches.size()) + " entries have that title; name one by its id:";
    for (std::size_t index : matches) {
        const EntryView entry = contents.entry(index);
        message +=
            "\n  " + entry.id().toString() + "  (modified " + formatTime(entry.modified()) + ")";
    }
    return Error{ErrorCode::Ambiguous, message};
}

Result<void> VaultCommands::save()
{
    return m_vault.save();
}

Result<void> VaultCommands::info(ArgumentList& args)
{
    if (auto rest = args.expectNothingLeft(); !rest)
        return rest;
    const Argon2Params& kdf = m_vault.kdfParams();
    const VaultContents& contents = m_vault.contents();
    std::string text =
        "File: " + m_vault.path() + " (" + std::to_string(m_vault.fileBytes()) + " bytes)\n";
    const bool upgradePending = m_vault.formatVersion() < VaultHeader::currentVersion;
    text += "Format version: " + std::to_string(m_vault.formatVersion()) +
            (upgradePending ? " (upgraded to " + std::to_string(VaultHeader::currentVersion) +
                                  " on the next save; the backup keeps version " +
                                  std::to_string(m_vault.formatVersion()) + ")"
                            : "") +
            "\n";
    text += "Key derivation: Argon2id, " + std::to_string(kdf.memoryKiB / 1024) + " MiB" +
            (kdf.memoryKiB % 1024 ? " " + std::to_string(kdf.memoryKiB % 1024) + " KiB" : "") +
            ", " + std::to_string(kdf.iterations) + " iterations, " + std::to_string(kdf.lanes) +
            " lanes\n";
    text += upgradePending ? "Cipher: XChaCha20-Poly1305\n"
                           : "Cipher: XChaCha20-Poly1305 secretstream, 64 KiB chunks\n";
    text += "Entries: " + std::to_string(contents.entryCount()) + "\n";
    text += "Groups: " + std::to_string(contents.groupCount()) + "\n";
    text += "Deletion records: " + std::to_string(contents.tombstoneCount()) + "\n";
    text += std::string("Protection: ") + protectionLevelName(m_vault.protectionLevel()) + "\n";
    text +=
        "Secret memory in use: " + std::to_string(m_vault.arena().mappedBytes() / 1024) + " KiB\n";
    m_console.out(text);
    return {};
}

void VaultCommands::printListLine(SecretOutputBuffer& output, const EntryView& entry) const
{
    output.out(entry.id().toString());
    for (SecretSpan field : {entry.title(), entry.username(), entry.url()}) {
        output.out("\t");
        output.outSecretOneLine(field);
    }
    output.out("\n");
}

Result<void> VaultCommands::list(ArgumentList& args, bool searching)
{
    SecretSpan term;
    if (searching) {
        auto word = requirePositional(args, "the search term");
        if (!word)
            return word.error();
        term = *word;
    }
    if (auto rest = args.expectNothingLeft(); !rest)
        return rest;
    auto query = SearchQuery::create(term, m_input);
    if (!query)
        return query.error();
    const VaultContents& contents = m_vault.contents();
    std::vector<std::size_t> found = contents.search(*query);
    contents.sortByTitle(found);
    {
        // One write(2) per 64 KiB instead of eight per line; flushed and wiped at the brace.
        // The input arena, not the vault's: a new region there is 64 KiB, while the vault's
        // arena grows by half of what it has mapped (megabytes of the memory-lock budget).
        SecretOutputBuffer output(m_console, m_input);
        for (std::size_t index : found)
            printListLine(output, contents.entry(index));
    }
    if (searching && found.empty())
        return Error{ErrorCode::NotFound, "No entry matches."};
    return {};
}

void VaultCommands::printField(std::string_view label, SecretSpan value, bool masked) const
{
    m_console.out(label);
    m_console.out(": ");
    if (masked) {
        m_console.out(value.empty() ? "" : mask);
    } else {
        // Continuation lines of multi-line values are indented under the first.
        std::size_t start = 0;
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (value[i] == '\n') {
                m_console.outSecret(value.sub(start, i + 1 - start));
                m_console.out("    ");
                start = i + 1;
            }
        }
        m_console.outSecret(value.sub(start));
    }
    m_console.out("\n");
}

void VaultCommands::printGroupPath(const EntryId& group) const
{
    const VaultContents& contents = m_vault.contents();
    std::vector<std::size_t> path;
    for (EntryId at = group; !at.isNull() && path.size() < 64;) {
        const auto index = contents.findGroup(at);
        if (!index)
            break;
        path.insert(path.begin(), *index);
        at = contents.group(*index).parent();
    }
    m_console.out("Group: ");
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (i > 0)
            m_console.out(" / ");
        m_console.outSecretOneLine(contents.group(path[i]).name());
    }
    m_console.out("\n");
}

Result<void> VaultCommands::show(ArgumentList& args)
{
    const bool reveal = args.takeFlag("--reveal");
    auto fieldName = args.takeOption("--field");
    if (!fieldName)
        return fieldName.error();
    auto index = takeLastEntry(args);
    if (!index)
        return index.error();
    const EntryView entry = m_vault.contents().entry(*index);

    if (*fieldName) {
        const Error protectedError{ErrorCode::InvalidArgument,
                                   "That field is protected; add --reveal to print it."};
        EntryField field;
        if (EntryView::fieldFromName(view(**fieldName), field)) {
            if (EntryView::isProtected(field) && !reveal)
                return protectedError;
            if (field == EntryField::Url) {
                entry.forEachUrl([&](SecretSpan url) {
                    m_console.outSecret(url);
                    m_console.out("\n");
                });
                return {};
            }
            m_console.outSecret(entry.field(field));
            m_console.out("\n");
            return {};
        }
        std::optional<EntryView::CustomField> custom;
        entry.forEachCustomField([&](const EntryView::CustomField& candidate) {
            if (!custom && candidate.name.size() == (*fieldName)->size() &&
                std::equal(candidate.name.begin(), candidate.name.end(), (*fieldName)->begin()))
                custom = candidate;
        });
        if (!custom)
            return Error{ErrorCode::NotFound, "The entry has no field with that name."};
        if (custom->isProtected && !reveal)
            return protectedError;
        m_console.outSecret(custom->value);
        m_console.out("\n");
        return {};
    }

    m_console.out("ID: " + entry.id().toString() + "\n");
    printField("Title", entry.title(), false);
    printField("Username", entry.username(), false);
    printField("Password", entry.password(), !reveal);
    entry.forEachUrl([&](SecretSpan url) { printField("URL", url, false); });
    printField("Notes", entry.notes(), false);
    if (!entry.totp().empty())
        printField("TOTP", entry.totp(), !reveal);
    bool firstTag = true;
    entry.forEachTag([&](SecretSpan tag) {
        m_console.out(firstTag ? "Tags: " : ", ");
        m_console.outSecretOneLine(tag);
        firstTag = false;
    });
    if (!firstTag)
        m_console.out("\n");
    entry.forEachCustomField([&](const EntryView::CustomField& field) {
        m_console.out("Field ");
        m_console.outSecretOneLine(field.name);
        printField("", field.value, field.isProtected && !reveal);
    });
    if (!entry.group().isNull())
        printGroupPath(entry.group());
    m_console.out("Created: " + formatTime(entry.created()) +
                  "\nModified: " + formatTime(entry.modified()) +
                  "\nHistory: " + std::to_string(entry.historyCount()) + " earlier versions\n");
    if (!reveal && (!entry.password().empty() || !entry.totp().empty()))
        m_console.err("(protected fields masked; add --reveal to show them)\n");
    return {};
}

Result<void> VaultCommands::applyFieldOptions(ArgumentList& args, EntryDraft& draft, bool& changed)
{
    const std::pair<std::string_view, EntryField> singles[] = {{"--title", EntryField::Title},
                                                               {"--username", EntryField::Username},
                                                               {"--notes", EntryField::Notes}};
    for (const auto& [option, field] : singles) {
        auto value = args.takeOption(option);
        if (!value)
            return value.error();
        if (*value) {
            if (auto set = draft.set(field, **value); !set)
                return set;
            changed = true;
        }
    }
    auto urls = args.takeAll("--url");
    auto tags = args.takeAll("--tag");
    auto group = args.takeOption("--group");
    if (!urls)
        return urls.error();
    if (!tags)
        return tags.error();
    if (!group)
        return group.error();
    if (!urls->empty()) {
        draft.clearUrls();
        for (SecretSpan url : *urls)
            if (auto added = draft.addUrl(url); !added)
                return added;
        changed = true;
    }
    if (!tags->empty()) {
        draft.clearTags();
        for (SecretSpan tag : *tags)
            if (auto added = draft.addTag(tag); !added)
                return added;
        changed = true;
    }
    if (*group) {
        auto id = EntryImporter::groupForPath(m_vault.contents(), **group);
        if (!id)
            return id.error();
        draft.setGroup(*id);
        changed = true;
    }
    return {};
}

Result<std::optional<SecretBuffer>> VaultCommands::entryPassword(ArgumentList& args,
                                                                 bool askByDefault)
{
    auto fd = args.takeNumber("--entry-password-fd", 0, 65535);
    if (!fd)
        return fd.error();
    const bool ask = args.takeFlag("--ask-password") || askByDefault;
    if (args.takeFlag("--generate")) {
        auto generated = GenerateCommand::generate(args, m_vault.arena());
        if (!generated)
            return generated.error();
        m_console.err("Generated a password (" +
                      std::to_string(static_cast<int>(std::floor(generated->entropyBits))) +
                      " bits of entropy).\n");
        return std::optional<SecretBuffer>(std::move(generated->secret));
    }
    if (*fd || ask) {
        auto typed =
            *fd ? Console::readSecretLine(static_cast<int>(**fd), "entry password", m_vault.arena())
                : Console::askTwice("Entry password: ", m_vault.arena());
        if (!typed)
            return typed.error();
        return std::optional<SecretBuffer>(std::move(typed.value()));
    }
    return std::optional<SecretBuffer>();
}

Result<void> VaultCommands::askFields(EntryDraft& draft)
{
    const std::pair<const char*, EntryField> prompts[] = {{"Title: ", EntryField::Title},
                                                          {"Username: ", EntryField::Username},
                                                          {"URL: ", EntryField::Url}};
    for (const auto& [prompt, field] : prompts) {
        auto value = Console::ask(prompt, true, m_vault.arena());
        if (!value)
            return value.error();
        if (auto set = draft.set(field, value->span()); !set)
            return set;
    }
    auto password = Console::ask("Password (empty to generate one): ", false, m_vault.arena());
    if (!password)
        return password.error();
    if (password->empty()) {
        ArgumentList defaults;
        auto generated = GenerateCommand::generate(defaults, m_vault.arena());
        if (!generated)
            return generated.error();
        m_console.err("Generated a password.\n");
        password = std::move(generated->secret);
    } else {
        auto again = Console::ask("Repeat it: ", false, m_vault.arena());
        if (!again)
            return again.error();
        if (!ConstantTime::equal(again->span().bytes(), password->span().bytes()))
            return Error{ErrorCode::InvalidArgument, "The two passwords differ; nothing added."};
    }
    if (auto set = draft.set(EntryField::Password, password->span()); !set)
        return set;
    auto notes = Console::ask("Notes: ", true, m_vault.arena());
    if (!notes)
        return notes.error();
    return draft.set(EntryField::Notes, notes->span());
}

Result<void> VaultCommands::add(ArgumentList& args)
{
    EntryDraft draft(m_vault.arena());
    bool changed = false;
    if (auto applied = applyFieldOptions(args, draft, changed); !applied)
        return applied;
    auto password = entryPassword(args, false);
    if (!password)
        return password.error();
    if (auto rest = args.expectNothingLeft(); !rest)
        return rest;
    if (!changed && !*password) {
        if (!Console::stdinIsTerminal())
            return usage("Nothing to add: give --title and the other fields (or run add on a "
                         "terminal to be asked for them).");
        if (auto asked = askFields(draft); !asked)
            return asked;
    }
    if (*password) {
        if (auto set = draft.set(EntryField::Password, (*password)->span()); !set)
            return set;
    }
    auto id = m_vault.contents().addEntry(draft);
    if (!id)
        return id.error();
    if (auto saved = save(); !saved)
        return saved;
    m_console.out(id->toString() + "\n");
    return {};
}

Result<void> VaultCommands::edit(ArgumentList& args)
{
    auto reference = requirePositional(args, "the entry (id or title)");
    if (!reference)
        return reference.error();
    auto index = resolveEntry(*reference);
    if (!index)
        return index.error();
    VaultContents& contents = m_vault.contents();
    const EntryId id = contents.entry(*index).id();
    auto draft = EntryDraft::fromEntry(contents.entry(*index), m_vault.arena());
    if (!draft)
        return draft.error();
    bool changed = false;
    if (auto applied = applyFieldOptions(args, *draft, changed); !applied)
        return applied;
    auto password = entryPassword(args, false);
    if (!password)
        return password.error();
    if (auto rest = args.expectNothingLeft(); !rest)
        return rest;
    if (*password) {
        if (auto set = draft->set(EntryField::Password, (*password)->span()); !set)
            return set;
        changed = true;
    }
    if (!changed)
        return usage("Nothing to change: give --title, --username, --url, --notes, --tag, "
                     "--group, --ask-password, --entry-password-fd or --generate.");
    if (auto updated = contents.updateEntry(id, *draft); !updated)
        return updated;
    if (auto saved = save(); !saved)
        return saved;
    m_console.err("Updated " + id.toString() + "\n");
    return {};
}

Result<void> VaultCommands::remove(ArgumentList& args)
{
    auto index = takeLastEntry(args);
    if (!index)
        return index.error();
    const EntryId id = m_vault.contents().entry(*index).id();
    if (auto removed = m_vault.contents().removeEntry(id); !removed)
        return removed;
    if (auto saved = save(); !saved)
        return saved;
    m_console.err("Deleted " + id.toString() + "\n");
    return {};
}

Result<void> VaultCommands::changePassword(ArgumentList& args)
{
    auto fd = args.takeNumber("--new-password-fd", 0, 65535);
    if (!fd)
        return fd.error();
    auto kdf = KdfOptions::take(args, m_vault.kdfParams());
    if (!kdf)
        return kdf.error();
    if (auto rest = args.expectNothingLeft(); !rest)
        return rest;
    auto password =
        *fd ? Console::readSecretLine(static_cast<int>(**fd), "new password", m_vault.arena())
            : Console::askTwice("New master password: ", m_vault.arena());
    if (!password)
        return password.error();
    if (password->empty())
        return usage("The master password must not be empty.");
    const Argon2Params params = kdf->value_or(m_vault.kdfParams().withFreshSalt());
    if (auto changedPassword = m_vault.changePassword(password->span(), params); !changedPassword)
        return changedPassword;
    m_console.err("The master password was changed.\n");
    return {};
}

Result<void> VaultCommands::importCsv(ArgumentList& args)
{
    auto groupName = args.takeOption("--group");
    if (!groupName)
        return groupName.error();
    auto file = requirePositional(args, "the CSV file");
    if (!file)
        return file.error();
    if (auto rest = args.expectNothingLeft(); !rest)
        return rest;
    const std::string path(view(*file)); // a file name, not vault content
    auto imported = CsvImporter::importFile(m_vault.arena(), path);
    if (!imported) {
        // A CSV the importer cannot use is a bad input file (exit 5), not a usage error.
        if (imported.error().code == ErrorCode::InvalidArgument)
            return Error{ErrorCode::FileDamaged, imported.error().message};
        return imported.error();
    }
    std::optional<EntryId> group;
    if (*groupName) {
        auto id = EntryImporter::groupForPath(m_vault.contents(), **groupName);
        if (!id)
            return id.error();
        group = *id;
    }
    auto added =
        EntryImporter::addAll(m_vault.contents(), m_vault.arena(), imported->entries, group);
    if (!added)
        return added.error();
    if (auto saved = save(); !saved)
        return saved;
    std::string report = "Imported " + std::to_string(*added) + " entries from a " +
                         CsvDialect::formatName(imported->format) + " export.\n";
    if (!imported->skipped.empty())
        report += "Skipped " + std::to_string(imported->skipped.size()) + " rows:\n";
    for (const SkippedRow& row : imported->skipped)
        report += "  " + row.describe() + "\n";
    m_console.err(report);
    return {};
}

Result<void> VaultCommands::totp(ArgumentList& args)
{
    auto index = takeLastEntry(args);
    if (!index)
        return index.error();
    const EntryView entry = m_vault.contents().entry(*index);
    if (entry.totp().empty())
        return Error{ErrorCode::NotFound, "That entry has no TOTP secret."};
    auto parameters = TotpUri::parse(m_vault.arena(), entry.totp());
    if (!parameters)
        return Error{ErrorCode::FileDamaged,
                     "The entry's TOTP setting cannot be used: " + parameters.error().message};
    const auto now = static_cast<std::uint64_t>(std::time(nullptr));
    auto code = Totp::code(m_vault.arena(), *parameters, now);
    if (!code)
        return code.error();
    m_console.outSecret(code->span());
    m_console.out("\n");
    m_console.err("(valid for " + std::to_string(Totp::secondsRemaining(*parameters, now)) +
                  " more seconds)\n");
    return {};
}

} // namespace arcanum::cli
