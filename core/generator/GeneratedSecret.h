// GeneratedSecret: what a generator hands back - the secret itself, in the caller's arena, and
// how many bits of entropy the generator put into it.
//
// Holds plaintext: `secret` lives in a SecretArena like every other plaintext (DESIGN.md §2) and
// is wiped when it is destroyed. The entropy is a property of the options, not of the particular
// output, so it is safe to show, log or print.
#pragma once

#include "secret/SecretBuffer.h"

namespace arcanum {

struct GeneratedSecret
{
    SecretBuffer secret;      // printable ASCII, exactly secret.size() bytes, no terminator
    double entropyBits = 0.0; // log2 of the number of equally likely outputs (see README.md)
};

} // namespace arcanum
