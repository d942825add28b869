// AccessibleTextPool: the QStrings of plaintext that Arcanum hands to Qt's accessibility code,
// and their wiping (issue 12; docs/SECURITY.md §3 "Screen readers").
//
// A screen reader reads text over AT-SPI, and Qt's bridge takes it only as QString. Every such
// string Arcanum makes comes from here: the pool keeps a reference to it, and as soon as Qt has
// dropped all of its own (the bridge marshals the reply or signal and lets go before control
// returns to the event loop) zeroes its characters in place and forgets it. A sweep runs on the
// next turn of the event loop after a string is made and every 100 ms while any string is still
// shared; wipeAll() (lock, quit) zeroes every string at once, shared or not. Copies Qt and
// libdbus make on the way (a UTF-8 QByteArray, the D-Bus message) are theirs, freed unwiped;
// docs/SECURITY.md lists them.
//
// Process-wide for the same reason as ScreenReaderAccess. GUI thread only.
#pragma once

#include "secret/SecretSpan.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <vector>

namespace arcanum {

class AccessibleTextPool : public QObject
{
    Q_OBJECT

public:
    static AccessibleTextPool& instance();

    // A QString of the UTF-8 `utf8` (invalid sequences become U+FFFD), pooled.
    [[nodiscard]] QString text(SecretSpan utf8);
    // A pooled copy of `piece` (part of a pooled string: a word, a line, a character).
    [[nodiscard]] QString text(QStringView piece);
    // Takes `made` (a string Qt's helpers built from a pooled one) into the pool as it is.
    [[nodiscard]] QString adopt(QString made) { return keep(std::move(made)); }
    // `count` bullets (U+2022), what a screen reader says for a password field's characters.
    [[nodiscard]] static QString bullets(qsizetype count);

    // Strings made and not yet wiped (tests).
    [[nodiscard]] std::size_t pending() const { return m_strings.size(); }

public slots:
    // Zeroes and forgets every string whose only holder is the pool.
    void sweep();
    // Zeroes every string, whoever still holds it, and forgets them all (lock, quit).
    void wipeAll();

private:
    AccessibleTextPool();
    QString keep(QString text);

    std::vector<QString> m_strings;
    QTimer m_timer;
};

} // namespace arcanum
