#include "kdbx/KdbxXmlWriter.h"

#include "kdbx/KdbxTime.h"
#include "text/Utf8.h"

#include <cstring>
#include <sodium.h>

namespace arcanum {

namespace {

// True when XML 1.0 can carry `text` as character data (after escaping).
bool xmlSafe(SecretSpan text)
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::uint8_t c = text[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return false;
        // U+FFFE and U+FFFF (EF BF BE / EF BF BF) are not XML characters either.
        if (c == 0xEF && i + 2 < text.size() && text[i + 1] == 0xBF &&
            (text[i + 2] == 0xBE || text[i + 2] == 0xBF))
            return false;
    }
    return true;
}

class Writer
{
public:
    Writer(const KdbxDatabase& database, InnerRandomStream& stream, ArenaText& out)
        : m_db(database), m_stream(stream), m_out(out)
    {}

    Result<void> run()
    {
        line(0, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
        line(0, "<KeePassFile>");
        meta();
        line(1, "<Root>");
        if (!m_db.groups.empty())
            group(0, 2);
        line(2, "<DeletedObjects/>");
        line(1, "</Root>");
        line(0, "</KeePassFile>");
        if (!m_failure.ok())
            return m_failure;
        return m_out.status();
    }

private:
    void indent(int depth)
    {
        for (int i = 0; i < depth; ++i)
            m_out.append(std::uint8_t('\t'));
    }
    void line(int depth, std::string_view text)
    {
        indent(depth);
        m_out.append(text);
        m_out.append(std::uint8_t('\n'));
    }

    void escaped(SecretSpan text)
    {
        std::size_t run = 0; // start of the bytes not yet copied
        for (std::size_t i = 0; i < text.size(); ++i) {
            const char* entity = nullptr;
            switch (text[i]) {
            case '&':
                entity = "&amp;";
                break;
            case '<':
                entity = "&lt;";
                break;
            case '>':
                entity = "&gt;";
                break;
            case '\r':
                entity = "&#13;"; // a literal CR would be normalised away by the reader
                break;
            default:
                continue;
            }
            m_out.append(text.sub(run, i - run));
            m_out.append(std::string_view(entity));
            run = i + 1;
        }
        m_out.append(text.sub(run));
    }

    // <name>text</name>, or <name/> when empty.
    void element(int depth, std::string_view name, SecretSpan text)
    {
        indent(depth);
        m_out.append(std::uint8_t('<'));
        m_out.append(name);
        if (text.empty()) {
            m_out.append(std::string_view("/>\n"));
            return;
        }
        m_out.append(std::uint8_t('>'));
        escaped(text);
        m_out.append(std::string_view("</"));
        m_out.append(name);
        m_out.append(std::string_view(">\n"));
    }
    void element(int depth, std::string_view name, std::string_view text)
    {
        element(depth, name,
                SecretSpan(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
    }

    void uuid(int depth, std::string_view name, const KdbxUuid& id)
    {
        char text[sodium_base64_ENCODED_LEN(16, sodium_base64_VARIANT_ORIGINAL)];
        sodium_bin2base64(text, sizeof text, id.bytes.data(), id.bytes.size(),
                          sodium_base64_VARIANT_ORIGINAL);
        element(depth, name, std::string_view(text));
    }

    void times(int depth, const KdbxTimes& t)
    {
        line(depth, "<Times>");
        element(depth + 1, "LastModificationTime", KdbxTime::toKdbx4(t.modified));
        element(depth + 1, "CreationTime", KdbxTime::toKdbx4(t.created));
        element(depth + 1, "LastAccessTime", KdbxTime::toKdbx4(t.accessed));
        element(depth + 1, "ExpiryTime", KdbxTime::toKdbx4(t.expiry));
        element(depth + 1, "Expires", t.expires ? "True" : "False");
        element(depth + 1, "UsageCount", std::to_string(t.usageCount));
        element(depth + 1, "LocationChanged", KdbxTime::toKdbx4(t.locationChanged));
        line(depth, "</Times>");
    }

    void customData(int depth, const std::vector<KdbxCustomDataItem>& items)
    {
        if (items.empty())
            return;
        line(depth, "<CustomData>");
        for (const KdbxCustomDataItem& item : items) {
            line(depth + 1, "<Item>");
            text(depth + 2, "Key", item.key);
            text(depth + 2, "Value", item.value);
            line(depth + 1, "</Item>");
        }
        line(depth, "</CustomData>");
    }

    void fail(const std::string& what)
    {
        if (m_failure.ok())
            m_failure = Error{ErrorCode::InvalidArgument,
                              (m_entryNumber != 0 ? "Entry " + std::to_string(m_entryNumber)
                                                  : std::string("The database")) +
                                  " " + what + "; a KeePass database cannot hold it."};
    }

    // Text of any element: plain when XML can carry it, else protected (see protectedOrPlain).
    // KeePass and KeePassXC honour Protected="True" on every text element they read.
    void text(int depth, std::string_view name, SecretSpan value)
    {
        protectedOrPlain(depth, name, value, false);
    }

    void meta()
    {
        line(1, "<Meta>");
        element(2, "Generator", "Arcanum");
        text(2, "DatabaseName", m_db.name);
        line(2, "<MemoryProtection>");
        element(3, "ProtectTitle", "False");
        element(3, "ProtectUserName", "False");
        element(3, "ProtectPassword", "True");
        element(3, "ProtectURL", "False");
        element(3, "ProtectNotes", "False");
        line(2, "</MemoryProtection>");
        element(2, "RecycleBinEnabled", m_db.recycleBinEnabled ? "True" : "False");
        uuid(2, "RecycleBinUUID", m_db.recycleBin);
        customData(2, m_db.customData);
        line(1, "</Meta>");
    }

    void group(std::uint32_t index, int depth)
    {
        const KdbxGroup& g = m_db.groups[index];
        line(depth, "<Group>");
        uuid(depth + 1, "UUID", g.uuid.isNull() ? KdbxUuid::random() : g.uuid);
        text(depth + 1, "Name", g.name);
        text(depth + 1, "Notes", g.notes);
        element(depth + 1, "IconID", "48");
        times(depth + 1, g.times);
        element(depth + 1, "IsExpanded", "True");
        for (const std::uint32_t entryIndex : g.entries) {
            m_entryNumber = ++m_entriesWritten;
            entry(m_db.entries[entryIndex], depth + 1, false);
            m_entryNumber = 0;
        }
        for (const std::uint32_t child : g.groups)
            group(child, depth + 1);
        line(depth, "</Group>");
    }

    // A plain element, or — when `isProtected` or when XML cannot carry the text — a protected one
    // (Base64 of the text XORed with the inner stream), which keeps every byte.
    void protectedOrPlain(int depth, std::string_view name, SecretSpan value, bool isProtected)
    {
        if (!Utf8::isValid(value)) {
            fail("has a field that is not valid UTF-8");
            return;
        }
        if (!isProtected && xmlSafe(value)) {
            element(depth, name, value);
            return;
        }
        indent(depth);
        m_out.append(std::uint8_t('<'));
        m_out.append(name);
        m_out.append(std::string_view(" Protected=\"True\">"));
        if (!value.empty()) {
            auto scratch = m_db.arena().copyOf(value);
            if (!scratch) {
                m_failure = scratch.error();
                return;
            }
            m_stream.apply(scratch->bytes());
            const std::size_t encoded =
                sodium_base64_ENCODED_LEN(scratch->size(), sodium_base64_VARIANT_ORIGINAL);
            const std::span<std::uint8_t> space = m_out.extend(encoded);
            if (space.empty())
                return;
            sodium_bin2base64(reinterpret_cast<char*>(space.data()), space.size(), scratch->data(),
                              scratch->size(), sodium_base64_VARIANT_ORIGINAL);
            m_out.truncate(m_out.size() - 1); // the terminating NUL
        }
        m_out.append(std::string_view("</"));
        m_out.append(name);
        m_out.append(std::string_view(">\n"));
    }

    void entry(const KdbxEntry& e, int depth, bool isHistory)
    {
        line(depth, "<Entry>");
        uuid(depth + 1, "UUID", e.uuid.isNull() ? KdbxUuid::random() : e.uuid);
        element(depth + 1, "IconID", "0");
        text(depth + 1, "Tags", e.tags);
        times(depth + 1, e.times);
        for (const KdbxString& string : e.strings) {
            line(depth + 1, "<String>");
            text(depth + 2, "Key", string.key);
            protectedOrPlain(depth + 2, "Value", string.value, string.isProtected);
            line(depth + 1, "</String>");
        }
        for (const KdbxAttachment& attachment : e.attachments) {
            if (attachment.binary >= m_db.binaries.size()) {
                fail("refers to an attachment that is not in the database");
                return;
            }
            line(depth + 1, "<Binary>");
            text(depth + 2, "Key", attachment.name);
            indent(depth + 2);
            m_out.append(std::string_view("<Value Ref=\""));
            m_out.append(std::to_string(attachment.binary));
            m_out.append(std::string_view("\"/>\n"));
            line(depth + 1, "</Binary>");
        }
        line(depth + 1, "<AutoType>");
        element(depth + 2, "Enabled", "True");
        element(depth + 2, "DataTransferObfuscation", "0");
        line(depth + 1, "</AutoType>");
        customData(depth + 1, e.customData);
        if (!isHistory) {
            line(depth + 1, "<History>");
            for (const KdbxEntry& version : e.history)
                entry(version, depth + 2, true);
            line(depth + 1, "</History>");
        }
        line(depth, "</Entry>");
    }

    const KdbxDatabase& m_db;
    InnerRandomStream& m_stream;
    ArenaText& m_out;
    Result<void> m_failure;
    std::size_t m_entryNumber = 0; // the entry being written (1-based), for messages
    std::size_t m_entriesWritten = 0;
};

} // namespace

Result<void> KdbxXmlWriter::write(const KdbxDatabase& database, InnerRandomStream& stream,
                                  ArenaText& out)
{
    if (database.groups.empty())
        return Error{ErrorCode::InvalidArgument, "A KeePass database needs a root group."};
    return Writer(database, stream, out).run();
}

} // namespace arcanum
