#include "totp/TotpParameters.h"

namespace arcanum {

const char* TotpParameters::algorithmName(TotpAlgorithm algorithm)
{
    switch (algorithm) {
    case TotpAlgorithm::Sha256:
        return "SHA256";
    case TotpAlgorithm::Sha512:
        return "SHA512";
    case TotpAlgorithm::Sha1:
        break;
    }
    return "SHA1";
}

} // namespace arcanum
