#include "kdbx/KdbxKeyFile.h"

#include "crypto/Sodium.h"
#include "import/PlaintextFile.h"
#include "kdbx/ArenaXmlParser.h"
#include "kdbx/KdbxHash.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sodium.h>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace arcanum {

namespace {

// Files up to this size are read whole and tried as XML, binary and hex key files; larger ones
// can only be "any other file" and are hashed in chunks.
constexpr std::size_t wholeFileLimit = 1024 * 1024;
constexpr std::size_t hashChunkBytes = 64 * 1024;

// What the expat callbacks collect from a candidate XML key file. Version is not secret; the
// key data and its check hash are copied into arena buffers.
class KeyFileXml
{
public:
    enum class Outcome
    {
        NotXml,  // not a KeePass XML key file: try the other kinds
        Damaged, // a KeyFile document that does not parse
        Parsed,
    };

    KeyFileXml(SecretArena& arena, ArenaXmlParser& parser) : m_arena(arena), m_parser(parser) {}

    Outcome parse(SecretSpan contents)
    {
        XML_Parser parser = m_parser.get();
        XML_SetUserData(parser, this);
        XML_SetElementHandler(parser, &KeyFileXml::start, &KeyFileXml::end);
        XML_SetCharacterDataHandler(parser, &KeyFileXml::text);
        const auto status =
            XML_Parse(parser, contents.chars(), static_cast<int>(contents.size()), XML_TRUE);
        if (m_notKeyFile || !m_sawRoot)
            return Outcome::NotXml;
        if (status != XML_STATUS_OK || !m_failed.ok())
            return Outcome::Damaged;
        return Outcome::Parsed;
    }

    const std::string& version() const { return m_version; }
    SecretSpan data() const { return m_data.span(); }
    SecretSpan hash() const { return m_hash.span(); }
    const Result<void>& failure() const { return m_failed; }

private:
    enum class Element
    {
        KeyFile,
        Meta,
        Version,
        Key,
        Data,
        Other,
    };

    static KeyFileXml& self(void* data) { return *static_cast<KeyFileXml*>(data); }

    static void XMLCALL start(void* data, const XML_Char* name, const XML_Char** attributes)
    {
        KeyFileXml& xml = self(data);
        const std::string_view element(name);
        Element kind = Element::Other;
        const Element parent = xml.m_path.empty() ? Element::Other : xml.m_path.back();
        if (xml.m_path.empty()) {
            xml.m_sawRoot = true;
            if (element != "KeyFile") {
                xml.m_notKeyFile = true;
                XML_StopParser(xml.m_parser.get(), XML_FALSE);
                return;
            }
            kind = Element::KeyFile;
        } else if (parent == Element::KeyFile && element == "Meta") {
            kind = Element::Meta;
        } else if (parent == Element::KeyFile && element == "Key") {
            kind = Element::Key;
        } else if (parent == Element::Meta && element == "Version") {
            kind = Element::Version;
        } else if (parent == Element::Key && element == "Data") {
            kind = Element::Data;
            for (const XML_Char** attribute = attributes; *attribute != nullptr; attribute += 2)
                if (std::string_view(attribute[0]) == "Hash")
                    xml.keep(xml.m_hash, attribute[1], std::strlen(attribute[1]));
        }
        xml.m_path.push_back(kind);
    }

    static void XMLCALL end(void* data, const XML_Char*)
    {
        KeyFileXml& xml = self(data);
        if (!xml.m_path.empty())
            xml.m_path.pop_back();
    }

    static void XMLCALL text(void* data, const XML_Char* chars, int length)
    {
        KeyFileXml& xml = self(data);
        if (xml.m_path.empty() || length <= 0)
            return;
        if (xml.m_path.back() == Element::Version && xml.m_version.size() < 64)
            xml.m_version.append(chars, std::size_t(length));
        else if (xml.m_path.back() == Element::Data)
            xml.keep(xml.m_data, chars, std::size_t(length));
    }

    void keep(SecretBuffer& buffer, const char* chars, std::size_t length)
    {
        if (!m_failed.ok())
            return;
        if (buffer.isNull()) {
            auto fresh = m_arena.allocate(0);
            if (!fresh) {
                m_failed = fresh.error();
                return;
            }
            buffer = std::move(fresh.value());
        }
        const std::size_t old = buffer.size();
        if (auto grown = buffer.resize(old + length); !grown) {
            m_failed = grown.error();
            XML_StopParser(m_parser.get(), XML_FALSE);
            return;
        }
        std::memcpy(buffer.data() + old, chars, length);
    }

