#include "dialogs/GeneratorDialog.h"

#include "dialogs/StrengthMeter.h"
#include "generator/PassphraseGenerator.h"
#include "generator/PasswordGenerator.h"
#include "secret/SecretArena.h"
#include "secret/SecretLabel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace arcanum {

namespace {

QCheckBox* checkBox(const QString& text, bool checked, QWidget* parent)
{
    auto* box = new QCheckBox(text, parent);
    box->setChecked(checked);
    return box;
}

} // namespace

GeneratorDialog::GeneratorDialog(SecretArena* arena, Mode mode, QWidget* parent)
    : QDialog(parent), m_arena(arena), m_mode(mode)
{
    setWindowTitle(mode == Mode::Pick ? tr("Generate Password") : tr("Password Generator"));

    m_kind = new QTabWidget(this);
    m_kind->addTab(makePasswordTab(), tr("&Password"));
    m_kind->addTab(makePassphraseTab(), tr("P&assphrase"));

    m_preview = new SecretLabel(arena, this);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setAccessibleName(tr("Generated secret"));
    m_preview->setMinimumWidth(m_preview->fontMetrics().averageCharWidth() * 40);
    m_hide = new QCheckBox(tr("&Hide"), this);
    m_strength = new StrengthMeter(this);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->hide();

    m_regenerate = new QPushButton(tr("&Regenerate"), this);
    m_copy = new QPushButton(tr("&Copy"), this);
    m_regenerate->setAutoDefault(false);
    m_copy->setAutoDefault(false);
    m_buttons = new QDialogButtonBox(this);
    if (mode == Mode::Pick) {
        m_use = m_buttons->addButton(tr("&Use"), QDialogButtonBox::AcceptRole);
        m_use->setDefault(true);
        m_buttons->addButton(QDialogButtonBox::Cancel);
    } else {
        m_buttons->addButton(QDialogButtonBox::Close);
    }

    auto* previewRow = new QHBoxLayout;
    previewRow->addWidget(m_preview, 1);
    previewRow->addWidget(m_hide);
    auto* actionRow = new QHBoxLayout;
    actionRow->addWidget(m_regenerate);
    actionRow->addWidget(m_copy);
    actionRow->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_kind);
    layout->addLayout(previewRow);
    layout->addWidget(m_strength);
    layout->addWidget(m_message);
    layout->addLayout(actionRow);
    layout->addWidget(m_buttons);

    connect(m_hide, &QCheckBox::toggled, m_preview, &SecretLabel::setMasked);
    connect(m_regenerate, &QPushButton::clicked, this, &GeneratorDialog::regenerate);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        if (!m_result.empty())
            emit copyRequested(m_result.span());
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_kind, &QTabWidget::currentChanged, this, &GeneratorDialog::regenerate);
    regenerate();
}

GeneratorDialog::~GeneratorDialog()
{
    releaseSecrets();
}

QWidget* GeneratorDialog::makePasswordTab()
{
    auto* page = new QWidget(this);
    m_lengthSlider = new QSlider(Qt::Horizontal, page);
    m_length = new QSpinBox(page);
    m_lengthSlider->setRange(minimumUiLength, maximumUiLength);
    m_length->setRange(minimumUiLength, maximumUiLength);
    m_lengthSlider->setValue(int(PasswordOptions::defaultLength));
    m_length->setValue(int(PasswordOptions::defaultLength));
    m_lengthSlider->setAccessibleName(tr("Length"));
    const PasswordOptions defaults;
    m_lower = checkBox(tr("&Lower-case letters (a–z)"), defaults.lowerCase, page);
    m_upper = checkBox(tr("Upp&er-case letters (A–Z)"), defaults.upperCase, page);
    m_digits = checkBox(tr("&Digits (0–9)"), defaults.digits, page);
    m_symbols = checkBox(tr("&Symbols (!\"#$%…)"), defaults.symbols, page);
    m_excludeLookAlikes =
        checkBox(tr("E&xclude look-alikes (0 O o 1 I l | ' `)"), defaults.excludeLookAlikes, page);

    auto* lengthRow = new QHBoxLayout;
    lengthRow->addWidget(m_lengthSlider, 1);
    lengthRow->addWidget(m_length);
    auto* form = new QFormLayout(page);
    auto* lengthLabel = new QLabel(tr("Len&gth:"), page);
    lengthLabel->setBuddy(m_length);
    form->addRow(lengthLabel, lengthRow);
    for (QCheckBox* box : {m_lower, m_upper, m_digits, m_symbols, m_excludeLookAlikes}) {
        form->addRow(box);
        connect(box, &QCheckBox::toggled, this, &GeneratorDialog::regenerate);
    }
    connect(m_lengthSlider, &QSlider::valueChanged, m_length, &QSpinBox::setValue);
    connect(m_length, &QSpinBox::valueChanged, m_lengthSlider, &QSlider::setValue);
    connect(m_length, &QSpinBox::valueChanged, this, &GeneratorDialog::regenerate);
    QWidget::setTabOrder(m_length, m_lengthSlider);
    return page;
}

