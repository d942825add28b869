// BusyIndicator: "something is running" for the unlock page while Argon2 derives the key, drawn
// five times a second.
//
// An indeterminate QProgressBar is animated by the style at 60 frames a second; on a 2-core
// machine those repaints (and the X server's work for each) ran on the cores Argon2's two lanes
// needed, and the GUI's unlock took measurably longer than Argon2 alone (docs/BENCHMARKS.md,
// "Unlock"). This one moves a block along a track on a 200 ms timer that runs only while it is
// visible. It says nothing about how far along the work is: Argon2 does not tell.
#pragma once

#include <QTimer>
#include <QWidget>

namespace arcanum {

class BusyIndicator : public QWidget
{
    Q_OBJECT

public:
    static constexpr int frameMs = 200;
    static constexpr int positions = 10;

    explicit BusyIndicator(QWidget* parent = nullptr);

    [[nodiscard]] bool isAnimating() const { return m_timer.isActive(); }
    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    QTimer m_timer;
    int m_step = 0;
};

} // namespace arcanum
