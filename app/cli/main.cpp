// arcanum-cli: the command-line front end (docs/CLI.md).
#include "cli/ArgumentList.h"
#include "cli/CommandLine.h"
#include "cli/Console.h"
#include "cli/ExitCode.h"
#include "hardening/ProcessHardening.h"

#include <cstring>

int main(int argc, char** argv)
{
    using namespace arcanum;
    ProcessHardening::bindSymbolsNow(argv);
    ProcessHardening::apply();
    const cli::Console console;

    SecretArenaOptions options;
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--require-secret-memory") == 0)
            options.fallback = FallbackPolicy::RequireSecretMemory;
    auto input = SecretArena::create(options);
    if (!input) {
        console.err("arcanum-cli: " + input.error().message + "\n");
        return cli::exitCodeFor(input.error().code);
    }
    auto args = cli::ArgumentList::fromArgv(argc, argv, 1, **input);
    if (!args) {
        console.err("arcanum-cli: " + args.error().message + "\n");
        return cli::exitCodeFor(args.error().code);
    }
    (void)args->takeFlag("--require-secret-memory");
    cli::CommandLine commandLine(console, **input, options);
    return commandLine.run(*args);
}
