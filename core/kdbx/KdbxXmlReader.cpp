#include "kdbx/KdbxXmlReader.h"

#include "kdbx/GzipInflater.h"
#include "kdbx/KdbxTime.h"
#include "kdbx/PublicBase64.h"
#include "text/Utf8.h"

#include <cstring>
#include <sodium.h>
#include <string_view>

namespace arcanum {

enum class KdbxXmlReader::Element : std::uint8_t
{
    None,  // above the document element
    Other, // unknown or unused: skipped with its subtree
    KeePassFile,
    Meta,
    DatabaseName,
    HeaderHash,
    RecycleBinEnabled,
    RecycleBinUuid,
    Binaries,
    MetaBinary,
    MetaCustomData,
    EntryCustomData,
    Item,
    ItemKey,
    ItemValue,
    Root,
    Group,
    GroupUuid,
    GroupName,
    GroupNotes,
    Times,
    CreationTime,
    LastModificationTime,
    LastAccessTime,
    ExpiryTime,
    LocationChanged,
    Expires,
    UsageCount,
    Entry,
    HistoryEntry,
    EntryUuid,
    Tags,
    String,
    StringKey,
    StringValue,
    Binary,
    BinaryKey,
    BinaryValue,
    History,
};

namespace {

using Element = KdbxXmlReader::Element;

constexpr std::size_t initialTextBytes = 4096;
constexpr std::size_t feedSliceBytes = 64 * 1024;

bool isLeaf(Element kind)
{
    switch (kind) {
    case Element::DatabaseName:
    case Element::HeaderHash:
    case Element::RecycleBinEnabled:
    case Element::RecycleBinUuid:
    case Element::MetaBinary:
    case Element::ItemKey:
    case Element::ItemValue:
    case Element::GroupUuid:
    case Element::GroupName:
    case Element::GroupNotes:
    case Element::CreationTime:
    case Element::LastModificationTime:
    case Element::LastAccessTime:
    case Element::ExpiryTime:
    case Element::LocationChanged:
    case Element::Expires:
    case Element::UsageCount:
    case Element::EntryUuid:
    case Element::Tags:
    case Element::StringKey:
    case Element::StringValue:
    case Element::BinaryKey:
    case Element::BinaryValue:
        return true;
    default:
        return false;
    }
}

bool isTrue(const char* value)
{
    return strcasecmp(value, "true") == 0 || std::strcmp(value, "1") == 0;
}

std::optional<std::uint32_t> parseNumber(const char* text, std::size_t length)
{
    std::size_t begin = 0, end = length;
    while (begin < end && (text[begin] == ' ' || text[begin] == '\t' || text[begin] == '\n' ||
                           text[begin] == '\r'))
        ++begin;
    while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\n' ||
                           text[end - 1] == '\r'))
        --end;
    if (begin == end || end - begin > 10)
        return std::nullopt;
    std::uint64_t value = 0;
    for (std::size_t i = begin; i < end; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return std::nullopt;
        value = value * 10 + std::uint64_t(text[i] - '0');
    }
    if (value > UINT32_MAX)
        return std::nullopt;
    return static_cast<std::uint32_t>(value);
}

} // namespace

KdbxXmlReader::KdbxXmlReader(KdbxDatabase& database, InnerRandomStream& stream,
                             const Settings& settings)
    : m_db(database), m_stream(stream), m_settings(settings)
{}

KdbxXmlReader::~KdbxXmlReader() = default;

Result<std::unique_ptr<KdbxXmlReader>>
KdbxXmlReader::create(KdbxDatabase& database, InnerRandomStream& stream, const Settings& settings)
{
    std::unique_ptr<KdbxXmlReader> reader(new KdbxXmlReader(database, stream, settings));
    auto text = database.arena().allocate(initialTextBytes);
    if (!text)
        return text.error();
    reader->m_text = std::move(text.value());
    (void)reader->m_text.resize(0);
    auto parser = ArenaXmlParser::create(database.arena());
    if (!parser)
        return parser.error();
    reader->m_parser = std::move(parser.value());
    XML_Parser xml = reader->m_parser->get();
    XML_SetUserData(xml, reader.get());
    XML_SetElementHandler(xml, &KdbxXmlReader::onStart, &KdbxXmlReader::onEnd);
    XML_SetCharacterDataHandler(xml, &KdbxXmlReader::onText);
    XML_SetStartDoctypeDeclHandler(xml, &KdbxXmlReader::onDoctype);
    reader->m_path.reserve(64);
    reader->m_path.push_back(Element::None);
    return reader;
}