QWidget* GeneratorDialog::makePassphraseTab()
{
    auto* page = new QWidget(this);
    const PassphraseOptions defaults;
    m_words = new QSpinBox(page);
    m_words->setRange(int(PassphraseOptions::minimumWords), int(PassphraseOptions::maximumWords));
    m_words->setValue(int(defaults.wordCount));
    m_separator = new QLineEdit(QString(QChar(defaults.separator)), page);
    m_separator->setMaxLength(1);
    m_separator->setMaximumWidth(m_separator->fontMetrics().averageCharWidth() * 6);
    // A space, a digit or ASCII punctuation: what PassphraseGenerator accepts.
    m_separator->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[ -@\\[-`{-~]")), m_separator));
    m_capitalize = checkBox(tr("Capitali&ze words"), defaults.capitalize, page);
    m_appendDigit = checkBox(tr("Add a d&igit"), defaults.appendDigit, page);

    auto* form = new QFormLayout(page);
    auto* wordsLabel = new QLabel(tr("&Words:"), page);
    wordsLabel->setBuddy(m_words);
    auto* separatorLabel = new QLabel(tr("Separa&tor:"), page);
    separatorLabel->setBuddy(m_separator);
    form->addRow(wordsLabel, m_words);
    form->addRow(separatorLabel, m_separator);
    form->addRow(m_capitalize);
    form->addRow(m_appendDigit);
    connect(m_words, &QSpinBox::valueChanged, this, &GeneratorDialog::regenerate);
    connect(m_separator, &QLineEdit::textChanged, this, &GeneratorDialog::regenerate);
    connect(m_capitalize, &QCheckBox::toggled, this, &GeneratorDialog::regenerate);
    connect(m_appendDigit, &QCheckBox::toggled, this, &GeneratorDialog::regenerate);
    return page;
}

bool GeneratorDialog::isPassphrase() const
{
    return m_kind->currentIndex() == 1;
}

PasswordOptions GeneratorDialog::passwordOptions() const
{
    PasswordOptions options;
    options.length = std::size_t(m_length->value());
    options.lowerCase = m_lower->isChecked();
    options.upperCase = m_upper->isChecked();
    options.digits = m_digits->isChecked();
    options.symbols = m_symbols->isChecked();
    options.excludeLookAlikes = m_excludeLookAlikes->isChecked();
    return options;
}

PassphraseOptions GeneratorDialog::passphraseOptions() const
{
    PassphraseOptions options;
    options.wordCount = std::size_t(m_words->value());
    const QString separator = m_separator->text();
    options.separator = separator.size() == 1 ? char(separator[0].toLatin1()) : '\0';
    options.capitalize = m_capitalize->isChecked();
    options.appendDigit = m_appendDigit->isChecked();
    return options;
}

void GeneratorDialog::regenerate()
{
    releaseSecrets();
    if (m_arena == nullptr)
        return showInvalid(tr("There is no secret memory to generate into."));
    if (isPassphrase() && m_separator->text().isEmpty())
        return showInvalid(tr("Type a separator character (a space will do)."));
    Result<GeneratedSecret> generated =
        isPassphrase() ? PassphraseGenerator::generate(*m_arena, passphraseOptions())
                       : PasswordGenerator::generate(*m_arena, passwordOptions());
    if (!generated)
        return showInvalid(QString::fromStdString(generated.error().message));
    if (auto shown = m_preview->setText(generated->secret.span()); !shown)
        return showInvalid(QString::fromStdString(shown.error().message));
    m_result = std::move(generated->secret);
    m_bits = generated->entropyBits;
    m_strength->setBits(m_bits, false);
    m_message->hide();
    m_copy->setEnabled(true);
    if (m_use != nullptr)
        m_use->setEnabled(true);
}

void GeneratorDialog::showInvalid(const QString& message)
{
    m_message->setText(message);
    m_message->show();
}

void GeneratorDialog::releaseSecrets()
{
    m_result.reset();
    m_preview->clear();
    m_bits = 0;
    m_strength->clear();
    m_copy->setEnabled(false);
    if (m_use != nullptr)
        m_use->setEnabled(false);
}

void GeneratorDialog::done(int result)
{
    // The caller of a Pick dialog reads result() after "Use"; everything else goes now.
    m_preview->clear();
    if (!(m_mode == Mode::Pick && result == QDialog::Accepted))
        releaseSecrets();
    QDialog::done(result);
}

} // namespace arcanum
