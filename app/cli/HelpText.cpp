#include "cli/HelpText.h"

#include <iterator>
#include <string>

namespace arcanum::cli {

namespace {

struct CommandHelp
{
    std::string_view name;
    std::string_view text;
};

constexpr std::string_view common =
    "\nEvery command that opens a vault accepts:\n"
    "  --password-fd N            read the master password from file descriptor N (one line)\n"
    "                             instead of asking on the terminal\n"
    "  --require-secret-memory    refuse to unlock if memfd_secret() is unavailable\n";

constexpr CommandHelp commands[] = {
    {"init", "usage: arcanum-cli init VAULT [--kdf-memory MIB --kdf-iterations N --kdf-lanes N]\n"
             "\nCreates a new, empty vault. Asks for the master password twice. Without --kdf-*\n"
             "options, Argon2id is calibrated to take about one second on this machine.\n"},
    {"info", "usage: arcanum-cli info VAULT\n"
             "\nPrints the format version, key-derivation settings, entry count and whether the\n"
             "vault is held in secret memory or in the locked-memory fallback.\n"},
    {"ls", "usage: arcanum-cli ls VAULT\n"
           "\nLists every entry, sorted by title, one per line:\n"
           "ID<TAB>TITLE<TAB>USERNAME<TAB>URL (control characters shown as spaces).\n"},
    {"search", "usage: arcanum-cli search VAULT TERM\n"
               "\nLists entries whose title, user name, URLs, notes or tags contain TERM (case\n"
               "does not matter), in the same form as ls. Exit status 4 when nothing matches.\n"},
    {"show", "usage: arcanum-cli show VAULT ENTRY [--reveal] [--field NAME]\n"
             "\nShows one entry. ENTRY is an entry id or an exact title (a title shared by\n"
             "several entries is an error that lists their ids). Protected fields (password,\n"
             "TOTP, protected custom fields) are masked unless --reveal is given.\n"
             "--field NAME prints only that field's value: title, username, password, url,\n"
             "notes, totp, or a custom field's name (protected ones need --reveal).\n"},
    {"add", "usage: arcanum-cli add VAULT [--title T] [--username U] [--url URL]... [--notes N]\n"
            "                    [--tag T]... [--group G] [--generate [--length N]]\n"
            "                    [--entry-password-fd N]\n"
            "\nAdds an entry and prints its id. On a terminal without --title, asks for each\n"
            "field (the password without echo; empty generates one). The entry's password is\n"
            "never taken from the command line: use --entry-password-fd, --generate or the\n"
            "prompt. --group creates the group if it does not exist.\n"},
    {"edit",
     "usage: arcanum-cli edit VAULT ENTRY [--title T] [--username U] [--url URL]...\n"
     "                    [--notes N] [--tag T]... [--group G]\n"
     "                    [--ask-password | --entry-password-fd N | --generate [--length N]]\n"
     "\nChanges the given fields of one entry; the previous version goes to its history.\n"
     "--url and --tag replace all URLs or tags.\n"},
    {"rm", "usage: arcanum-cli rm VAULT ENTRY\n"
           "\nDeletes one entry (the vault keeps a deletion record; the previous file is kept\n"
           "as VAULT.bak).\n"},
    {"generate",
     "usage: arcanum-cli generate [--length N] [--no-lower] [--no-upper] [--no-digits]\n"
     "                    [--no-symbols] [--exclude-lookalikes]\n"
     "       arcanum-cli generate --passphrase [--words N] [--separator C]\n"
     "                    [--capitalize] [--digit]\n"
     "\nPrints a random password (default 20 characters of every class) or a\n"
     "passphrase from the EFF large word list (default 6 words); its entropy in bits\n"
     "goes to stderr. Needs no vault.\n"},
    {"browser",
     "usage: arcanum-cli browser status [--browser NAME]\n"
     "       arcanum-cli browser register [--browser NAME] [--replace] [--print-script]\n"
     "       arcanum-cli browser unregister [--browser NAME] [--print-script]\n"
     "\nRegisters arcanum-browser-host with the browsers, so the KeePassXC-Browser\n"
     "extension talks to Arcanum: writes (or removes) the per-user native-messaging\n"
     "manifest org.keepassxc.keepassxc_browser.json. NAME is firefox, chromium, chrome,\n"
     "edge, brave or vivaldi; without --browser, all of them. A manifest of that name\n"
     "that is not Arcanum's (KeePassXC's) is left alone unless --replace is given; it is\n"
     "then kept as a .arcanum-backup file and put back by unregister. status prints one\n"
     "line per browser: NAME<TAB>STATE<TAB>MANIFEST. Needs no vault.\n"
     "\n--print-script prints a sh script that does the same instead of doing it: the\n"
     "way for the Flatpak, whose sandbox cannot write the browsers' folders. Run it once\n"
     "outside the sandbox:\n"
     "  flatpak run --command=arcanum-cli org.arcanum.Arcanum browser register --print-script | "
     "sh\n"},
    {"passwd", "usage: arcanum-cli passwd VAULT [--new-password-fd N]\n"
               "                    [--kdf-memory MIB --kdf-iterations N --kdf-lanes N]\n"
               "\nChanges the master password (asked twice). The vault is re-keyed with a fresh\n"
               "salt; the key-derivation cost stays as it is unless --kdf-* options are given.\n"},
    {"import-csv", "usage: arcanum-cli import-csv VAULT FILE.csv [--group G]\n"
                   "\nImports a CSV export from Chrome/Edge, Firefox, Bitwarden or KeePassXC (the\n"
                   "format is recognised from the header row). Groups in the export become\n"
                   "groups; --group puts everything under G instead. Rows that cannot be used\n"
                   "are listed on stderr with the reason.\n"},
    {"import-kdbx",
     "usage: arcanum-cli import-kdbx VAULT FILE.kdbx [--key-file F [--no-password]]\n"
     "                    [--kdbx-password-fd M] [--keep-recycle-bin] [--group G]\n"
     "\nImports a KeePass database (KDBX 3.1 or 4.x, as KeePassXC and KeePass write them):\n"
     "groups, entries with every field, custom fields, tags, expiry, times, history,\n"
     "TOTP, attachments, and KeePassXC-Browser's connections (the vault takes the\n"
     "database's identity, so the browser extension keeps working). The file is read in\n"
     "secret memory; nothing is written in plaintext. The KeePass password is read from\n"
     "descriptor M or asked on the terminal; --no-password for a key-file-only database.\n"
     "Entries in the recycle bin are left out unless --keep-recycle-bin. --group puts\n"
     "everything under G. A report on stderr lists what was imported and anything not\n"
     "imported as it was. On any error the vault is left as it was.\n"},
    {"export-kdbx",
     "usage: arcanum-cli export-kdbx VAULT OUT.kdbx [--key-file F [--no-password]]\n"
     "                    [--kdbx-password-fd M] [--aes] [--force]\n"
     "\nWrites the vault as a KDBX 4 file that KeePassXC and KeePass open (Argon2id 64 MiB,\n"
     "3 passes, 2 lanes; ChaCha20, or AES-256 with --aes), with groups, entries, history,\n"
     "TOTP (as the otp field), attachments and browser connections. The new file's\n"
     "password is read from descriptor M or asked twice; --key-file adds an existing key\n"
     "file. An existing OUT.kdbx is replaced only with --force (atomically).\n"},
    {"totp", "usage: arcanum-cli totp VAULT ENTRY\n"
             "\nPrints the entry's current TOTP code (its seconds left go to stderr).\n"},
    {"shell", "usage: arcanum-cli shell VAULT\n"
              "\nUnlocks the vault once, then reads commands from standard input until `quit`\n"
              "(or end of input): info, ls, search TERM, show ENTRY, add, edit ENTRY, rm ENTRY,\n"
              "totp ENTRY, import-kdbx FILE, export-kdbx OUT, generate, help. The same options\n"
              "as the commands above, without VAULT. Words with spaces go in \"double quotes\".\n"
              "Changes are saved at once.\n"},
};

} // namespace

std::string_view HelpText::overview()
{
    return "usage: arcanum-cli COMMAND [ARGS]\n"
           "\nArcanum keeps an unlocked vault's plaintext only in secret memory.\n"
           "\nCommands:\n"
           "  init VAULT             create a vault\n"
           "  info VAULT             format, key derivation, entry count, protection\n"
           "  ls VAULT               list entries\n"
           "  search VAULT TERM      find entries\n"
           "  show VAULT ENTRY       show an entry (--reveal, --field NAME)\n"
           "  add VAULT              add an entry\n"
           "  edit VAULT ENTRY       change an entry\n"
           "  rm VAULT ENTRY         delete an entry\n"
           "  generate               print a random password or passphrase\n"
           "  passwd VAULT           change the master password\n"
           "  import-kdbx VAULT FILE.kdbx   import a KeePass / KeePassXC database\n"
           "  export-kdbx VAULT OUT.kdbx    write the vault as a KeePass (KDBX 4) file\n"
           "  totp VAULT ENTRY       print an entry's current TOTP code\n"
           "  import-csv VAULT FILE  import a browser or password-manager CSV export\n"
           "  shell VAULT            unlock once and run commands from standard input\n"
           "  browser ACTION         register the browser host (register, unregister, status)\n"
           "\n`arcanum-cli COMMAND --help` shows a command's options. Exit statuses are listed\n"
           "in docs/CLI.md (0 success, 2 usage, 3 wrong password, 4 not found, 5 bad file, ...).\n";
}

std::string_view HelpText::forCommand(std::string_view command)
{
    static std::string texts[std::size(commands)];
    for (std::size_t i = 0; i < std::size(commands); ++i) {
        if (commands[i].name != command)
            continue;
        if (texts[i].empty()) {
            texts[i] = std::string(commands[i].text);
            if (command != "generate" && command != "browser")
                texts[i] += common;
        }
        return texts[i];
    }
    return {};
}

} // namespace arcanum::cli