void KdbxXmlReader::fail(ErrorCode code, const std::string& message)
{
    if (m_error)
        return;
    m_error = Error{code, message};
    XML_StopParser(m_parser->get(), XML_FALSE);
}

std::string KdbxXmlReader::where() const
{
    std::string place = "XML line " + std::to_string(XML_GetCurrentLineNumber(m_parser->get()));
    if (m_entry != nullptr)
        place += ", entry " + std::to_string(m_entryNumber);
    return place;
}

Result<void> KdbxXmlReader::feed(SecretSpan chunk, bool last)
{
    if (m_error)
        return *m_error;
    if (!m_utf8.feed(chunk.bytes()) || (last && !m_utf8.finish()))
        return Error{ErrorCode::InvalidArgument,
                     "The database's XML is not valid UTF-8 (at byte " +
                         std::to_string(m_utf8.errorOffset()) +
                         " of the document): the file is damaged or was written by a faulty "
                         "program."};
    std::size_t at = 0;
    do {
        const std::size_t slice = std::min(feedSliceBytes, chunk.size() - at);
        const bool final = last && at + slice == chunk.size();
        const auto status = XML_Parse(m_parser->get(), chunk.chars() + at, static_cast<int>(slice),
                                      final ? XML_TRUE : XML_FALSE);
        if (m_error)
            return *m_error;
        if (status != XML_STATUS_OK) {
            if (m_parser->memoryFailure())
                return *m_parser->memoryFailure();
            return Error{ErrorCode::FileDamaged,
                         "The database's XML is malformed (" + m_parser->errorLocation() + ")."};
        }
        at += slice;
    } while (at < chunk.size());
    return {};
}

Result<void> KdbxXmlReader::finish()
{
    if (m_error)
        return *m_error;
    if (!m_sawRoot)
        return Error{ErrorCode::FileDamaged, "The database's XML has no root group."};
    return {};
}

void XMLCALL KdbxXmlReader::onStart(void* self, const XML_Char* name, const XML_Char** attributes)
{
    static_cast<KdbxXmlReader*>(self)->start(name, attributes);
}

void XMLCALL KdbxXmlReader::onEnd(void* self, const XML_Char*)
{
    static_cast<KdbxXmlReader*>(self)->end();
}

void XMLCALL KdbxXmlReader::onText(void* self, const XML_Char* text, int length)
{
    auto* reader = static_cast<KdbxXmlReader*>(self);
    if (reader->m_capture && length > 0)
        reader->text(text, std::size_t(length));
}

void XMLCALL KdbxXmlReader::onDoctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*,
                                      int)
{
    static_cast<KdbxXmlReader*>(self)->fail(
        ErrorCode::FileDamaged, "The database's XML declares a document type (DTD), which a "
                                "KeePass database never does; it is refused.");
}

