#include "window/TotpCodeView.h"

#include "secret/SecretArena.h"
#include "secret/SecretLabel.h"
#include "totp/Totp.h"
#include "totp/TotpUri.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <algorithm>

namespace arcanum {

namespace {

// "123456" → "123 456" (even digit counts; Steam codes and odd counts stay as they are), in
// the arena.
Result<SecretBuffer> groupedForDisplay(SecretArena& arena, SecretSpan code, bool steam)
{
    if (steam || code.size() % 2 != 0)
        return arena.copyOf(code);
    auto out = arena.allocate(code.size() + 1);
    if (!out)
        return out.error();
    const std::size_t half = code.size() / 2;
    std::copy(code.begin(), code.begin() + std::ptrdiff_t(half), out->data());
    out->data()[half] = ' ';
    std::copy(code.begin() + std::ptrdiff_t(half), code.end(), out->data() + half + 1);
    return std::move(out.value());
}

} // namespace

TotpCodeView::TotpCodeView(QWidget* parent) : QWidget(parent)
{
    m_code = new SecretLabel(nullptr, this);
    QFont big = m_code->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    m_code->setFont(big);
    m_code->setAccessibleName(tr("TOTP code"));
    m_code->setAccessibleTextWithheld(true);
    m_countdown = new QProgressBar(this);
    m_countdown->setAccessibleName(tr("Seconds until the next code"));
    m_countdown->setFormat(tr("%v s"));
    m_countdown->setTextVisible(true);
    m_countdown->setMaximumWidth(fontMetrics().averageCharWidth() * 14);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->hide();
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_code);
    layout->addWidget(m_countdown);
    layout->addWidget(m_error, 1);
    layout->addStretch();

    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &TotpCodeView::refresh);
}

TotpCodeView::~TotpCodeView()
{
    releaseSecrets();
}

void TotpCodeView::setClock(WallClock clock)
{
    m_clock = clock ? std::move(clock) : systemWallClock();
    if (m_parameters) {
        m_step = ~std::uint64_t(0); // recompute for the new time
        refresh();
    }
}

std::uint64_t TotpCodeView::unixSeconds() const
{
    const std::int64_t ms = m_clock();
    return ms <= 0 ? 0 : std::uint64_t(ms / 1000);
}

Result<SecretBuffer> TotpCodeView::codeFor(SecretArena& arena, SecretSpan setting,
                                           std::uint64_t unixSeconds)
{
    auto parameters = TotpUri::parse(arena, setting);
    if (!parameters)
        return parameters.error();
    return Totp::code(arena, *parameters, unixSeconds);
}

Result<SecretBuffer> TotpCodeView::currentCode(SecretArena& arena) const
{
    if (!m_parameters)
        return Error{ErrorCode::InvalidArgument, "No TOTP setting is shown."};
    return Totp::code(arena, *m_parameters, unixSeconds());
}

Result<void> TotpCodeView::showSetting(SecretArena& arena, SecretSpan setting)
{
    releaseSecrets();
    m_arena = &arena;
    m_code->setArena(&arena);
    auto parameters = TotpUri::parse(arena, setting);
    if (!parameters) {
        m_error->setText(tr("This TOTP setting cannot be used: %1")
                             .arg(QString::fromStdString(parameters.error().message)));
        m_error->show();
        m_code->hide();
        m_countdown->hide();
        return parameters.error();
    }
    m_parameters.emplace(std::move(parameters.value()));
    m_error->hide();
    m_code->show();
    m_countdown->show();
    m_countdown->setRange(0, int(m_parameters->period));
    m_step = ~std::uint64_t(0);
    refresh();
    return {};
}

Result<void> TotpCodeView::showCode(std::uint64_t step)
{
    auto code = Totp::code(*m_arena, *m_parameters, step * m_parameters->period);
    if (!code)
        return code.error();
    auto shown = groupedForDisplay(*m_arena, code->span(), m_parameters->steam);
    if (!shown)
        return shown.error();
    return m_code->setText(shown->span()); // the label keeps its own copy; ours are wiped here
}

void TotpCodeView::refresh()
{
    if (!m_parameters || m_arena == nullptr)
        return;
    const std::uint64_t now = unixSeconds();
    const std::uint64_t step = now / m_parameters->period;
    if (step != m_step) {
        if (auto shown = showCode(step); !shown) {
            m_code->clear();
            m_error->setText(tr("The TOTP code could not be computed: %1")
                                 .arg(QString::fromStdString(shown.error().message)));
            m_error->show();
        } else {
            m_error->hide();
        }
        m_step = step;
    }
    m_secondsRemaining = int(Totp::secondsRemaining(*m_parameters, now));
    m_countdown->setValue(m_secondsRemaining);
    scheduleNextTick();
}

void TotpCodeView::scheduleNextTick()
{
    // Fire just after the clock's next whole second, so the countdown and the code change with it.
    const std::int64_t ms = m_clock();
    const int untilNextSecond = int(1000 - ((ms % 1000) + 1000) % 1000);
    m_timer.start(untilNextSecond + 5);
}

void TotpCodeView::setRevealed(bool revealed)
{
    m_code->setAccessibleTextWithheld(!revealed);
}

void TotpCodeView::releaseSecrets()
{
    m_timer.stop();
    m_parameters.reset(); // wipes the key
    m_code->clear();
    m_code->setArena(nullptr);
    m_arena = nullptr;
    m_secondsRemaining = 0;
    m_countdown->reset();
    m_error->clear();
    m_error->hide();
}

} // namespace arcanum
