#include "clipboard/SecretMimeData.h"

namespace arcanum {

SecretMimeData::SecretMimeData(SecretSpan secret, PlainText plainText)
    : m_secret(secret), m_plainText(plainText)
{}

SecretMimeData::~SecretMimeData() = default;

SecretMimeData* SecretMimeData::emptyOffer(PlainText plainText)
{
    auto* data = new SecretMimeData(SecretSpan(), plainText);
    data->m_emptyOffer = true;
    return data;
}

void SecretMimeData::forget()
{
    m_secret = {};
    m_emptyOffer = false;
}

QStringList SecretMimeData::formats() const
{
    if (isForgotten())
        return {};
    // The hint first: weston's built-in clipboard saves a selection (reading it at once) only
    // when its first type is text/plain;charset=utf-8, and offers that copy again after the
    // owner lets go or quits. Clients choose a type by name, not by position.
    QStringList list{passwordManagerHintFormat(), utf8TextFormat()};
    if (m_plainText == PlainText::Offer)
        list << plainTextFormat();
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
    if (m_emptyOffer)
        return QByteArray(""); // an offer of zero bytes, not a refusal
    // Not owning, not copying: the QByteArray (and every shallow copy Qt makes of it) points
    // into the arena. Only a detach (a write through it) would copy, and Qt's clipboard code
    // only reads.
    return QByteArray::fromRawData(m_secret.chars(), static_cast<qsizetype>(m_secret.size()));
}

} // namespace arcanum