KdbxXmlReader::Element KdbxXmlReader::classify(Element parent, std::string_view name)
{
    switch (parent) {
    case Element::None:
        if (name == "KeePassFile")
            return Element::KeePassFile;
        fail(ErrorCode::FileDamaged, "The decrypted data is not a KeePass XML document.");
        return Element::Other;
    case Element::KeePassFile:
        if (name == "Meta")
            return Element::Meta;
        if (name == "Root")
            return Element::Root;
        break;
    case Element::Meta:
        if (name == "DatabaseName")
            return Element::DatabaseName;
        if (name == "HeaderHash")
            return Element::HeaderHash;
        if (name == "RecycleBinEnabled")
            return Element::RecycleBinEnabled;
        if (name == "RecycleBinUUID")
            return Element::RecycleBinUuid;
        if (name == "Binaries")
            return Element::Binaries;
        if (name == "CustomData")
            return Element::MetaCustomData;
        break;
    case Element::Binaries:
        if (name == "Binary")
            return Element::MetaBinary;
        break;
    case Element::MetaCustomData:
    case Element::EntryCustomData:
        if (name == "Item")
            return Element::Item;
        break;
    case Element::Item:
        if (name == "Key")
            return Element::ItemKey;
        if (name == "Value")
            return Element::ItemValue;
        break;
    case Element::Root:
        if (name == "Group")
            return Element::Group;
        break;
    case Element::Group:
        if (name == "UUID")
            return Element::GroupUuid;
        if (name == "Name")
            return Element::GroupName;
        if (name == "Notes")
            return Element::GroupNotes;
        if (name == "Times")
            return Element::Times;
        if (name == "Group")
            return Element::Group;
        if (name == "Entry")
            return Element::Entry;
        break;
    case Element::Entry:
    case Element::HistoryEntry:
        if (name == "String")
            return Element::String;
        if (name == "UUID")
            return Element::EntryUuid;
        if (name == "Times")
            return Element::Times;
        if (name == "Tags")
            return Element::Tags;
        if (name == "Binary")
            return Element::Binary;
        if (name == "CustomData")
            return Element::EntryCustomData;
        if (name == "History") {
            if (parent == Element::HistoryEntry)
                fail(ErrorCode::FileDamaged,
                     "A history version holds a history of its own (" + where() + ").");
            return Element::History;
        }
        break;
    case Element::History:
        if (name == "Entry")
            return Element::HistoryEntry;
        break;
    case Element::Times:
        if (name == "LastModificationTime")
            return Element::LastModificationTime;
        if (name == "CreationTime")
            return Element::CreationTime;
        if (name == "LastAccessTime")
            return Element::LastAccessTime;
        if (name == "ExpiryTime")
            return Element::ExpiryTime;
        if (name == "Expires")
            return Element::Expires;
        if (name == "UsageCount")
            return Element::UsageCount;
        if (name == "LocationChanged")
            return Element::LocationChanged;
        break;
    case Element::String:
        if (name == "Key")
            return Element::StringKey;
        if (name == "Value")
            return Element::StringValue;
        break;
    case Element::Binary:
        if (name == "Key")
            return Element::BinaryKey;
        if (name == "Value")
            return Element::BinaryValue;
        break;
    default:
        break;
    }
    return Element::Other;
}

void KdbxXmlReader::start(const char* name, const XML_Char** attributes)
{
    if (m_error)
        return;
    if (m_path.size() > m_settings.maxDepth) {
        fail(ErrorCode::LimitExceeded, "The database's XML nests elements more than " +
                                           std::to_string(m_settings.maxDepth) + " deep (" +
                                           where() + "); Arcanum refuses such documents.");
        return;
    }
    const Element parent = m_path.back();
    const Element kind = parent == Element::Other ? Element::Other : classify(parent, name);
    if (m_error)
        return;
    m_path.push_back(kind);
    m_capture = isLeaf(kind);

    switch (kind) {
    case Element::Group:
        beginGroup();
        break;
    case Element::Entry:
        beginEntry(false);
        break;
    case Element::HistoryEntry:
        beginEntry(true);
        break;
    case Element::Times:
        m_times = parent == Element::Group ? &m_db.groups[m_groups.back()].times : &m_entry->times;
        break;
    case Element::String:
    case Element::Binary:
    case Element::Item:
        m_haveKey = m_haveValue = m_protect = false;
        m_key = m_value = SecretSpan();
        m_pendingBinary.reset();
        break;
    default:
        if (m_capture) {
            readValueAttributes(attributes);
            if (kind == Element::BinaryValue && m_valueRef)
                m_capture = false; // a reference: the element is empty
        }
        break;
    }
}

void KdbxXmlReader::readValueAttributes(const XML_Char** attributes)
{
    m_valueProtected = m_valueProtectInMemory = m_valueCompressed = false;
    m_valueRef.reset();
    m_binaryId.reset();
    for (const XML_Char** attribute = attributes; *attribute != nullptr; attribute += 2) {
        const std::string_view name(attribute[0]);
        const char* value = attribute[1];
        if (name == "Protected")
            m_valueProtected = isTrue(value);
        else if (name == "ProtectInMemory")
            m_valueProtectInMemory = isTrue(value);
        else if (name == "Compressed")
            m_valueCompressed = isTrue(value);
        else if (name == "Ref" || name == "ID") {
            const auto number = parseNumber(value, std::strlen(value));
            if (!number) {
                fail(ErrorCode::FileDamaged,
                     "An attachment reference is not a number (" + where() + ").");
                return;
            }
            (name == "Ref" ? m_valueRef : m_binaryId) = number;
        }
    }
}

void KdbxXmlReader::beginGroup()
{
    const auto index = static_cast<std::uint32_t>(m_db.groups.size());
    KdbxGroup group;
    if (m_path[m_path.size() - 2] == Element::Root) {
        if (m_sawRoot) {
            fail(ErrorCode::FileDamaged, "The database's XML has more than one root group.");
            return;
        }
        m_sawRoot = true;
    } else {
        group.parent = m_groups.back();
        m_db.groups[m_groups.back()].groups.push_back(index);
    }
    m_db.groups.push_back(std::move(group));
    m_groups.push_back(index);
}

