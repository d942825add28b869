// DiscardedEdit: an unsaved entry edit that an automatic lock threw away (LockCoordinator), kept
// until the next unlock so DiscardedEditNotice can say which entry it was. Only the entry's id,
// the vault's path and the reason: nothing of the content.
#pragma once

#include "lock/LockReason.h"
#include "vault/EntryId.h"

#include <QMetaType>
#include <QString>
#include <optional>

namespace arcanum {

struct DiscardedEdit
{
    std::optional<EntryId> entry; // nullopt: a new entry, never saved
    QString vaultPath;
    LockReason reason = LockReason::IdleTimeout;
};

} // namespace arcanum

Q_DECLARE_METATYPE(arcanum::DiscardedEdit)
