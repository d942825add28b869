// Tests for JsonObjectReader: in-place parsing with RapidJSON's SAX reader — what the visitor
// sees, that every string is a span inside the parsed buffer, and what is refused.
#include "TestSupport.h"
#include "autofill/JsonObjectReader.h"

#include <QtTest>
#include <string>
#include <vector>

using namespace arcanum;
using namespace arcanum::autofill;

namespace {

struct Recorder : JsonVisitor
{
    std::vector<std::string> seen;
    std::vector<const std::uint8_t*> pointers;
    bool topLevel(std::string_view key, const JsonValue& value) override
    {
        record(std::string(key), value);
        return true;
    }
    bool inArray(std::string_view key, std::size_t index, std::string_view member,
                 const JsonValue& value) override
    {
        record(std::string(key) + "[" + std::to_string(index) + "]" +
                   (member.empty() ? "" : "." + std::string(member)),
               value);
        return true;
    }
    void record(const std::string& path, const JsonValue& value)
    {
        std::string text;
        switch (value.kind) {
        case JsonValue::Kind::String:
            text = "\"" + std::string(value.text.chars(), value.text.size()) + "\"";
            pointers.push_back(value.text.data());
            break;
        case JsonValue::Kind::True:
            text = "true";
            break;
        case JsonValue::Kind::False:
            text = "false";
            break;
        case JsonValue::Kind::Other:
            text = "other";
            break;
        }
        seen.push_back(path + "=" + text);
    }
};

Result<void> parse(SecretArena& arena, const QByteArray& json, Recorder& recorder,
                   SecretBuffer& buffer)
{
    buffer = arena.allocate(std::size_t(json.size()) + 1).value();
    std::memcpy(buffer.data(), json.constData(), std::size_t(json.size()));
    return JsonObjectReader::parse(buffer.data(), std::size_t(json.size()), &arena, recorder);
}

} // namespace

class TestJsonObjectReader : public QObject
{
    Q_OBJECT

private slots:
    void visitsWhatTheProtocolUses()
    {
        auto arena = test::makeArena();
        Recorder recorder;
        SecretBuffer buffer;
        const QByteArray json = R"({"action":"get-logins","url":"https://e.x/\u00fc\"","n":12,)"
                                R"("b":true,"z":null,"keys":[{"id":"a","key":"k1"},{"id":"b"}],)"
                                R"("connectedKeys":["h1","h2"],"o":{"deep":"skipped"}})";
        ARCANUM_VERIFY_OK(parse(*arena, json, recorder, buffer));
        const std::vector<std::string> expected = {"action=\"get-logins\"",
                                                   "url=\"https://e.x/ü\"\"",
                                                   "n=other",
                                                   "b=true",
                                                   "z=other",
                                                   "keys[0].id=\"a\"",
                                                   "keys[0].key=\"k1\"",
                                                   "keys[1].id=\"b\"",
                                                   "connectedKeys[0]=\"h1\"",
                                                   "connectedKeys[1]=\"h2\""};
        QCOMPARE(recorder.seen, expected);
        for (const std::uint8_t* p : recorder.pointers) // unescaped in place, never copied
            QVERIFY(p >= buffer.data() && p < buffer.data() + buffer.size());
    }

    void refuses_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("empty") << QByteArray("");
        QTest::newRow("truncated") << QByteArray(R"({"a":"b")");
        QTest::newRow("array") << QByteArray("[1]");
        QTest::newRow("string") << QByteArray("\"x\"");
        QTest::newRow("two documents") << QByteArray("{}{}");
        QTest::newRow("trailing comma") << QByteArray(R"({"a":1,})");
        QTest::newRow("comment") << QByteArray("{/*x*/}");
        QTest::newRow("single quotes") << QByteArray("{'a':1}");
        QTest::newRow("NaN") << QByteArray(R"({"a":NaN})");
        QTest::newRow("bad UTF-8") << QByteArray("{\"a\":\"\xc3\x28\"}");
        QTest::newRow("too deep") << QByteArray(R"({"a":[[[[1]]]]})");
        QTest::newRow("very deep") << QByteArray(100000, '[');
        QTest::newRow("NUL") << QByteArray("{}\0", 3);
        QTest::newRow("control character") << QByteArray("{\"a\":\"\x01\"}");
    }
    void refuses()
    {
        QFETCH(QByteArray, json);
        auto arena = test::makeArena();
        Recorder recorder;
        SecretBuffer buffer;
        const auto result = parse(*arena, json, recorder, buffer);
        QVERIFY(!result);
        QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
    }

    void errorNamesNoContent()
    {
        auto arena = test::makeArena();
        Recorder recorder;
        SecretBuffer buffer;
        const auto result = parse(*arena, R"({"password":"hunter2" "x"})", recorder, buffer);
        QVERIFY(!result);
        QVERIFY(result.error().message.find("hunter2") == std::string::npos);
        QVERIFY(result.error().message.find("byte") != std::string::npos);
    }

    void visitorCanStop()
    {
        struct Stopper : JsonVisitor
        {
            bool topLevel(std::string_view, const JsonValue&) override { return false; }
            bool inArray(std::string_view, std::size_t, std::string_view, const JsonValue&) override
            {
                return true;
            }
        } stopper;
        std::string json = R"({"a":"b"})";
        std::vector<std::uint8_t> bytes(json.begin(), json.end());
        bytes.push_back(0);
        QVERIFY(!JsonObjectReader::parse(bytes.data(), json.size(), nullptr, stopper));
    }
};

QTEST_GUILESS_MAIN(TestJsonObjectReader)
#include "TestJsonObjectReader.moc"
