// ProtocolError: the error codes of the KeePassXC-Browser protocol, with the sentences Arcanum
// sends for them.
//
// The numbers are the extension's (keepassxc-browser background/client.js, kpErrors) and
// KeePassXC's (BrowserMessageBuilder.h); they travel as a JSON string ("errorCode":"1"), as
// KeePassXC sends them. The extension shows our sentence ("error") as it is, so it says what to
// do. An error reply is never encrypted and never holds anything from the vault.
#pragma once

namespace arcanum::autofill {

enum class ProtocolError
{
    Unknown = 0,
    DatabaseNotOpened = 1,
    DatabaseHashNotReceived = 2,
    ClientPublicKeyNotReceived = 3,
    CannotDecryptMessage = 4,
    TimeoutOrNotConnected = 5,
    ActionCancelledOrDenied = 6,
    CannotEncryptMessage = 7,
    AssociationFailed = 8,
    KeyChangeFailed = 9,
    EncryptionKeyUnrecognized = 10,
    NoSavedDatabasesFound = 11,
    IncorrectAction = 12,
    EmptyMessageReceived = 13,
    NoUrlProvided = 14,
    NoLoginsFound = 15,
    NoGroupsFound = 16,
    CannotCreateNewGroup = 17,
    NoValidUuidProvided = 18,
};

// The default sentence for `error`.
[[nodiscard]] const char* protocolErrorMessage(ProtocolError error);

} // namespace arcanum::autofill
