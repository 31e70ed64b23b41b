import Testing

/// Runs the built `tminus` binary as a subprocess and checks standard output, standard error and
/// the exit status, as a user or CI script sees them.
struct EndToEndTests {
    @Test func rootHelpFlagPrintsTheCommandListAndExitsZero() throws {
        let result = try TestBinary.run(["--help"])
        #expect(result.exitedNormally)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("OVERVIEW: "))
        #expect(result.stdout.contains("USAGE: tminus <command>"))
        for name in ["help", "version", "sim", "bench"] {
            #expect(result.stdout.contains("\n  \(name) "), "missing \(name)")
        }
        #expect(result.stderr.isEmpty)
    }

    @Test func versionPrintsTheVersionLine() throws {
        let result = try TestBinary.run(["version"])
        #expect(result.status == 0)
        #expect(result.stdout == "tminus 0.1.0\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func unknownCommandExitsWithUsageStatusAndSaysWhatToDo() throws {
        let result = try TestBinary.run(["frobnicate"])
        #expect(result.exitedNormally)
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr == """
                tminus: error: unknown command 'frobnicate' for 'tminus'; the commands are: help, version, demo, sim, golden, bench, ical
                usage: tminus <command>
                see 'tminus help' for more

                """)
    }

    @Test func misspelledCommandSuggestsTheClosestName() throws {
        let result = try TestBinary.run(["verison"])
        #expect(result.status == 64)
        let expected = "tminus: error: unknown command 'verison' for 'tminus'; did you mean 'version'?\n"
        #expect(result.stderr.hasPrefix(expected))
    }

    @Test func helpForTheSimGroupSaysItHasNoSubcommandsYet() throws {
        let result = try TestBinary.run(["help", "sim"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("OVERVIEW: Run scenarios in the deterministic simulator.\n"))
        #expect(result.stdout.contains("USAGE: tminus sim <command>"))
        #expect(result.stderr.isEmpty)
    }

    @Test func badOptionNeverCrashesAndExitsWithUsageStatus() throws {
        for arguments in [["version", "--bogus"], ["sim", "--seed"], ["--", "x"], ["help", "a", "b", "c"], ["-"]] {
            let result = try TestBinary.run(arguments)
            #expect(result.exitedNormally, "\(arguments) died of signal \(result.status)")
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.hasPrefix("tminus: error: "), "\(arguments)")
        }
    }
}
