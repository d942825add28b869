// Tags: every record tag of payload format version 2 (docs/FORMAT.md §3). One place, so the
// reader, the writer and the document cannot drift apart. Within each container the tags are
// listed in table order, which is the order writers emit them in.
#pragma once

#include <cstdint>

namespace arcanum::tags {

// Top level of the payload.
inline constexpr std::uint8_t meta = 0x01;
inline constexpr std::uint8_t group = 0x02;
inline constexpr std::uint8_t entry = 0x03;
inline constexpr std::uint8_t tombstone = 0x04;
inline constexpr std::uint8_t association = 0x05;    // browser extension association
inline constexpr std::uint8_t attachmentData = 0x06; // the bytes of one attachment, by id

// Inside meta.
inline constexpr std::uint8_t metaCreated = 0x01;      // time
inline constexpr std::uint8_t metaHistoryLimit = 0x02; // u32
inline constexpr std::uint8_t metaName = 0x03;         // UTF-8
inline constexpr std::uint8_t metaIdentity = 0x04;     // 16 bytes, exactly once

// Inside group.
inline constexpr std::uint8_t groupId = 0x01;       // 16 bytes
inline constexpr std::uint8_t groupParent = 0x02;   // 16 bytes; absent or zero = top level
inline constexpr std::uint8_t groupName = 0x03;     // UTF-8
inline constexpr std::uint8_t groupModified = 0x04; // time

// Inside entry.
inline constexpr std::uint8_t entryId = 0x01;       // 16 bytes (optional in a history version)
inline constexpr std::uint8_t entryGroup = 0x02;    // 16 bytes; absent or zero = no group
inline constexpr std::uint8_t entryCreated = 0x03;  // time
inline constexpr std::uint8_t entryModified = 0x04; // time
inline constexpr std::uint8_t entryExpires = 0x05;  // time; absent = never
inline constexpr std::uint8_t autofillFlags = 0x06; // u8
inline constexpr std::uint8_t title = 0x10;
inline constexpr std::uint8_t username = 0x11;
inline constexpr std::uint8_t password = 0x12;
inline constexpr std::uint8_t url = 0x13; // repeatable
inline constexpr std::uint8_t notes = 0x14;
inline constexpr std::uint8_t totp = 0x15;
inline constexpr std::uint8_t tag = 0x16;         // repeatable
inline constexpr std::uint8_t customField = 0x17; // repeatable container
inline constexpr std::uint8_t attachment = 0x18;  // repeatable container
inline constexpr std::uint8_t siteAccess = 0x19;  // repeatable container, not in history
inline constexpr std::uint8_t history = 0x20;     // container of entry records

// Inside customField.
inline constexpr std::uint8_t customName = 0x01;
inline constexpr std::uint8_t customValue = 0x02;
inline constexpr std::uint8_t customFlags = 0x03; // u8, bit 0 = protected

// Inside attachment.
inline constexpr std::uint8_t attachmentName = 0x01;   // UTF-8
inline constexpr std::uint8_t attachmentDataId = 0x02; // 16 bytes: an attachmentData record's id

// Inside siteAccess.
inline constexpr std::uint8_t siteOrigin = 0x01;   // UTF-8, e.g. "https://example.com:443"
inline constexpr std::uint8_t siteDecision = 0x02; // u8: 1 = allow, 2 = deny

// Inside tombstone.
inline constexpr std::uint8_t tombstoneId = 0x01;      // 16 bytes
inline constexpr std::uint8_t tombstoneDeleted = 0x02; // time

// Inside association.
inline constexpr std::uint8_t associationName = 0x01;     // UTF-8, the protocol's "id"
inline constexpr std::uint8_t associationKey = 0x02;      // 32 bytes, the extension's idKey
inline constexpr std::uint8_t associationCreated = 0x03;  // time
inline constexpr std::uint8_t associationLastUsed = 0x04; // time

// Inside attachmentData.
inline constexpr std::uint8_t dataId = 0x01;    // 16 bytes
inline constexpr std::uint8_t dataBytes = 0x02; // the attachment's bytes

} // namespace arcanum::tags
