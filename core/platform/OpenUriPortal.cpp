#include "platform/OpenUriPortal.h"

#include "platform/DBusMessage.h"
#include "platform/SessionBus.h"

#include <string_view>

namespace arcanum {

namespace {

// The bus's answers that mean "nobody here does OpenURI".
bool meansNoPortal(const std::string& errorName)
{
    for (std::string_view absent :
         {"org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner",
          "org.freedesktop.DBus.Error.UnknownMethod", "org.freedesktop.DBus.Error.UnknownObject",
          "org.freedesktop.DBus.Error.UnknownInterface",
          "org.freedesktop.DBus.Error.Spawn.ServiceNotFound",
          "org.freedesktop.DBus.Error.Spawn.ChildExited"})
        if (errorName == absent)
            return true;
    return false;
}

} // namespace

Result<void> OpenUriPortal::open(SecretSpan uri, SecretArena& arena, const std::string& busAddress,
                                 std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    auto bus = SessionBus::connect(busAddress, deadline);
    if (!bus)
        return bus.error();
    // OpenURI(s parent_window, s uri, a{sv} options): no parent window, no options.
    auto message = arena.allocate(uri.size() + 512);
    if (!message)
        return message.error();
    const std::uint32_t serial = bus->nextSerial();
    DBusMessage::Writer writer(message->bytes(), serial, "org.freedesktop.portal.Desktop",
                               "/org/freedesktop/portal/desktop", "org.freedesktop.portal.OpenURI",
                               "OpenURI", "ssa{sv}");
    writer.appendString({});
    writer.appendString(uri.bytes());
    writer.appendEmptyArray(8);
    const auto length = writer.finish();
    if (!length)
        return Error{ErrorCode::InvalidArgument, "The address is too long to open."};
    if (auto sent = bus->send(message->bytes().first(*length), deadline); !sent)
        return sent;
    message->reset(); // wiped: the rest is the portal's answer
    auto scratch = arena.allocate(4096);
    if (!scratch)
        return scratch.error();
    auto reply = bus->awaitReply(serial, scratch->bytes(), deadline);
    if (!reply)
        return reply.error();
    if (reply->type == DBusMessage::Type::MethodReturn)
        return {};
    if (meansNoPortal(reply->errorName))
        return Error{ErrorCode::NotFound, "No OpenURI portal on the session bus."};
    return Error{ErrorCode::SystemError, "The OpenURI portal refused: " + reply->errorName};
}

} // namespace arcanum
