#include "vault/Vault.h"

#include "format/AtomicFile.h"
#include "format/PayloadOpener.h"
#include "format/PayloadSealer.h"
#include "format/VaultHeader.h"
#include "platform/DocumentPortal.h"
#include "vault/VaultMemoryBudget.h"

#include <cerrno>
#include <chrono>
#include <sodium.h>
#include <thread>
#include <unistd.h>

namespace arcanum {

namespace {

// Below this a page-in thread costs more than it saves.
constexpr std::size_t pageInThreshold = 256 * 1024;

} // namespace

Vault::Vault(std::string path, std::unique_ptr<SecretArena> arena, VaultContents contents,
             VaultKeys keys, const Argon2Params& kdf)
    : m_path(std::move(path)), m_arena(std::move(arena)), m_contents(std::move(contents)),
      m_keys(std::move(keys)), m_kdf(kdf)
{}

Vault::~Vault()
{
    // Members that hold arena buffers go first, then the arena wipes and unmaps the rest.
    m_keys.reset();
    m_saveRoom.reset();
    m_contents = VaultContents(*m_arena);
    m_arena->release();
}

Result<std::unique_ptr<Vault>> Vault::create(const std::string& path, SecretSpan password,
                                             const Argon2Params& kdf,
                                             const SecretArenaOptions& options)
{
    if (::access(path.c_str(), F_OK) == 0)
        return Error{ErrorCode::AlreadyExists,
                     path + " already exists. Open it, or choose another name for the new vault."};
    if (auto valid = kdf.validate(); !valid)
        return valid.error();
    if (auto within = kdf.checkLimits(); !within)
        return within.error();
    auto arena = SecretArena::create(options, VaultMemoryBudget::arenaBytes(
                                                  VaultMemoryBudget::emptyPayloadBytes));
    if (!arena)
        return arena.error();
    auto saveRoom = (*arena)->allocate(VaultMemoryBudget::saveBytes);
    if (!saveRoom)
        return saveRoom.error();
    auto keys = VaultKeys::derive(password, kdf, **arena);
    if (!keys)
        return keys.error();
    auto contents = VaultContents::createEmpty(**arena);
    if (!contents)
        return contents.error();
    std::unique_ptr<Vault> vault(new Vault(
        path, std::move(arena.value()), std::move(contents.value()), std::move(keys.value()), kdf));
    vault->m_saveRoom = std::move(saveRoom.value());
    if (auto saved = vault->save(); !saved)
        return saved.error();
    return vault;
}

Result<std::unique_ptr<Vault>> Vault::open(const std::string& path, SecretSpan password,
                                           const SecretArenaOptions& options, OpenTimings* timings)
{
    using Clock = std::chrono::steady_clock;
    const auto milliseconds = [](Clock::time_point from, Clock::time_point to) {
        return std::chrono::duration<double, std::milli>(to - from).count();
    };
    const auto start = Clock::now();
    auto file = AtomicFile::readAll(path, VaultHeader::size + VaultHeader::maxCiphertextBytes);
    if (!file)
        return file.error();
    auto header = VaultHeader::parse(*file);
    if (!header)
        return header.error();
    // Before anything is derived or mapped: a tampered header must not buy an hour of Argon2.
    if (auto within = header->kdf.checkLimits(); !within)
        return Error{within.error().code,
                     "This vault cannot be unlocked here. " + within.error().message +
                         " If you did not choose these costs, the file may have been tampered "
                         "with; restore it from the backup (.bak) beside it."};

    // Map the arena first, for everything the vault will need until it is locked — the payload,
    // the keys, edits, and the save's chunk buffer (VaultMemoryBudget): a vault that does not
    // fit under the memory-lock limit is refused now, before a second of Argon2, and never at
    // its first save.
    auto arena =
        SecretArena::create(options, VaultMemoryBudget::arenaBytes(header->payloadLength()));
    if (!arena) {
        if (arena.error().code == ErrorCode::MemoryLockLimit)
            return VaultMemoryBudget::tooBig(header->payloadLength(), options);
        return arena.error();
    }
    auto payload = (*arena)->allocate(header->payloadLength());
    if (!payload)
        return payload.error();
    auto saveRoom = (*arena)->allocate(VaultMemoryBudget::saveBytes);
    if (!saveRoom)
        return saveRoom.error();
    // The first touch of a secret-memory page is slow (the kernel takes it out of its direct
    // map: ~7 us a page, 9 ms for a 5 MB vault). Do it while Argon2 runs, not after. The thread
    // only writes zeros into the still-empty payload buffer, and is joined before anything else
    // touches that buffer (it is declared after it, so it also joins first on every return).
    std::jthread pageIn;
    if (payload->size() >= pageInThreshold)
        pageIn = std::jthread(
            [data = payload->data(), size = payload->size()] { sodium_memzero(data, size); });

    const auto kdfStart = Clock::now();
    auto keys = VaultKeys::derive(password, header->kdf, **arena);
    const auto kdfEnd = Clock::now();
    if (!keys)
        return keys.error();
    const std::span<const std::uint8_t> bytes(*file);
    if (!keys->verifyKeyCheck(bytes.first(VaultHeader::keyCheckOffset), header->keyCheck))
        return Error{ErrorCode::WrongPassword, "The master password is wrong."};

    if (pageIn.joinable())
        pageIn.join();
    if (auto opened = PayloadOpener::open(bytes, *header, *keys, payload->bytes(), **arena);
        !opened)
        return opened.error();
    auto contents = header->version == VaultHeader::version1
                        ? VaultContents::loadVersion1(std::move(payload.value()), **arena)
                        : VaultContents::load(std::move(payload.value()), **arena);
    if (!contents)
        return contents.error();

    AtomicFile::removeStaleTemporaries(path);
    std::unique_ptr<Vault> vault(new Vault(path, std::move(arena.value()),
                                           std::move(contents.value()), std::move(keys.value()),
                                           header->kdf));
    vault->m_saveRoom = std::move(saveRoom.value());
    vault->m_formatVersion = header->version;
    vault->m_fileBytes = file->size();
    vault->m_diskBytes = std::move(file.value());
    if (timings != nullptr)
        *timings = {milliseconds(start, kdfStart), milliseconds(kdfStart, kdfEnd),
                    milliseconds(kdfEnd, Clock::now())};
    return vault;
}

Result<std::vector<std::uint8_t>> Vault::sealFile(SecretSpan payload, const VaultKeys& keys,
                                                  const Argon2Params& kdf, SecretArena& arena)
{
    auto sealer = PayloadSealer::begin(keys, kdf, payload.size(), arena);
    if (!sealer)
        return sealer.error();
    if (auto written = sealer->write(payload); !written)
        return written.error();
    return sealer->finish();
}

Result<void> Vault::checkDiskUnchanged(std::optional<std::vector<std::uint8_t>>& old)
{
    auto current = AtomicFile::readAll(m_path, VaultHeader::size + VaultHeader::maxCiphertextBytes);
    if (!current) {
        if (current.error().code != ErrorCode::NotFound)
            return current.error();
        if (m_diskBytes)
            return Error{ErrorCode::FileChangedOnDisk,
                         m_path + " was moved or deleted since it was opened. Nothing was "
                                  "saved; lock and reopen the vault to continue."};
        return {};
    }
    if (!m_diskBytes)
        return Error{ErrorCode::AlreadyExists,
                     m_path + " appeared while the new vault was being created. Nothing was "
                              "saved over it."};
    if (*current != *m_diskBytes)
        return Error{ErrorCode::FileChangedOnDisk,
                     m_path + " was changed on disk since it was opened (another device or "
                              "program wrote it). Nothing was saved, so neither version is lost; "
                              "reopen the vault to see the other changes."};
    old = std::move(current.value());
    return {};
}

Result<std::vector<std::uint8_t>> Vault::sealContents()
{
    // The sealer's chunk buffer and stream state take the room held for them since the open.
    m_saveRoom.reset();
    auto file = [this]() -> Result<std::vector<std::uint8_t>> {
        auto sealer = PayloadSealer::begin(*m_keys, m_kdf, m_contents.payloadBytes(), *m_arena);
        if (!sealer)
            return sealer.error();
        // Record by record: the sealer gathers them into one 64 KiB buffer and encrypts each
        // chunk as it fills (a record of a chunk or more is encrypted where it lies).
        if (auto written = m_contents.forEachRecord(
                [&](SecretSpan record) { return sealer->write(record); });
            !written)
            return written.error();
        return sealer->finish();
    }();
    if (auto saveRoom = m_arena->allocate(VaultMemoryBudget::saveBytes); saveRoom)
        m_saveRoom = std::move(saveRoom.value()); // freed just now, so it fits again
    return file;
}

Result<void> Vault::save()
{
    m_contents.dropUnusedAttachmentData();
    auto file = sealContents();
    if (!file)
        return file.error();
    std::optional<std::vector<std::uint8_t>> old;
    if (auto unchanged = checkDiskUnchanged(old); !unchanged)
        return unchanged;
    if (old) {
        if (auto backedUp = AtomicFile::replace(backupPath(m_path), *old); !backedUp)
            return backedUp;
    }
    if (auto written = AtomicFile::replace(m_path, *file); !written)
        return written;
    m_fileBytes = file->size();
    m_diskBytes = std::move(file.value());
    m_formatVersion = VaultHeader::currentVersion;
    m_contents.compact();
    return {};
}

std::string Vault::backupPath(const std::string& path)
{
    return DocumentPortal::backupPath(path);
}

Result<void> Vault::changePassword(SecretSpan newPassword, const Argon2Params& kdf)
{
    if (auto valid = kdf.validate(); !valid)
        return valid.error();
    if (auto within = kdf.checkLimits(); !within)
        return within.error();
    auto keys = VaultKeys::derive(newPassword, kdf, *m_arena);
    if (!keys)
        return keys.error();
    return replaceKeys(std::move(keys.value()), kdf);
}

Result<void> Vault::replaceKeys(VaultKeys keys, const Argon2Params& kdf)
{
    if (auto valid = kdf.validate(); !valid)
        return valid.error();
    if (auto within = kdf.checkLimits(); !within)
        return within.error();
    std::optional<VaultKeys> oldKeys = std::move(m_keys);
    const Argon2Params oldKdf = m_kdf;
    m_keys = std::move(keys);
    m_kdf = kdf;
    if (auto saved = save(); !saved) {
        m_keys = std::move(oldKeys);
        m_kdf = oldKdf;
        return saved;
    }
    // The backup now holds the same content under the old password, which the user may be
    // changing because it leaked: make it a copy of the new file, or remove it if that fails.
    if (!AtomicFile::replace(backupPath(m_path), *m_diskBytes))
        (void)::unlink(backupPath(m_path).c_str());
    return {};
}

} // namespace arcanum
