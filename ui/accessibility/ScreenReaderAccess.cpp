#include "accessibility/ScreenReaderAccess.h"

namespace arcanum {

ScreenReaderAccess& ScreenReaderAccess::instance()
{
    static ScreenReaderAccess access;
    return access;
}

void ScreenReaderAccess::setOn(bool on)
{
    ScreenReaderAccess& access = instance();
    if (access.m_on == on)
        return;
    access.m_on = on;
    emit access.changed(on);
}

} // namespace arcanum
