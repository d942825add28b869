// CliVaultTest: the base of the end-to-end arcanum-cli suites. Fresh vaults made with
// `arcanum-cli init` (the cheapest KDF) in a temporary folder, and vault commands run with the
// master password on descriptor 0.
#pragma once

#include "CliRunner.h"

#include <QObject>
#include <QTemporaryDir>

namespace arcanum::test {

class CliVaultTest : public QObject
{
protected:
    static inline const QByteArray master = "master pässword";
    static inline const QStringList fastKdf = {"--kdf-memory", "1", "--kdf-iterations", "1",
                                               "--kdf-lanes", "1"};

    QTemporaryDir m_dir;
    CliRunner m_cli{QStringLiteral(ARCANUM_CLI_PATH)};
    int m_vaults = 0;

    // A fresh empty vault; returns its path.
    QString newVault()
    {
        const QString path = m_dir.filePath(QString("v%1.arcanum").arg(++m_vaults));
        const CliResult r =
            m_cli.run(QStringList{"init", path, "--password-fd", "0"} + fastKdf, master + "\n");
        if (r.exitCode != 0)
            qWarning("init failed: %s", r.err.constData());
        return path;
    }

    // Runs a vault command with the master password on descriptor 0, then `moreInput` (e.g. a
    // KeePass password for --kdbx-password-fd 0, which reads the next line).
    CliResult onVault(const QStringList& arguments, const QByteArray& moreInput = {})
    {
        return m_cli.run(arguments + QStringList{"--password-fd", "0"}, master + "\n" + moreInput);
    }
};

} // namespace arcanum::test
