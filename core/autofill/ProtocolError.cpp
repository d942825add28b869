#include "autofill/ProtocolError.h"

namespace arcanum::autofill {

const char* protocolErrorMessage(ProtocolError error)
{
    switch (error) {
    case ProtocolError::Unknown:
        return "Unknown error.";
    case ProtocolError::DatabaseNotOpened:
        return "The Arcanum vault is locked. Unlock it in Arcanum.";
    case ProtocolError::DatabaseHashNotReceived:
        return "Arcanum could not identify the vault.";
    case ProtocolError::ClientPublicKeyNotReceived:
        return "No key exchange yet: reconnect the extension to Arcanum.";
    case ProtocolError::CannotDecryptMessage:
        return "Arcanum cannot decrypt the message: reconnect the extension.";
    case ProtocolError::TimeoutOrNotConnected:
        return "Arcanum is not running. Start Arcanum, then reload the extension.";
    case ProtocolError::ActionCancelledOrDenied:
        return "Refused in Arcanum.";
    case ProtocolError::CannotEncryptMessage:
        return "Arcanum could not encrypt the answer.";
    case ProtocolError::AssociationFailed:
        return "This browser is not connected to the Arcanum vault: connect it again.";
    case ProtocolError::KeyChangeFailed:
        return "The key exchange with Arcanum failed.";
    case ProtocolError::EncryptionKeyUnrecognized:
        return "Arcanum does not recognise the encryption key.";
    case ProtocolError::NoSavedDatabasesFound:
        return "No vault is connected to this browser.";
    case ProtocolError::IncorrectAction:
        return "Arcanum does not know this request.";
    case ProtocolError::EmptyMessageReceived:
        return "Arcanum received an empty or malformed message.";
    case ProtocolError::NoUrlProvided:
        return "The request names no web address.";
    case ProtocolError::NoLoginsFound:
        return "No logins found.";
    case ProtocolError::NoGroupsFound:
        return "No groups found.";
    case ProtocolError::CannotCreateNewGroup:
        return "Arcanum could not create the group.";
    case ProtocolError::NoValidUuidProvided:
        return "The request names no valid entry.";
    }
    return "Unknown error.";
}

} // namespace arcanum::autofill