    SecretArena& m_arena;
    ArenaXmlParser& m_parser;
    std::vector<Element> m_path;
    bool m_sawRoot = false;
    bool m_notKeyFile = false;
    std::string m_version;
    SecretBuffer m_data;
    SecretBuffer m_hash;
    Result<void> m_failed;
};

Error damagedKeyFile(const std::string& why)
{
    return Error{ErrorCode::FileDamaged,
                 "The key file is a KeePass XML key file, but " + why + ". It may be damaged."};
}

bool isHexDigit(std::uint8_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// `text` decoded into a new arena buffer (hex or Base64, whitespace ignored), or nullopt.
Result<SecretBuffer> decodeKeyText(SecretArena& arena, SecretSpan text, bool hex)
{
    auto out = arena.allocate(text.size() / (hex ? 2 : 1) + 3);
    if (!out)
        return out.error();
    std::size_t length = 0;
    const int status =
        hex ? sodium_hex2bin(out->data(), out->size(), text.chars(), text.size(), " \t\r\n",
                             &length, nullptr)
            : sodium_base642bin(out->data(), out->size(), text.chars(), text.size(), " \t\r\n",
                                &length, nullptr, sodium_base64_VARIANT_ORIGINAL);
    if (status != 0 || length == 0)
        return damagedKeyFile(hex ? "its key is not hexadecimal" : "its key is not Base64");
    if (auto shrunk = out->resize(length); !shrunk)
        return shrunk.error();
    return std::move(out.value());
}

// The key of an XML key file: the first 32 bytes of its data, zero-padded (as KeePassXC does).
Result<SecretBuffer> xmlKey(SecretArena& arena, const KeyFileXml& xml, KdbxKeyFile::Kind& kind)
{
    const std::string& version = xml.version();
    const bool v1 = version.rfind("1.0", 0) == 0;
    const bool v2 = version == "2.0";
    if (!v1 && !v2)
        return Error{ErrorCode::Unsupported,
                     "The key file is a KeePass XML key file of version \"" +
                         version.substr(0, 16) + "\", which Arcanum does not know (1.0 and 2.0)."};
    if (xml.data().empty())
        return damagedKeyFile("it holds no key data");
    auto decoded = decodeKeyText(arena, xml.data(), v2);
    if (!decoded)
        return decoded.error();
    if (v2) {
        auto checksum = arena.allocate(crypto_hash_sha256_BYTES);
        auto expected = decodeKeyText(arena, xml.hash(), true);
        if (!checksum)
            return checksum.error();
        if (!expected || expected->size() != 4)
            return damagedKeyFile("its check hash is missing or malformed");
        if (auto hashed = KdbxHash::sha256(arena, {decoded->bytes()}, checksum->bytes()); !hashed)
            return hashed.error();
        if (sodium_memcmp(checksum->data(), expected->data(), 4) != 0)
            return damagedKeyFile("its key does not match its check hash");
    }
    auto key = arena.allocate(KdbxKeyFile::keyBytes);
    if (!key)
        return key.error();
    std::memcpy(key->data(), decoded->data(), std::min(decoded->size(), KdbxKeyFile::keyBytes));
    kind = v2 ? KdbxKeyFile::Kind::XmlV2 : KdbxKeyFile::Kind::XmlV1;
    return std::move(key.value());
}

Result<SecretBuffer> hashWholeFile(SecretArena& arena, int fd)
{
    auto stateBuffer = arena.allocate(sizeof(crypto_hash_sha256_state));
    auto chunk = arena.allocate(hashChunkBytes);
    auto key = arena.allocate(KdbxKeyFile::keyBytes);
    if (!stateBuffer)
        return stateBuffer.error();
    if (!chunk)
        return chunk.error();
    if (!key)
        return key.error();
    auto* state = reinterpret_cast<crypto_hash_sha256_state*>(stateBuffer->data());
    crypto_hash_sha256_init(state);
    for (;;) {
        const ssize_t got = ::read(fd, chunk->data(), chunk->size());
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return errnoError("Cannot read the key file", errno);
        if (got == 0)
            break;
        crypto_hash_sha256_update(state, chunk->data(), std::size_t(got));
    }
    crypto_hash_sha256_final(state, key->data());
    return std::move(key.value());
}

} // namespace

const char* KdbxKeyFile::kindName(Kind kind)
{
    switch (kind) {
    case Kind::XmlV1:
        return "XML key file 1.0";
    case Kind::XmlV2:
        return "XML key file 2.0";
    case Kind::Binary32:
        return "32-byte key file";
    case Kind::Hex64:
        return "64-hex-character key file";
    case Kind::Hashed:
        break;
    }
    return "hashed key file";
}

Result<KdbxKeyFile> KdbxKeyFile::fromContents(SecretArena& arena, SecretSpan contents)
{
    Sodium::ensureInitialized();
    if (contents.empty())
        return Error{ErrorCode::InvalidArgument, "The key file is empty."};
    if (contents.size() <= wholeFileLimit) {
        auto parser = ArenaXmlParser::create(arena);
        if (!parser)
            return parser.error();
        KeyFileXml xml(arena, **parser);
        switch (xml.parse(contents)) {
        case KeyFileXml::Outcome::NotXml:
            break;
        case KeyFileXml::Outcome::Damaged:
            if (!xml.failure())
                return xml.failure().error();
            return damagedKeyFile("its XML does not parse (" + (*parser)->errorLocation() + ")");
        case KeyFileXml::Outcome::Parsed: {
            Kind kind = Kind::XmlV2;
            auto key = xmlKey(arena, xml, kind);
            if (!key)
                return key.error();
            return KdbxKeyFile(std::move(key.value()), kind);
        }
        }
    }
    if (contents.size() == keyBytes) {
        auto key = arena.copyOf(contents);
        if (!key)
            return key.error();
        return KdbxKeyFile(std::move(key.value()), Kind::Binary32);
    }
    if (contents.size() == 2 * keyBytes &&
        std::all_of(contents.begin(), contents.end(), isHexDigit)) {
        auto key = arena.allocate(keyBytes);
        if (!key)
            return key.error();
        std::size_t length = 0;
        if (sodium_hex2bin(key->data(), keyBytes, contents.chars(), contents.size(), nullptr,
                           &length, nullptr) == 0 &&
            length == keyBytes)
            return KdbxKeyFile(std::move(key.value()), Kind::Hex64);
    }
    auto key = arena.allocate(keyBytes);
    if (!key)
        return key.error();
    if (auto hashed = KdbxHash::sha256(arena, {contents.bytes()}, key->bytes()); !hashed)
        return hashed.error();
    return KdbxKeyFile(std::move(key.value()), Kind::Hashed);
}

Result<KdbxKeyFile> KdbxKeyFile::read(SecretArena& arena, const std::string& path)
{
    struct stat info
    {};
    if (::stat(path.c_str(), &info) != 0)
        return errnoError("Cannot open the key file " + path, errno);
    if (S_ISREG(info.st_mode) && std::size_t(info.st_size) > wholeFileLimit) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return errnoError("Cannot open the key file " + path, errno);
        auto key = hashWholeFile(arena, fd);
        ::close(fd);
        if (!key)
            return key.error();
        return KdbxKeyFile(std::move(key.value()), Kind::Hashed);
    }
    auto contents = PlaintextFile::read(arena, path, wholeFileLimit);
    if (!contents) {
        if (contents.error().code == ErrorCode::InvalidArgument) // a pipe over the limit
            return Error{ErrorCode::InvalidArgument,
                         "The key file " + path +
                             " is a stream larger than 1 MiB; save it to a "
                             "regular file first."};
        return Error{contents.error().code, contents.error().message};
    }
    return fromContents(arena, contents->span());
}

