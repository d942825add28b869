// KdbxXmlReader: builds a KdbxDatabase from the decrypted KDBX XML document, fed in chunks.
//
// expat (ArenaXmlParser) tokenises; this class keeps a stack of element kinds (ordinary memory:
// markup, never content), collects the text of the leaf elements it uses into an arena scratch
// buffer, and at each leaf's end copies the value into the database's pool — Base64-decoding and
// un-XORing protected values there with the inner random stream, in document order. Unknown
// elements are skipped with their subtrees. Limits: nesting depth, the size of an embedded
// compressed attachment; the document must be UTF-8 (checked as it arrives) and may not have a
// DTD. Errors never quote the document; they name the XML line and the entry's position.
#pragma once

#include "common/Result.h"
#include "kdbx/ArenaXmlParser.h"
#include "kdbx/InnerRandomStream.h"
#include "kdbx/KdbxDatabase.h"
#include "kdbx/Utf8Validator.h"

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace arcanum {

class KdbxXmlReader
{
public:
    struct Settings
    {
        bool kdbx4 = true;              // binary references index the inner header's binaries
        std::size_t maxDepth = 128;     // elements nested deeper are refused
        std::size_t maxBinaryBytes = 0; // inflated size limit of a compressed KDBX 3 attachment
        // KDBX 3.1: SHA-256 of the outer header, compared with Meta/HeaderHash when present.
        std::optional<std::array<std::uint8_t, 32>> headerHash;
    };

    [[nodiscard]] static Result<std::unique_ptr<KdbxXmlReader>>
    create(KdbxDatabase& database, InnerRandomStream& stream, const Settings& settings);
    ~KdbxXmlReader();

    // The next piece of the document (any size; `last` for the final one).
    [[nodiscard]] Result<void> feed(SecretSpan chunk, bool last);
    // After the last piece: the document must have had a root group.
    [[nodiscard]] Result<void> finish();

    enum class Element : std::uint8_t;

private:
    KdbxXmlReader(KdbxDatabase& database, InnerRandomStream& stream, const Settings& settings);

    static void XMLCALL onStart(void* self, const XML_Char* name, const XML_Char** attributes);
    static void XMLCALL onEnd(void* self, const XML_Char* name);
    static void XMLCALL onText(void* self, const XML_Char* text, int length);
    static void XMLCALL onDoctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*,
                                  int);

    void start(const char* name, const XML_Char** attributes);
    void end();
    void text(const char* chars, std::size_t length);

    [[nodiscard]] Element classify(Element parent, std::string_view name);
    void beginGroup();
    void beginEntry(bool history);
    void readValueAttributes(const XML_Char** attributes);
    void finishLeaf(Element kind);
    void finishString();
    void finishBinary();
    void finishItem(Element container);
    void finishMetaBinary();

    // The collected text as a value in the pool (copied, or decoded and un-XORed when protected).
    [[nodiscard]] Result<SecretSpan> value(bool isProtected);
    // The collected Base64 text decoded into the pool (and un-XORed when protected).
    [[nodiscard]] Result<SecretSpan> bytes(bool isProtected);
    [[nodiscard]] Result<std::vector<std::uint8_t>> decodeBase64Public();
    // Replaces the collected (protected) text by its decoded, un-XORed bytes.
    [[nodiscard]] bool unprotectText();
    [[nodiscard]] std::optional<std::uint32_t> number() const;
    [[nodiscard]] bool boolean() const;
    [[nodiscard]] KdbxUuid uuid();
    void fail(ErrorCode code, const std::string& message);
    [[nodiscard]] std::string where() const;

    KdbxDatabase& m_db;
    InnerRandomStream& m_stream;
    Settings m_settings;
    std::unique_ptr<ArenaXmlParser> m_parser;
    Utf8Validator m_utf8;
    std::optional<Error> m_error;

    std::vector<Element> m_path;
    bool m_capture = false;
    SecretBuffer m_text; // the current leaf's text (arena scratch, reused)

    // Attributes of the current value element (not secret).
    bool m_valueProtected = false; // Protected="True": Base64 of XORed bytes
    bool m_valueProtectInMemory = false;
    std::optional<std::uint32_t> m_valueRef; // Binary/Value Ref="N"
    bool m_valueCompressed = false;          // Meta/Binaries/Binary Compressed="True"
    std::optional<std::uint32_t> m_binaryId; // Meta/Binaries/Binary ID="N"

    std::vector<std::uint32_t> m_groups; // open groups (indices)
    KdbxEntry* m_entry = nullptr;        // the entry (or history version) being read
    KdbxEntry* m_owner = nullptr;        // while in History: the entry it belongs to
    KdbxTimes* m_times = nullptr;
    std::size_t m_entryNumber = 0; // 1-based, in file order, for messages

    // The pending String / Binary / Item.
    SecretSpan m_key, m_value;
    bool m_haveKey = false, m_haveValue = false, m_protect = false;
    std::optional<std::uint32_t> m_pendingBinary;

    std::map<std::uint32_t, std::uint32_t> m_binaryIds; // KDBX 3: Binary ID -> binaries index
    bool m_sawRoot = false;
};

} // namespace arcanum
