// StrengthMeter: a bar and a line of words for a secret's strength in bits ("Strong — 95 bits").
//
// Shows numbers only (bits, and the rating from PasswordStrength::rate), never the secret. The
// generator dialog feeds it exact entropy; the new-vault dialog an estimate.
#pragma once

#include "generator/PasswordStrength.h"

#include <QWidget>

class QLabel;
class QProgressBar;

namespace arcanum {

class StrengthMeter : public QWidget
{
    Q_OBJECT

public:
    // The bar is full from this many bits on.
    static constexpr int fullBits = 128;

    explicit StrengthMeter(QWidget* parent = nullptr);

    // `estimated` words it as an estimate ("about 70 bits").
    void setBits(double bits, bool estimated);
    // Empty bar, no words (nothing to rate).
    void clear();

    [[nodiscard]] QString text() const;
    [[nodiscard]] PasswordStrength::Rating rating() const { return m_rating; }

    [[nodiscard]] static QString ratingText(PasswordStrength::Rating rating);

private:
    QProgressBar* m_bar;
    QLabel* m_label;
    PasswordStrength::Rating m_rating = PasswordStrength::Rating::Weak;
};

} // namespace arcanum
