// GenerateCommand: `arcanum-cli generate`, and the --generate option of add/edit: options to
// PasswordOptions / PassphraseOptions, output into the arena.
#pragma once

#include "cli/ArgumentList.h"
#include "cli/Console.h"
#include "generator/GeneratedSecret.h"

namespace arcanum::cli {

class GenerateCommand
{
public:
    // Reads the generator options (--length, --no-lower, ..., --passphrase, --words, ...) from
    // `args` and generates into `arena`.
    [[nodiscard]] static Result<GeneratedSecret> generate(ArgumentList& args, SecretArena& arena);

    // The whole command: prints the secret on stdout, its entropy on stderr.
    [[nodiscard]] static int run(ArgumentList& args, const Console& console, SecretArena& arena);
};

} // namespace arcanum::cli
