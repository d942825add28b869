// HibernationBanner: the persistent notice "hibernation is disabled while this vault is
// unlocked" (DESIGN.md §7).
//
// The main window puts it above its content and feeds it four facts; the banner shows itself
// only when all of them hold: the setting allows it, a vault is unlocked, the vault's memory is
// real secret memory (the locked-memory fallback does not block hibernation), and the
// HibernationProbe said the machine can hibernate. Owns nothing secret.
#pragma once

#include "platform/HibernationProbe.h"
#include "secret/ProtectionLevel.h"

#include <QFrame>

class QLabel;

namespace arcanum {

class HibernationBanner : public QFrame
{
    Q_OBJECT

public:
    explicit HibernationBanner(QWidget* parent = nullptr);

    void setHibernationState(HibernationState state);
    void setProtectionLevel(ProtectionLevel level);
    void setVaultUnlocked(bool unlocked);
    // The "show hibernation banner" setting.
    void setEnabledBySettings(bool enabled);

    // Whether the rule above says "show" (independent of the parent's visibility).
    [[nodiscard]] bool wantsToShow() const;
    [[nodiscard]] QString text() const;

private:
    void refresh();

    QLabel* m_icon = nullptr;
    QLabel* m_text = nullptr;
    HibernationState m_state = HibernationState::Unknown;
    ProtectionLevel m_level = ProtectionLevel::SecretMemory;
    bool m_unlocked = false;
    bool m_enabled = true;
};

} // namespace arcanum
