#include "vault/PayloadUpgrade.h"

#include "vault/Record.h"
#include "vault/RecordWriter.h"
#include "vault/Tags.h"

#include <cstring>
#include <string>
#include <vector>

namespace arcanum {

namespace {

constexpr std::size_t v1HeaderBytes = 5; // tag (u8) + length (u32)
constexpr std::size_t v1TimeBytes = 8;

// What a record's value is, in the version-1 container it sits in.
enum class Kind : std::uint8_t
{
    Top,
    Meta,
    Group,
    Entry,
    Version, // an entry inside history
    CustomField,
    History,
    Tombstone,
};

enum class Action : std::uint8_t
{
    Leaf,      // copied with a new length
    Time,      // 8 bytes -> 6 bytes
    Container, // its records are converted
};

struct Child
{
    Action action = Action::Leaf;
    Kind kind = Kind::Top;
};

Error damaged(const std::string& what)
{
    return Error{ErrorCode::FileDamaged, "The vault's content is damaged: " + what + "."};
}

// Version 1's rules for the tag `tag` inside `parent` (docs/FORMAT.md §9.3): the same errors a
// version-1 reader gave.
Result<Child> classify(Kind parent, std::uint8_t tag)
{
    const bool ignorable = (tag & Record::ignorableBit) != 0;
    switch (parent) {
    case Kind::Top:
        switch (tag) {
        case tags::meta:
            return Child{Action::Container, Kind::Meta};
        case tags::group:
            return Child{Action::Container, Kind::Group};
        case tags::entry:
            return Child{Action::Container, Kind::Entry};
        case tags::tombstone:
            return Child{Action::Container, Kind::Tombstone};
        }
        break;
    case Kind::Meta:
        if (tag == tags::metaCreated)
            return Child{Action::Time, {}};
        if (tag <= tags::metaName) // version 1 let tag 0 pass in meta
            return Child{};
        break;
    case Kind::Group:
        if (tag == tags::groupModified)
            return Child{Action::Time, {}};
        if (tag == tags::groupId || tag == tags::groupParent || tag == tags::groupName)
            return Child{};
        break;
    case Kind::Entry:
    case Kind::Version:
        switch (tag) {
        case tags::entryCreated:
        case tags::entryModified:
            return Child{Action::Time, {}};
        case tags::entryId:
        case tags::entryGroup:
        case tags::title:
        case tags::username:
        case tags::password:
        case tags::url:
        case tags::notes:
        case tags::totp:
        case tags::tag:
            return Child{};
        case tags::customField:
            return Child{Action::Container, Kind::CustomField};
        case tags::history:
            if (parent == Kind::Version)
                return damaged("an earlier version has its own history");
            return Child{Action::Container, Kind::History};
        }
        break;
    case Kind::CustomField:
        if (tag == tags::customName || tag == tags::customValue || tag == tags::customFlags)
            return Child{};
        break;
    case Kind::History:
        if (tag == tags::entry)
            return Child{Action::Container, Kind::Version};
        return damaged("the history holds something that is not an entry");
    case Kind::Tombstone:
        if (tag == tags::tombstoneDeleted)
            return Child{Action::Time, {}};
        if (tag == tags::tombstoneId)
            return Child{};
        if (!ignorable)
            return damaged("a deletion record is malformed");
        break;
    }
    if (ignorable)
        return Child{};
    return unknownTagError("A version-1 record", tag);
}

struct V1Record
{
    std::uint8_t tag = 0;
    std::size_t valueOffset = 0;
    std::size_t length = 0;
};

// The version-1 record at `offset` of a container ending at `end`, or nothing if it overruns.
bool readV1(const std::uint8_t* data, std::size_t offset, std::size_t end, V1Record& out)
{
    if (end - offset < v1HeaderBytes)
        return false;
    const std::size_t length = RecordReader::readU32(data + offset + 1);
    if (length > end - offset - v1HeaderBytes)
        return false;
    out = {data[offset], offset + v1HeaderBytes, length};
    return true;
}

std::size_t v2Bytes(std::size_t valueBytes)
{
    return 1 + Record::lengthBytes(valueBytes) + valueBytes;
}

// Pass 1: checks the records of a container's value [begin, end) and returns their version-2
// size. Appends the version-2 value size of every container inside, in pre-order.
Result<std::size_t> measure(const std::uint8_t* data, std::size_t begin, std::size_t end, Kind kind,
                            std::vector<std::uint32_t>& sizes)
{
    std::size_t total = 0;
    bool hasId = false;
    for (std::size_t offset = begin; offset < end;) {
        V1Record record;
        if (!readV1(data, offset, end, record))
            return damaged("a record runs past the end of what holds it");
        hasId |= record.tag == tags::entryId;
        auto child = classify(kind, record.tag);
        if (!child)
            return child.error();
        std::size_t valueBytes = record.length;
        if (child->action == Action::Time) {
            if (record.length != v1TimeBytes)
                return damaged("a time stamp is not 8 bytes");
            valueBytes = Record::timeBytes;
        } else if (child->action == Action::Container) {
            const std::size_t slot = sizes.size();
            sizes.push_back(0);
            auto inner = measure(data, record.valueOffset, record.valueOffset + record.length,
                                 child->kind, sizes);
            if (!inner)
                return inner.error();
            valueBytes = *inner;
            if (valueBytes <= Record::maxLength)
                sizes[slot] = static_cast<std::uint32_t>(valueBytes);
        }
        if (valueBytes > Record::maxLength)
            return Error{ErrorCode::InvalidArgument,
                         "The vault (format version 1) holds a field of " +
                             std::to_string(valueBytes) +
                             " bytes; format version 2 holds at most 256 MiB per field, so this "
                             "Arcanum cannot open it."};
        total += v2Bytes(valueBytes);
        offset = record.valueOffset + record.length;
    }
    // Version 1 required an id in history versions too (version 2 does not: FORMAT.md §3.3).
    if (kind == Kind::Version && !hasId)
        return damaged("an earlier version of an entry has no identifier");
    return total;
}

// Pass 2: rewrites the records of [read, end) as version 2 starting at `write` (<= read), in the
// same buffer; returns where the writing ended. Everything was checked by measure().
std::size_t rewrite(std::uint8_t* data, std::size_t read, std::size_t end, std::size_t write,
                    Kind kind, const std::vector<std::uint32_t>& sizes, std::size_t& nextSize)
{
    while (read < end) {
        V1Record record;
        (void)readV1(data, read, end, record);
        const Child child = classify(kind, record.tag).value();
        const std::size_t after = record.valueOffset + record.length;
        // The version-2 header is at most as long as the 5 bytes it replaces, so writing it never
        // touches the value still to be moved (or, for a time, already read).
        switch (child.action) {
        case Action::Time: {
            const auto time = static_cast<std::int64_t>(
                std::uint64_t(RecordReader::readU32(data + record.valueOffset)) |
                std::uint64_t(RecordReader::readU32(data + record.valueOffset + 4)) << 32);
            data[write] = record.tag;
            write += 1 + Record::putLength(data + write + 1, Record::timeBytes);
            RecordWriter::putTime(data + write, time); // clamps a negative time to 0
            write += Record::timeBytes;
            break;
        }
        case Action::Container:
            data[write] = record.tag;
            write += 1 + Record::putLength(data + write + 1, sizes[nextSize++]);
            write = rewrite(data, record.valueOffset, after, write, child.kind, sizes, nextSize);
            break;
        case Action::Leaf:
            data[write] = record.tag;
            write +=
                1 + Record::putLength(data + write + 1, static_cast<std::uint32_t>(record.length));
            std::memmove(data + write, data + record.valueOffset, record.length);
            write += record.length;
            break;
        }
        read = after;
    }
    return write;
}

} // namespace

Result<void> PayloadUpgrade::fromVersion1(SecretBuffer& payload)
{
    std::vector<std::uint32_t> sizes; // lengths of containers, not content
    auto total = measure(payload.data(), 0, payload.size(), Kind::Top, sizes);
    if (!total)
        return total.error();
    std::size_t nextSize = 0;
    const std::size_t written =
        rewrite(payload.data(), 0, payload.size(), 0, Kind::Top, sizes, nextSize);
    if (written != *total)
        return damaged("its conversion to format version 2 went wrong"); // cannot happen
    return payload.resize(written);                                      // wipes the freed tail
}

} // namespace arcanum
