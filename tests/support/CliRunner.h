// CliRunner: runs the real arcanum-cli binary for end-to-end tests and collects what it did.
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QtTest>

namespace arcanum::test {

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

class CliRunner
{
public:
    explicit CliRunner(QString program) : m_program(std::move(program))
    {
        m_environment = QProcessEnvironment::systemEnvironment();
    }

    void setEnvironment(const QString& name, const QString& value)
    {
        m_environment.insert(name, value);
    }

    // Runs arcanum-cli (or `program`, e.g. a shell around it) with `arguments`, feeding `input`
    // on stdin.
    CliResult run(const QStringList& arguments, const QByteArray& input = {},
                  const QString& program = {}) const
    {
        QProcess process;
        process.setProcessEnvironment(m_environment);
        process.start(program.isEmpty() ? m_program : program, arguments);
        if (!process.waitForStarted(10000))
            return {};
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(60000);
        CliResult result;
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    const QString& program() const { return m_program; }
    const QProcessEnvironment& environment() const { return m_environment; }

private:
    QString m_program;
    QProcessEnvironment m_environment;
};

} // namespace arcanum::test