void KdbxXmlReader::beginEntry(bool history)
{
    ++m_entryNumber;
    if (history) {
        m_owner = m_entry;
        m_owner->history.emplace_back();
        m_entry = &m_owner->history.back();
        m_entry->group = m_owner->group;
        return;
    }
    const auto index = static_cast<std::uint32_t>(m_db.entries.size());
    m_db.entries.emplace_back();
    m_entry = &m_db.entries.back();
    m_entry->group = m_groups.back();
    m_db.groups[m_groups.back()].entries.push_back(index);
}

void KdbxXmlReader::text(const char* chars, std::size_t length)
{
    if (m_error)
        return;
    const std::size_t old = m_text.size();
    if (auto grown = m_text.resize(old + length); !grown) {
        fail(grown.error().code, grown.error().message);
        return;
    }
    std::memcpy(m_text.data() + old, chars, length);
}

void KdbxXmlReader::end()
{
    if (m_path.size() <= 1)
        return;
    const Element kind = m_path.back();
    m_path.pop_back();
    if (m_error)
        return;
    m_capture = false;
    if (isLeaf(kind)) {
        finishLeaf(kind);
        (void)m_text.resize(0); // wipes the collected text
    }

    switch (kind) {
    case Element::Group:
        if (m_db.groups[m_groups.back()].uuid.isNull())
            m_db.groups[m_groups.back()].uuid = KdbxUuid::random();
        m_groups.pop_back();
        break;
    case Element::Entry:
        if (m_entry->uuid.isNull())
            m_entry->uuid = KdbxUuid::random();
        m_entry = nullptr;
        break;
    case Element::HistoryEntry:
        m_entry->uuid = m_owner->uuid; // as KeePassXC: a version has its entry's identity
        m_entry = m_owner;
        m_owner = nullptr;
        break;
    case Element::Times:
        m_times = nullptr;
        break;
    case Element::String:
        finishString();
        break;
    case Element::Binary:
        finishBinary();
        break;
    case Element::Item:
        finishItem(m_path.back());
        break;
    default:
        break;
    }
}

Result<SecretSpan> KdbxXmlReader::value(bool isProtected)
{
    if (!isProtected)
        return m_db.pool().copy(m_text.span());
    return bytes(true);
}

