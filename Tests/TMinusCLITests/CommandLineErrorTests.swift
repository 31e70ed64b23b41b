import TMinusCLI
import Testing

struct CommandLineErrorTests {
    @Test(arguments: [
        (
            CommandLineError.unknownCommand("verison", path: [], suggestion: "version", available: ["version"]),
            "unknown command 'verison' for 'tminus'; did you mean 'version'?"
        ),
        (
            .unknownCommand("x", path: ["sim"], suggestion: nil, available: ["run", "replay"]),
            "unknown command 'x' for 'tminus sim'; the commands are: run, replay"
        ),
        (
            .unknownCommand("core", path: ["bench"], suggestion: nil, available: []),
            "unknown command 'core': 'tminus bench' has no subcommands yet"
        ),
        (
            .optionBeforeCommand("--seed", path: ["sim"]),
            "option '--seed' must come after a command name, as in 'tminus sim <command> --seed'"
        ),
        (.unknownOption("--sed", suggestion: "--seed"), "unknown option '--sed'; did you mean '--seed'?"),
        (.unknownOption("--x", suggestion: nil), "unknown option '--x'; this command does not take it"),
        (.missingValue(option: "--seed", valueName: "N"), "option '--seed' needs a value; write '--seed <N>'"),
        (
            .unexpectedValue(flag: "--quiet", value: "yes"),
            "flag '--quiet' takes no value but was given 'yes'; write just '--quiet'"
        ),
        (
            .invalidValue(option: "--seed", value: "abc", expected: "a decimal integer"),
            "invalid value 'abc' for '--seed': expected a decimal integer"
        ),
        (.duplicateOption("--seed"), "option '--seed' was given more than once; give it once"),
        (.missingRequired("<scenario>..."), "missing required argument '<scenario>...'"),
        (.unexpectedArgument("extra"), "unexpected argument 'extra'; the command takes no further arguments"),
        (.invalid("give either --seed or --seeds, not both"), "give either --seed or --seeds, not both"),
    ])
    func describesWhatWasWrongAndWhatToDo(error: CommandLineError, message: String) {
        #expect(error.description == message)
    }

    @Test func exitCodesFollowSysexits() {
        #expect(ExitCode.success.rawValue == 0)
        #expect(ExitCode.failure.rawValue == 1)
        #expect(ExitCode.usage.rawValue == 64)
        #expect(ExitCode.dataError.rawValue == 65)
        #expect(ExitCode.software.rawValue == 70)
        #expect(ExitCode.success.isSuccess && !ExitCode.usage.isSuccess)
    }
}
