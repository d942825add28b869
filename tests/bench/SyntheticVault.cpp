#include "bench/SyntheticVault.h"

#include <array>
#include <cstring>
#include <iterator>

namespace arcanum::bench {

namespace {

// Synthetic test data, not anyone's secrets: it is fine for these words to sit in the binary.
constexpr const char* serviceWords[] = {
    "Mail",    "Bank",     "Shop",    "Cloud",   "Forum",   "Router",   "Server",  "Wiki",
    "Git",     "Calendar", "Photos",  "Travel",  "Insurer", "Energy",   "Phone",   "Library",
    "School",  "Tax",      "Health",  "Gym",     "Music",   "Video",    "News",    "Games",
    "Chat",    "Domain",   "Hosting", "VPN",     "Backup",  "Printer",  "Work",    "Home",
    "Office",  "Admin",    "Portal",  "Account", "Store",   "Market",   "Pay",     "Wallet",
    "Airline", "Hotel",    "Car",     "Rental",  "Garden",  "Pharmacy", "Dentist", "Club"};
constexpr const char* nonAsciiWords[] = {"Müller", "Zoë",   "Café",  "Straße", "Ørsted",
                                         "Ελλάδα", "Почта", "Señor", "Crème",  "Łódź"};
constexpr const char* names[] = {"anna", "ben",   "chris", "dana",  "emil", "fatima", "georg",
                                 "hana", "ivan",  "julia", "karim", "lena", "marco",  "nora",
                                 "omar", "paula", "quinn", "rosa",  "sven", "tara",   "ugo",
                                 "vera", "wei",   "xenia", "yusuf", "zoe"};
constexpr const char* surnames[] = {"schmidt", "garcia", "nguyen", "kowalski", "silva",
                                    "okafor",  "tanaka", "larsen", "dubois",   "rossi",
                                    "novak",   "haddad", "kim",    "murphy",   "jensen"};
constexpr const char* domains[] = {"example.org", "mail.example.com", "example.net", "corp.example",
                                   "uni.example.edu"};
constexpr const char* tlds[] = {"com", "org", "net", "de", "io", "co.uk", "fr"};
constexpr const char* hostPrefixes[] = {"https://www.", "https://login.", "https://",
                                        "https://accounts."};
constexpr const char* noteWords[] = {"recovery", "code",     "pin",     "the",   "account",
                                     "was",      "moved",    "to",      "new",   "address",
                                     "security", "question", "answer",  "renew", "before",
                                     "contract", "number",   "support", "call",  "ask"};
constexpr const char* tagWords[] = {"work", "personal", "finance", "shared", "2fa", "old"};
constexpr const char* groupNames[] = {"Personal", "Work", "Finance", "Shopping", "Social"};

constexpr const char* lowerDigits = "abcdefghijklmnopqrstuvwxyz0123456789";
constexpr const char* digits = "0123456789";
constexpr const char* passwordAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                         "0123456789!#$%&()*+,-./:;<=>?@[]^_{|}~";

constexpr std::size_t scratchBytes = 1024;

template <typename T, std::size_t N>
constexpr std::size_t countOf(const T (&)[N])
{
    return N;
}

} // namespace

SyntheticVault::SyntheticVault(SecretArena& arena, std::uint64_t seed)
    : m_arena(arena), m_state(seed)
{}

const char* SyntheticVault::titleWord()
{
    return "bank";
}

const char* SyntheticVault::nonAsciiWord()
{
    return "müller";
}

std::uint64_t SyntheticVault::next()
{
    // splitmix64: tiny, fast, and the same sequence on every machine.
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void SyntheticVault::appendByte(std::uint8_t byte)
{
    if (m_length < m_scratch.size())
        m_scratch.data()[m_length++] = byte;
}

void SyntheticVault::append(const char* text)
{
    for (; *text != '\0'; ++text)
        appendByte(static_cast<std::uint8_t>(*text));
}

void SyntheticVault::appendRandom(const char* alphabet, std::size_t count)
{
    const std::size_t size = std::strlen(alphabet);
    for (std::size_t i = 0; i < count; ++i)
        appendByte(static_cast<std::uint8_t>(alphabet[below(size)]));
}

void SyntheticVault::appendWords(std::size_t targetBytes, bool capitalize)
{
    while (m_length < targetBytes) {
        const char* word = noteWords[below(countOf(noteWords))];
        if (m_length > 0)
            appendByte(below(12) == 0 ? '\n' : ' ');
        const std::size_t start = m_length;
        append(word);
        if (capitalize && start == 0)
            m_scratch.data()[0] = static_cast<std::uint8_t>(m_scratch.data()[0] - 32);
    }
}

void SyntheticVault::makeTitle()
{
    clear();
    const std::size_t target = between(10, 30);
    // One title in twenty starts with a non-ASCII word (names, places, other scripts).
    if (below(20) == 0)
        append(nonAsciiWords[below(countOf(nonAsciiWords))]);
    else
        append(serviceWords[below(countOf(serviceWords))]);
    if (std::memcmp(m_scratch.data(), "Bank", 4) == 0)
        ++m_titleWordCount;
    while (true) {
        const char* word = serviceWords[below(countOf(serviceWords))];
        if (m_length + 1 + std::strlen(word) > target)
            break;
        appendByte(' ');
        append(word);
    }
    if (m_length + 2 <= target) {
        appendByte(' ');
        appendRandom(digits, target - m_length);
    }
}

void SyntheticVault::makeUsername()
{
    clear();
    const std::size_t target = between(10, 30);
    append(names[below(countOf(names))]);
    if (below(2) == 0) {
        const char* domain = domains[below(countOf(domains))];
        appendByte('.');
        append(surnames[below(countOf(surnames))]);
        const std::size_t rest = m_length + 1 + std::strlen(domain);
        if (rest < target)
            appendRandom(digits, target - rest);
        appendByte('@');
        append(domain);
    } else {
        appendByte('_');
        appendRandom(lowerDigits, target > m_length ? target - m_length : 1);
    }
}

void SyntheticVault::makePassword()
{
    clear();
    appendRandom(passwordAlphabet, between(16, 24));
}

void SyntheticVault::makeUrl()
{
    clear();
    const std::size_t target = between(25, 60);
    append(hostPrefixes[below(countOf(hostPrefixes))]);
    for (const char* word = serviceWords[below(countOf(serviceWords))]; *word != '\0'; ++word)
        appendByte(static_cast<std::uint8_t>(*word | 0x20)); // ASCII lower case
    appendByte('.');
    append(tlds[below(countOf(tlds))]);
    appendByte('/');
    if (m_length < target)
        appendRandom(lowerDigits, target - m_length);
}

void SyntheticVault::makeNotes()
{
    clear();
    appendWords(between(50, 300), true);
}

Result<void> SyntheticVault::fill(VaultContents& contents, std::size_t entries)
{
    auto scratch = m_arena.allocate(scratchBytes);
    if (!scratch)
        return scratch.error();
    m_scratch = std::move(scratch.value());

    std::array<EntryId, countOf(groupNames) + 1> groups{};
    for (std::size_t i = 0; i < countOf(groupNames); ++i) {
        clear();
        append(groupNames[i]);
        auto id = contents.addGroup(text());
        if (!id)
            return id.error();
        groups[i] = *id;
    }
    clear();
    append("Servers");
    auto servers = contents.addGroup(text(), groups[1]); // Work/Servers
    if (!servers)
        return servers.error();
    groups.back() = *servers;

    for (std::size_t i = 0; i < entries; ++i) {
        EntryDraft draft(m_arena);
        const std::pair<EntryField, void (SyntheticVault::*)()> fields[] = {
            {EntryField::Title, &SyntheticVault::makeTitle},
            {EntryField::Username, &SyntheticVault::makeUsername},
            {EntryField::Password, &SyntheticVault::makePassword},
            {EntryField::Url, &SyntheticVault::makeUrl}};
        for (const auto& [field, make] : fields) {
            (this->*make)();
            if (auto set = draft.set(field, text()); !set)
                return set;
        }
        if (below(10) < 3) {
            makeNotes();
            if (auto set = draft.set(EntryField::Notes, text()); !set)
                return set;
        }
        if (below(5) == 0) {
            clear();
            append(tagWords[below(countOf(tagWords))]);
            if (auto added = draft.addTag(text()); !added)
                return added;
        }
        if (below(10) != 0) // one entry in ten is in no group
            draft.setGroup(groups[below(groups.size())]);
        if (auto added = contents.addEntry(draft); !added)
            return added.error();
    }
    m_scratch.reset();
    return {};
}

} // namespace arcanum::bench