Result<SecretSpan> KdbxXmlReader::bytes(bool isProtected)
{
    ArenaPool& pool = m_db.pool();
    auto space = pool.allocate(m_text.size() / 4 * 3 + 3);
    if (!space)
        return space.error();
    std::size_t length = 0;
    if (sodium_base642bin(space->data(), space->size(), m_text.span().chars(), m_text.size(),
                          " \t\r\n", &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
        pool.shrinkLast(*space, 0);
        return Error{ErrorCode::FileDamaged,
                     std::string(isProtected ? "A protected value" : "An attachment") +
                         " is not valid Base64 (" + where() + "): the file is damaged."};
    }
    pool.shrinkLast(*space, length);
    const std::span<std::uint8_t> decoded = space->first(length);
    if (isProtected)
        m_stream.apply(decoded);
    return SecretSpan(decoded.data(), decoded.size());
}

Result<std::vector<std::uint8_t>> KdbxXmlReader::decodeBase64Public()
{
    std::vector<std::uint8_t> out(m_text.size() / 4 * 3 + 3);
    std::size_t length = 0;
    if (const auto fast = PublicBase64::decode(m_text.bytes(), out)) {
        out.resize(*fast);
        return out;
    }
    if (sodium_base642bin(out.data(), out.size(), m_text.span().chars(), m_text.size(), " \t\r\n",
                          &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return Error{ErrorCode::FileDamaged, "A Base64 value is malformed (" + where() + ")."};
    out.resize(length);
    return out;
}

std::optional<std::uint32_t> KdbxXmlReader::number() const
{
    return parseNumber(m_text.span().chars(), m_text.size());
}

bool KdbxXmlReader::boolean() const
{
    std::size_t begin = 0, end = m_text.size();
    const SecretSpan text = m_text.span();
    while (begin < end && (text[begin] == ' ' || text[begin] == '\n' || text[begin] == '\r' ||
                           text[begin] == '\t'))
        ++begin;
    while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\r' ||
                           text[end - 1] == '\t'))
        --end;
    return (end - begin == 4 && strncasecmp(text.chars() + begin, "true", 4) == 0) ||
           (end - begin == 1 && text[begin] == '1');
}

KdbxUuid KdbxXmlReader::uuid()
{
    auto bytes = decodeBase64Public();
    if (!bytes) {
        fail(bytes.error().code, bytes.error().message);
        return {};
    }
    return KdbxUuid::fromBytes(*bytes); // any other length: null, replaced by a random UUID
}

void KdbxXmlReader::finishLeaf(Element kind)
{
    // Text values: copied, or decoded and un-XORed when protected (KeePass honours the
    // Protected attribute on every text element, so the stream must advance for each).
    auto keep = [this](SecretSpan& target) {
        auto stored = value(m_valueProtected);
        if (!stored) {
            fail(stored.error().code, stored.error().message);
            return false;
        }
        if (m_valueProtected && !Utf8::isValid(*stored)) {
            fail(ErrorCode::InvalidArgument,
                 "A protected value is not valid UTF-8 after decryption (" + where() +
                     "): the file is damaged.");
            return false;
        }
        target = *stored;
        return true;
    };
    // Other leaves (UUIDs, times, flags) are read from plain text; a protected one is decoded
    // into the scratch buffer first.
    const bool textLeaf =
        kind == Element::DatabaseName || kind == Element::ItemKey || kind == Element::ItemValue ||
        kind == Element::GroupName || kind == Element::GroupNotes || kind == Element::Tags ||
        kind == Element::StringKey || kind == Element::StringValue || kind == Element::BinaryKey ||
        kind == Element::BinaryValue || kind == Element::MetaBinary;
    if (m_valueProtected && !textLeaf && !unprotectText())
        return;
    switch (kind) {
    case Element::DatabaseName:
        (void)keep(m_db.name);
        break;
    case Element::HeaderHash:
        if (m_settings.headerHash) {
            auto stored = decodeBase64Public();
            if (!stored || stored->size() != 32 ||
                sodium_memcmp(stored->data(), m_settings.headerHash->data(), 32) != 0)
                fail(ErrorCode::FileDamaged,
                     "The header does not match the copy of its hash inside the encrypted data: "
                     "the header was changed or damaged.");
        }
        break;
    case Element::RecycleBinEnabled:
        m_db.recycleBinEnabled = boolean();
        break;
    case Element::RecycleBinUuid:
        m_db.recycleBin = uuid();
        break;
    case Element::MetaBinary:
        finishMetaBinary();
        break;
    case Element::ItemKey:
        m_haveKey = keep(m_key);
        break;
    case Element::ItemValue:
        m_haveValue = keep(m_value);
        break;
    case Element::GroupUuid:
        m_db.groups[m_groups.back()].uuid = uuid();
        break;
    case Element::GroupName:
        (void)keep(m_db.groups[m_groups.back()].name);
        break;
    case Element::GroupNotes:
        (void)keep(m_db.groups[m_groups.back()].notes);
        break;
    case Element::CreationTime:
    case Element::LastModificationTime:
    case Element::LastAccessTime:
    case Element::ExpiryTime:
    case Element::LocationChanged: {
        const std::int64_t seconds = KdbxTime::parse(m_text.span()).value_or(0);
        std::int64_t& target = kind == Element::CreationTime           ? m_times->created
                               : kind == Element::LastModificationTime ? m_times->modified
                               : kind == Element::LastAccessTime       ? m_times->accessed
                               : kind == Element::ExpiryTime           ? m_times->expiry
                                                                       : m_times->locationChanged;
        target = seconds;
        break;
    }
    case Element::Expires:
        m_times->expires = boolean();
        break;
    case Element::UsageCount:
        m_times->usageCount = number().value_or(0);
        break;
    case Element::EntryUuid:
        m_entry->uuid = uuid();
        break;
    case Element::Tags:
        (void)keep(m_entry->tags);
        break;
    case Element::StringKey:
    case Element::BinaryKey:
        m_haveKey = keep(m_key);
        break;
    case Element::StringValue:
        m_haveValue = keep(m_value);
        m_protect = m_valueProtected || m_valueProtectInMemory;
        break;
    case Element::BinaryValue:
        if (m_valueRef) {
            const std::uint32_t ref = *m_valueRef;
            if (m_settings.kdbx4) {
                if (ref >= m_db.binaries.size()) {
                    fail(ErrorCode::FileDamaged,
                         "An attachment refers to binary " + std::to_string(ref) +
                             ", which the file does not have (" + where() + ").");
                    break;
                }
                m_pendingBinary = ref;
            } else {
                const auto found = m_binaryIds.find(ref);
                if (found == m_binaryIds.end()) {
                    fail(ErrorCode::FileDamaged,
                         "An attachment refers to binary " + std::to_string(ref) +
                             ", which the file does not have (" + where() + ").");
                    break;
                }
                m_pendingBinary = found->second;
            }
        } else {
            // An attachment stored inline (old KeePass versions): Base64 bytes, not text.
            auto stored = bytes(m_valueProtected);
            if (!stored) {
                fail(stored.error().code, stored.error().message);
                break;
            }
            const SecretSpan data = *stored;
            m_pendingBinary = static_cast<std::uint32_t>(m_db.binaries.size());
            m_db.binaries.push_back(KdbxBinary{data, m_valueProtected});
        }
        m_haveValue = true;
        break;
    default:
        break;
    }
}

bool KdbxXmlReader::unprotectText()
{
    auto decoded = m_db.arena().allocate(m_text.size() / 4 * 3 + 3);
    if (!decoded) {
        fail(decoded.error().code, decoded.error().message);
        return false;
    }
    std::size_t length = 0;
    if (sodium_base642bin(decoded->data(), decoded->size(), m_text.span().chars(), m_text.size(),
                          " \t\r\n", &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
        fail(ErrorCode::FileDamaged,
             "A protected value is not valid Base64 (" + where() + "): the file is damaged.");
        return false;
    }
    m_stream.apply(std::span(decoded->data(), length));
    (void)m_text.resize(0);
    text(decoded->span().chars(), length);
    return !m_error;
}

void KdbxXmlReader::finishMetaBinary()
{
    if (!m_binaryId) {
        fail(ErrorCode::FileDamaged, "A stored attachment has no ID (" + where() + ").");
        return;
    }
    auto data = bytes(m_valueProtected);
    if (!data) {
        fail(data.error().code, data.error().message);
        return;
    }
    SecretSpan bytes = *data;
    if (m_valueCompressed) {
        auto inflated = GzipInflater::inflateAll(m_db.arena(), bytes, m_settings.maxBinaryBytes);
        if (!inflated) {
            fail(inflated.error().code,
                 "Attachment " + std::to_string(*m_binaryId) + ": " + inflated.error().message);
            return;
        }
        auto stored = m_db.pool().copy(inflated->span());
        if (!stored) {
            fail(stored.error().code, stored.error().message);
            return;
        }
        bytes = *stored;
    }
    m_binaryIds[*m_binaryId] = static_cast<std::uint32_t>(m_db.binaries.size());
    m_db.binaries.push_back(KdbxBinary{bytes, m_valueProtected});
}

void KdbxXmlReader::finishString()
{
    if (!m_haveKey || !m_haveValue) {
        fail(ErrorCode::FileDamaged,
             "A field of entry " + std::to_string(m_entryNumber) + " lacks its name or value.");
        return;
    }
    for (const KdbxString& existing : m_entry->strings) {
        if (existing.key.size() == m_key.size() &&
            std::memcmp(existing.key.data(), m_key.data(), m_key.size()) == 0) {
            fail(ErrorCode::FileDamaged,
                 "Entry " + std::to_string(m_entryNumber) + " has two fields with the same name.");
            return;
        }
    }
    m_entry->strings.push_back(KdbxString{m_key, m_value, m_protect});
}

void KdbxXmlReader::finishBinary()
{
    if (!m_haveKey || !m_haveValue || !m_pendingBinary) {
        fail(ErrorCode::FileDamaged, "An attachment of entry " + std::to_string(m_entryNumber) +
                                         " lacks its name or data.");
        return;
    }
    m_entry->attachments.push_back(KdbxAttachment{m_key, *m_pendingBinary});
}

void KdbxXmlReader::finishItem(Element container)
{
    if (!m_haveKey || !m_haveValue) {
        fail(ErrorCode::FileDamaged,
             "A custom data item lacks its key or value (" + where() + ").");
        return;
    }
    if (container == Element::MetaCustomData)
        m_db.customData.push_back(KdbxCustomDataItem{m_key, m_value});
    else if (container == Element::EntryCustomData && m_entry != nullptr)
        m_entry->customData.push_back(KdbxCustomDataItem{m_key, m_value});
}

} // namespace arcanum
