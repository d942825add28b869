#include "accessibility/AccessibleTextPool.h"

#include <sodium.h>

namespace arcanum {

namespace {

// Zeroes the characters where they are, without detaching (other holders see zeros too).
void zeroInPlace(QString& text)
{
    QString::DataPointer& data = text.data_ptr();
    if (data.d_ptr() != nullptr && data.data() != nullptr && text.size() > 0)
        sodium_memzero(data.data(), std::size_t(text.size()) * sizeof(char16_t));
}

} // namespace

AccessibleTextPool& AccessibleTextPool::instance()
{
    static AccessibleTextPool pool;
    return pool;
}

AccessibleTextPool::AccessibleTextPool()
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &AccessibleTextPool::sweep);
}

QString AccessibleTextPool::text(SecretSpan utf8)
{
    // QString::fromUtf8 decodes straight into the one buffer it returns.
    return keep(QString::fromUtf8(utf8.chars(), qsizetype(utf8.size())));
}

QString AccessibleTextPool::text(QStringView piece)
{
    return keep(piece.toString());
}

QString AccessibleTextPool::bullets(qsizetype count)
{
    return QString(count, QChar(0x2022));
}

QString AccessibleTextPool::keep(QString text)
{
    if (text.isEmpty())
        return text;
    // A string already pooled (mid() of a whole string shares it) is kept once.
    for (const QString& held : m_strings)
        if (held.constData() == text.constData())
            return text;
    m_strings.push_back(text);
    if (!m_timer.isActive())
        m_timer.start(0);
    return text;
}

void AccessibleTextPool::sweep()
{
    std::erase_if(m_strings, [](QString& text) {
        if (!text.isDetached())
            return false; // Qt still holds it: next time
        zeroInPlace(text);
        return true;
    });
    if (!m_strings.empty())
        m_timer.start(100);
}

void AccessibleTextPool::wipeAll()
{
    for (QString& text : m_strings)
        zeroInPlace(text);
    m_strings.clear();
    m_timer.stop();
}

} // namespace arcanum
