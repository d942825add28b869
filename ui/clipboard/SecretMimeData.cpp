#include "clipboard/SecretMimeData.h"

namespace arcanum {

SecretMimeData::SecretMimeData(SecretSpan secret, PlainText plainText)
    : m_secret(secret), m_plainText(plainText)
{}

SecretMimeData::~SecretMimeData() = default;

void SecretMimeData::forget()
{
    m_secret = {};
}

QStringList SecretMimeData::formats() const
{
    if (isForgotten())
        return {};
    QStringList list{utf8TextFormat()};
    if (m_plainText == PlainText::Offer)
        list << plainTextFormat();
    list << passwordManagerHintFormat();
    return list;
}

bool SecretMimeData::hasFormat(const QString& mimeType) const
{
    return formats().contains(mimeType);
}

QVariant SecretMimeData::retrieveData(const QString& mimeType, QMetaType preferredType) const
{
    Q_UNUSED(preferredType); // always bytes: a QString would be a copy outside the arena
    if (!hasFormat(mimeType))
        return {};
    if (mimeType == passwordManagerHintFormat())
        return QByteArray("secret");
    // Not owning, not copying: the QByteArray (and every shallow copy Qt makes of it) points
    // into the arena. Only a detach (a write through it) would copy, and Qt's clipboard code
    // only reads.
    return QByteArray::fromRawData(m_secret.chars(), static_cast<qsizetype>(m_secret.size()));
}

} // namespace arcanum