Result<SecretBuffer> KdbxKeyFile::makeXmlV2(SecretArena& arena, SecretSpan key)
{
    if (key.size() != keyBytes)
        return Error{ErrorCode::InvalidArgument, "A key file key has 32 bytes."};
    Sodium::ensureInitialized();
    auto checksum = arena.allocate(crypto_hash_sha256_BYTES);
    auto hex = arena.allocate(2 * keyBytes + 1);
    auto hashHex = arena.allocate(9);
    if (!checksum)
        return checksum.error();
    if (!hex)
        return hex.error();
    if (!hashHex)
        return hashHex.error();
    if (auto hashed = KdbxHash::sha256(arena, {key.bytes()}, checksum->bytes()); !hashed)
        return hashed.error();
    sodium_bin2hex(reinterpret_cast<char*>(hex->data()), hex->size(), key.data(), key.size());
    sodium_bin2hex(reinterpret_cast<char*>(hashHex->data()), hashHex->size(), checksum->data(), 4);
    for (SecretBuffer* buffer : {&hex.value(), &hashHex.value()})
        for (std::uint8_t& c : buffer->bytes())
            if (c >= 'a' && c <= 'f')
                c = static_cast<std::uint8_t>(c - 'a' + 'A');

    static constexpr std::string_view head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                             "<KeyFile>\n"
                                             "    <Meta>\n"
                                             "        <Version>2.0</Version>\n"
                                             "    </Meta>\n"
                                             "    <Key>\n"
                                             "        <Data Hash=\"";
    static constexpr std::string_view afterHash = "\">\n";
    static constexpr std::string_view tail = "        </Data>\n"
                                             "    </Key>\n"
                                             "</KeyFile>\n";
    // Two lines of 32 hex digits, in groups of 8, as KeePass writes them.
    const std::size_t lines = 2;
    const std::size_t lineBytes = 12 + 4 * 8 + 3 + 1;
    auto file =
        arena.allocate(head.size() + 8 + afterHash.size() + lines * lineBytes + tail.size());
    if (!file)
        return file.error();
    std::uint8_t* out = file->data();
    auto put = [&out](const void* bytes, std::size_t length) {
        std::memcpy(out, bytes, length);
        out += length;
    };
    put(head.data(), head.size());
    put(hashHex->data(), 8);
    put(afterHash.data(), afterHash.size());
    for (std::size_t line = 0; line < lines; ++line) {
        put("            ", 12);
        for (std::size_t group = 0; group < 4; ++group) {
            put(hex->data() + line * 32 + group * 8, 8);
            if (group < 3)
                put(" ", 1);
        }
        put("\n", 1);
    }
    put(tail.data(), tail.size());
    (void)file->resize(std::size_t(out - file->data()));
    return std::move(file.value());
}

} // namespace arcanum
