#include "import/CsvDialect.h"

#include "import/AsciiText.h"

#include <string_view>

namespace arcanum {

namespace {

struct ColumnSpec
{
    std::string_view name;
    CsvColumn role;
    bool required;
};

struct FormatSpec
{
    CsvFormat format;
    std::string_view exportHeader; // as the manager writes it, for messages
    std::span<const ColumnSpec> columns;
};

constexpr ColumnSpec chromeColumns[] = {
    {"name", CsvColumn::Title, true},        {"url", CsvColumn::Url, true},
    {"username", CsvColumn::Username, true}, {"password", CsvColumn::Password, true},
    {"note", CsvColumn::Notes, false},
};

// Firefox has no column a person would call a title; httpRealm, formActionOrigin and guid are
// what set its header apart from any other url,username,password file.
constexpr ColumnSpec firefoxColumns[] = {
    {"url", CsvColumn::Url, true},
    {"username", CsvColumn::Username, true},
    {"password", CsvColumn::Password, true},
    {"httpRealm", CsvColumn::NamedField, true},
    {"formActionOrigin", CsvColumn::Ignored, true},
    {"guid", CsvColumn::Ignored, true},
    {"timeCreated", CsvColumn::Ignored, false},
    {"timeLastUsed", CsvColumn::Ignored, false},
    {"timePasswordChanged", CsvColumn::Ignored, false},
};

// Personal vault exports start with folder,favorite; organisation exports with collections.
// Current exports call the re-prompt column "reprompt"; "reminder" is accepted as well.
constexpr ColumnSpec bitwardenColumns[] = {
    {"folder", CsvColumn::Group, false},
    {"collections", CsvColumn::Group, false},
    {"favorite", CsvColumn::Ignored, false},
    {"type", CsvColumn::ItemType, true},
    {"name", CsvColumn::Title, true},
    {"notes", CsvColumn::Notes, true},
    {"fields", CsvColumn::FieldList, true},
    {"reprompt", CsvColumn::Ignored, false},
    {"reminder", CsvColumn::Ignored, false},
    {"login_uri", CsvColumn::UrlList, true},
    {"login_username", CsvColumn::Username, true},
    {"login_password", CsvColumn::Password, true},
    {"login_totp", CsvColumn::Totp, false},
};

constexpr ColumnSpec keepassxcColumns[] = {
    {"Group", CsvColumn::Group, true},
    {"Title", CsvColumn::Title, true},
    {"Username", CsvColumn::Username, true},
    {"Password", CsvColumn::Password, true},
    {"URL", CsvColumn::Url, true},
    {"Notes", CsvColumn::Notes, true},
    {"TOTP", CsvColumn::Totp, false},
    {"Icon", CsvColumn::Ignored, false},
    {"Last Modified", CsvColumn::Ignored, false},
    {"Created", CsvColumn::Ignored, false},
};

constexpr FormatSpec formats[] = {
    {CsvFormat::ChromeEdge, "name,url,username,password,note", chromeColumns},
    {CsvFormat::Firefox,
     "url,username,password,httpRealm,formActionOrigin,guid,timeCreated,timeLastUsed,"
     "timePasswordChanged",
     firefoxColumns},
    {CsvFormat::Bitwarden,
     "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,"
     "login_totp",
     bitwardenColumns},
    {CsvFormat::KeePassXC,
     "Group,Title,Username,Password,URL,Notes,TOTP,Icon,Last Modified,Created", keepassxcColumns},
};

std::optional<std::size_t> findColumn(std::span<const SecretSpan> header, std::string_view name)
{
    for (std::size_t i = 0; i < header.size(); ++i)
        if (AsciiText::equalsIgnoringCase(AsciiText::trimmed(header[i]), name))
            return i;
    return std::nullopt;
}

std::size_t requiredCount(const FormatSpec& spec)
{
    std::size_t count = 0;
    for (const ColumnSpec& column : spec.columns)
        count += column.required ? 1 : 0;
    return count;
}

// "'password', 'note'": the required columns `header` lacks.
std::string missingColumns(const FormatSpec& spec, std::span<const SecretSpan> header,
                           std::size_t& missing)
{
    std::string list;
    missing = 0;
    for (const ColumnSpec& column : spec.columns) {
        if (!column.required || findColumn(header, column.name))
            continue;
        list += (missing++ == 0 ? "'" : ", '") + std::string(column.name) + "'";
    }
    return list;
}

Error unrecognised(std::span<const SecretSpan> header)
{
    std::string message = "The first row is not a header Arcanum recognises. ";
    // Name the closest format when at least half of its required columns are there.
    for (const FormatSpec& spec : formats) {
        std::size_t missing = 0;
        const std::string list = missingColumns(spec, header, missing);
        if (missing * 2 <= requiredCount(spec)) {
            message += "It looks like a " + std::string(CsvDialect::formatName(spec.format)) +
                       " export, but lacks the column" + (missing > 1 ? "s " : " ") + list + ". ";
            break;
        }
    }
    return Error{ErrorCode::InvalidArgument, message + CsvDialect::recognisedFormats()};
}

} // namespace

Result<CsvDialect> CsvDialect::detect(std::span<const SecretSpan> header)
{
    for (const FormatSpec& spec : formats) {
        CsvDialect dialect;
        dialect.m_format = spec.format;
        dialect.m_header.assign(header.begin(), header.end());
        bool matches = true;
        for (const ColumnSpec& column : spec.columns) {
            const auto index = findColumn(header, column.name);
            if (!index) {
                matches = matches && !column.required;
                continue;
            }
            if (column.role == CsvColumn::NamedField)
                dialect.m_namedFields.push_back(*index);
            auto& slot = dialect.m_columns[static_cast<std::size_t>(column.role)];
            if (!slot)
                slot = index;
        }
        if (matches)
            return dialect;
    }
    return unrecognised(header);
}

const char* CsvDialect::formatName(CsvFormat format)
{
    switch (format) {
    case CsvFormat::ChromeEdge:
        return "Chrome/Edge";
    case CsvFormat::Firefox:
        return "Firefox";
    case CsvFormat::Bitwarden:
        return "Bitwarden";
    case CsvFormat::KeePassXC:
        return "KeePassXC";
    }
    return "unknown";
}

std::string CsvDialect::recognisedFormats()
{
    std::string text = "Arcanum reads the CSV exports of ";
    const std::size_t count = std::size(formats);
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0)
            text += i + 1 == count ? " and " : ", ";
        text += std::string(formatName(formats[i].format)) + " (" +
                std::string(formats[i].exportHeader) + ")";
    }
    return text + ".";
}

SecretSpan CsvDialect::headerCell(std::size_t index) const
{
    return AsciiText::trimmed(m_header[index]);
}

std::optional<std::size_t> CsvDialect::column(CsvColumn role) const
{
    return m_columns[static_cast<std::size_t>(role)];
}

} // namespace arcanum
