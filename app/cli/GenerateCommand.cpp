#include "cli/GenerateCommand.h"

#include "cli/ExitCode.h"
#include "generator/PassphraseGenerator.h"
#include "generator/PasswordGenerator.h"

#include <cmath>
#include <string>

namespace arcanum::cli {

Result<GeneratedSecret> GenerateCommand::generate(ArgumentList& args, SecretArena& arena)
{
    if (args.takeFlag("--passphrase")) {
        PassphraseOptions options;
        auto words = args.takeNumber("--words", PassphraseOptions::minimumWords,
                                     PassphraseOptions::maximumWords);
        if (!words)
            return words.error();
        if (*words)
            options.wordCount = **words;
        auto separator = args.takeOption("--separator");
        if (!separator)
            return separator.error();
        if (*separator) {
            if ((*separator)->size() != 1)
                return Error{ErrorCode::InvalidArgument, "--separator takes one character."};
            options.separator = static_cast<char>((**separator)[0]);
        }
        options.capitalize = args.takeFlag("--capitalize");
        options.appendDigit = args.takeFlag("--digit");
        return PassphraseGenerator::generate(arena, options);
    }
    PasswordOptions options;
    auto length =
        args.takeNumber("--length", PasswordOptions::minimumLength, PasswordOptions::maximumLength);
    if (!length)
        return length.error();
    if (*length)
        options.length = **length;
    options.lowerCase = !args.takeFlag("--no-lower");
    options.upperCase = !args.takeFlag("--no-upper");
    options.digits = !args.takeFlag("--no-digits");
    options.symbols = !args.takeFlag("--no-symbols");
    options.excludeLookAlikes = args.takeFlag("--exclude-lookalikes");
    return PasswordGenerator::generate(arena, options);
}

int GenerateCommand::run(ArgumentList& args, const Console& console, SecretArena& arena)
{
    auto generated = generate(args, arena);
    if (generated) {
        if (auto rest = args.expectNothingLeft(); !rest)
            generated = rest.error();
    }
    if (!generated) {
        console.err("arcanum-cli: " + generated.error().message + "\n");
        return exitCodeFor(generated.error().code);
    }
    console.outSecret(generated->secret.span());
    console.out("\n");
    console.err("(" + std::to_string(static_cast<int>(std::floor(generated->entropyBits))) +
                " bits of entropy)\n");
    return Success;
}

} // namespace arcanum::cli
