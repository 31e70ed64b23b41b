import Testing

@testable import TMinusCLI

struct CommandResolutionTests {
    /// The path of the command the parser resolved, or nil if it did not resolve one.
    private func resolvedPath(_ arguments: [String]) -> [String]? {
        if case .command(_, let node) = FixtureTree.parse(arguments) { return node.path }
        return nil
    }

    private func failure(_ arguments: [String]) -> (error: CommandLineError, path: [String])? {
        if case .failure(let error, let node) = FixtureTree.parse(arguments) { return (error, node.path) }
        return nil
    }

    private func cleanExit(_ arguments: [String]) -> CleanExit? {
        if case .cleanExit(let exit) = FixtureTree.parse(arguments) { return exit }
        return nil
    }

    @Test func resolvesCommandsAtEveryDepth() {
        #expect(resolvedPath(["copy", "a", "b", "--mode", "m"]) == ["copy"])
        #expect(resolvedPath(["sim", "run", "x.json"]) == ["sim", "run"])
        #expect(resolvedPath(["sim", "deep", "run", "x.json"]) == ["sim", "deep", "run"])
    }

    @Test func decodesTheWordsAfterTheCommandIntoIt() throws {
        guard case .command(let command, _) = FixtureTree.parse(["sim", "run", "x.json", "--seed", "9"]) else {
            Issue.record("did not resolve")
            return
        }
        let run = try #require(command as? RunFixture)
        #expect(run.scenarios == ["x.json"])
        #expect(run.seed == 9)
    }

    @Test func treatsACommandNameAfterTheCommandAsAPositional() throws {
        guard case .command(let command, _) = FixtureTree.parse(["sim", "run", "run", "sim"]) else {
            Issue.record("did not resolve")
            return
        }
        #expect((command as? RunFixture)?.scenarios == ["run", "sim"])
    }

    @Test func showsHelpForAGroupNamedWithoutACommand() {
        #expect(cleanExit([]) == .help(path: []))
        #expect(cleanExit(["sim"]) == .help(path: ["sim"]))
        #expect(cleanExit(["bench"]) == .help(path: ["bench"]))
    }

    @Test func showsHelpForHelpFlagsAnywhereBeforeTheTerminator() {
        #expect(cleanExit(["--help"]) == .help(path: []))
        #expect(cleanExit(["sim", "-h"]) == .help(path: ["sim"]))
        #expect(cleanExit(["sim", "run", "--help"]) == .help(path: ["sim", "run"]))
        #expect(cleanExit(["sim", "run", "--seed", "bad", "-h"]) == .help(path: ["sim", "run"]))
        #expect(cleanExit(["sim", "run", "-qh"]) == .help(path: ["sim", "run"]))
        #expect(cleanExit(["sim", "run", "--", "--help"]) == nil)
    }

    @Test func printsTheVersionForTheRootVersionFlagOnly() {
        #expect(cleanExit(["--version"]) == .message("tminus 9.9.9"))
        #expect(failure(["sim", "--version"])?.error == .optionBeforeCommand("--version", path: ["sim"]))
    }

    @Test func rejectsAnUnknownCommandWithASuggestionWhenOneIsClose() {
        let typo = failure(["sim", "rnu"])
        #expect(
            typo?.error == .unknownCommand("rnu", path: ["sim"], suggestion: "run", available: ["run", "deep"]))
        #expect(typo?.path == ["sim"])
        let far = failure(["frobnicate"])
        #expect(
            far?.error
                == .unknownCommand("frobnicate", path: [], suggestion: nil, available: ["copy", "sim", "bench"]))
    }

    @Test func rejectsAnyCommandInAnEmptyGroup() {
        #expect(
            failure(["bench", "core"])?.error
                == .unknownCommand("core", path: ["bench"], suggestion: nil, available: []))
    }

    @Test func rejectsOptionsBeforeTheCommandName() {
        #expect(failure(["sim", "--seed", "1", "run"])?.error == .optionBeforeCommand("--seed", path: ["sim"]))
        #expect(failure(["-q", "sim"])?.error == .optionBeforeCommand("-q", path: []))
        #expect(failure(["--hlep"])?.error == .unknownOption("--hlep", suggestion: "--help"))
        #expect(failure(["--", "sim"])?.error == .unexpectedArgument("--"))
    }

    @Test func reportsDecodingErrorsAgainstTheResolvedCommand() {
        let result = failure(["sim", "deep", "run", "x", "--bogus"])
        #expect(result?.error == .unknownOption("--bogus", suggestion: nil))
        #expect(result?.path == ["sim", "deep", "run"])
    }

    @Test func findsNodesByPathForHelp() throws {
        #expect(try FixtureTree.root.node(at: []).path == [])
        #expect(try FixtureTree.root.node(at: ["sim", "deep"]).path == ["sim", "deep"])
        #expect(try FixtureTree.root.node(at: ["sim", "deep", "run"]).usage == RunFixture.usage)
        #expect(throws: CommandLineError.unexpectedArgument("extra")) {
            try FixtureTree.root.node(at: ["copy", "extra"])
        }
        let unknown = CommandLineError.unknownCommand(
            "sum", path: [], suggestion: "sim", available: ["copy", "sim", "bench"])
        #expect(throws: unknown) {
            try FixtureTree.root.node(at: ["sum"])
        }
    }
}
