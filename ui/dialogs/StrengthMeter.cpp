#include "dialogs/StrengthMeter.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <algorithm>
#include <cmath>

namespace arcanum {

StrengthMeter::StrengthMeter(QWidget* parent)
    : QWidget(parent), m_bar(new QProgressBar(this)), m_label(new QLabel(this))
{
    m_bar->setRange(0, fullBits);
    m_bar->setTextVisible(false);
    m_bar->setMaximumWidth(160);
    m_bar->setAccessibleName(tr("Strength"));
    // Room for the longest text from the start: a dialog does not grow while the user types.
    m_label->setMinimumWidth(m_label->fontMetrics().horizontalAdvance(
        tr("%1 — %2 bits of entropy")
            .arg(ratingText(PasswordStrength::Rating::Excellent))
            .arg(999)));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar);
    layout->addWidget(m_label, 1);
    clear();
}

QString StrengthMeter::ratingText(PasswordStrength::Rating rating)
{
    switch (rating) {
    case PasswordStrength::Rating::Weak:
        return tr("Weak");
    case PasswordStrength::Rating::Fair:
        return tr("Fair");
    case PasswordStrength::Rating::Strong:
        return tr("Strong");
    case PasswordStrength::Rating::Excellent:
        return tr("Excellent");
    }
    return {};
}

void StrengthMeter::setBits(double bits, bool estimated)
{
    m_rating = PasswordStrength::rate(bits);
    const int whole = int(std::floor(bits));
    m_bar->setValue(std::clamp(whole, 0, fullBits));
    const QString text = estimated ? tr("%1 — about %2 bits") : tr("%1 — %2 bits of entropy");
    m_label->setText(text.arg(ratingText(m_rating)).arg(whole));
    m_bar->setAccessibleDescription(m_label->text());
}

void StrengthMeter::clear()
{
    m_rating = PasswordStrength::Rating::Weak;
    m_bar->setValue(0);
    m_label->clear();
    m_bar->setAccessibleDescription({});
}

QString StrengthMeter::text() const
{
    return m_label->text();
}

} // namespace arcanum
