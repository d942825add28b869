// Test support: the real arcanum-browser-host, driven as a browser drives it — native-endian
// framed JSON on its stdin, replies read from its stdout. Header-only.
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <cstdint>
#include <cstring>
#include <string>

namespace arcanum::test {

class NativeHostProcess
{
public:
    explicit NativeHostProcess(const QString& program, QProcessEnvironment env)
    {
        m_process.setProcessEnvironment(env);
        // Firefox's arguments: the manifest's path and the extension's id.
        m_process.start(program, {"/tmp/org.keepassxc.keepassxc_browser.json",
                                  "keepassxc-browser@keepassxc.org"});
        m_process.waitForStarted();
    }
    ~NativeHostProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    static QByteArray framed(const std::string& json)
    {
        QByteArray bytes(4, '\0');
        const auto length = std::uint32_t(json.size());
        std::memcpy(bytes.data(), &length, 4); // native byte order, as browsers write it
        return bytes + QByteArray::fromStdString(json);
    }
    void write(const QByteArray& bytes) { m_process.write(bytes); }
    void send(const std::string& json) { write(framed(json)); }
    // The next message from the host ("" after 10 s).
    std::string next()
    {
        for (int i = 0; i < 100; ++i) {
            if (m_buffer.size() >= 4) {
                std::uint32_t length = 0;
                std::memcpy(&length, m_buffer.constData(), 4);
                if (m_buffer.size() >= qsizetype(4 + length)) {
                    std::string message = m_buffer.mid(4, length).toStdString();
                    m_buffer.remove(0, 4 + length);
                    return message;
                }
            }
            m_process.waitForReadyRead(100);
            m_buffer += m_process.readAllStandardOutput();
        }
        return {};
    }
    std::string roundTrip(const std::string& json)
    {
        send(json);
        return next();
    }
    QProcess& process() { return m_process; }

private:
    QProcess m_process;
    QByteArray m_buffer;
};

} // namespace arcanum::test
