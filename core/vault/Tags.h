// Tags: every record tag of payload format version 1 (docs/FORMAT.md §3). One place, so the
// reader, the writer and the document cannot drift apart.
#pragma once

#include <cstdint>

namespace arcanum::tags {

// Top level of the payload.
inline constexpr std::uint8_t meta = 0x01;
inline constexpr std::uint8_t group = 0x02;
inline constexpr std::uint8_t entry = 0x03;
inline constexpr std::uint8_t tombstone = 0x04;

// Inside meta.
inline constexpr std::uint8_t metaCreated = 0x01;      // u64 ms since the epoch
inline constexpr std::uint8_t metaHistoryLimit = 0x02; // u32
inline constexpr std::uint8_t metaName = 0x03;         // UTF-8

// Inside group.
inline constexpr std::uint8_t groupId = 0x01;       // 16 bytes
inline constexpr std::uint8_t groupParent = 0x02;   // 16 bytes, zero = top level
inline constexpr std::uint8_t groupName = 0x03;     // UTF-8
inline constexpr std::uint8_t groupModified = 0x04; // u64 ms

// Inside entry.
inline constexpr std::uint8_t entryId = 0x01;       // 16 bytes
inline constexpr std::uint8_t entryGroup = 0x02;    // 16 bytes, zero = no group
inline constexpr std::uint8_t entryCreated = 0x03;  // u64 ms
inline constexpr std::uint8_t entryModified = 0x04; // u64 ms
inline constexpr std::uint8_t title = 0x10;
inline constexpr std::uint8_t username = 0x11;
inline constexpr std::uint8_t password = 0x12;
inline constexpr std::uint8_t url = 0x13; // repeatable
inline constexpr std::uint8_t notes = 0x14;
inline constexpr std::uint8_t totp = 0x15;
inline constexpr std::uint8_t tag = 0x16;         // repeatable
inline constexpr std::uint8_t customField = 0x17; // repeatable container
inline constexpr std::uint8_t history = 0x20;     // container of entry records

// Inside customField.
inline constexpr std::uint8_t customName = 0x01;
inline constexpr std::uint8_t customValue = 0x02;
inline constexpr std::uint8_t customFlags = 0x03; // u8, bit 0 = protected

// Inside tombstone.
inline constexpr std::uint8_t tombstoneId = 0x01;      // 16 bytes
inline constexpr std::uint8_t tombstoneDeleted = 0x02; // u64 ms

} // namespace arcanum::tags
