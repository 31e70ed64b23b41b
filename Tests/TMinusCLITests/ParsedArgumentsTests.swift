import Testing

@testable import TMinusCLI

struct ParsedArgumentsTests {
    private func decode(_ arguments: [String]) throws(CommandLineError) -> RunFixture {
        try RunFixture(parsed: ParsedArguments(specs: RunFixture.options, arguments: arguments))
    }

    private func decodingError(_ arguments: [String]) -> CommandLineError? {
        do {
            _ = try decode(arguments)
            return nil
        } catch {
            return error
        }
    }

    @Test func decodesEveryKindOfArgumentInAnyOrder() throws {
        let run = try decode([
            "a.json", "--seed", "7", "-q", "b.json", "--report=out", "-t", "x", "--tag", "y",
            "--time-budget", "5m", "--workers", "4", "--lite",
        ])
        #expect(run.scenarios == ["a.json", "b.json"])
        #expect(run.seed == 7)
        #expect(run.report == "out")
        #expect(run.tags == ["x", "y"])
        #expect(run.timeBudget == .seconds(300))
        #expect(run.workers == 4)
        #expect(run.quiet && run.lite)
    }

    @Test func readsAbsentOptionalArgumentsAsNilOrFalse() throws {
        let run = try decode(["a.json"])
        #expect(run.seed == nil && run.seeds == nil && run.report == nil && run.timeBudget == nil)
        #expect(run.tags.isEmpty && !run.quiet && !run.lite)
    }

    @Test func acceptsGroupedShortFlagsAndAValueForTheLastOne() throws {
        let run = try decode(["a.json", "-qlt", "nightly"])
        #expect(run.quiet && run.lite && run.tags == ["nightly"])
    }

    @Test func takesWordsAfterTheTerminatorAsPositionals() throws {
        let run = try decode(["--seed", "1", "--", "--weird-name.json", "-q"])
        #expect(run.scenarios == ["--weird-name.json", "-q"])
        #expect(!run.quiet)
    }

    @Test func takesADashLeadingValueOnlyWhenAttachedWithEquals() throws {
        #expect(try decode(["a", "--report=-out"]).report == "-out")
        #expect(decodingError(["a", "--report", "-o"]) == .missingValue(option: "--report", valueName: "DIR"))
    }

    @Test func acceptsACommitHashAsTheSeed() throws {
        let run = try decode(["a", "--seed", "0123456789abcdef0123fedcba9876543210abcd"])
        #expect(run.seed == 0xba98_7654_3210_abcd)
    }

    @Test func reportsAnUnknownOptionWithTheClosestDeclaredName() {
        #expect(decodingError(["a", "--sed", "1"]) == .unknownOption("--sed", suggestion: "--seed"))
        #expect(decodingError(["a", "--frobnicate"]) == .unknownOption("--frobnicate", suggestion: nil))
        #expect(decodingError(["a", "-z"]) == .unknownOption("-z", suggestion: nil))
    }

    @Test func reportsAMissingValueAtTheEndOrBeforeAnotherOption() {
        #expect(decodingError(["a", "--seed"]) == .missingValue(option: "--seed", valueName: "N"))
        #expect(decodingError(["a", "--seed", "--quiet"]) == .missingValue(option: "--seed", valueName: "N"))
        #expect(decodingError(["a", "--seed", "--", "1"]) == .missingValue(option: "--seed", valueName: "N"))
        #expect(decodingError(["a", "-tq", "x"]) == .missingValue(option: "-t", valueName: "NAME"))
    }

    @Test func reportsAValueGivenToAFlag() {
        #expect(decodingError(["a", "--quiet=yes"]) == .unexpectedValue(flag: "--quiet", value: "yes"))
    }

    @Test func reportsARepeatedNonRepeatableOption() {
        #expect(decodingError(["a", "--seed", "1", "--seed", "2"]) == .duplicateOption("--seed"))
        #expect(decodingError(["a", "-q", "--quiet"]) == .duplicateOption("--quiet"))
    }

    @Test func reportsABadIntegerNamingTheOptionAndTheAcceptedForms() {
        let error = decodingError(["a", "--seed", "12abc"])
        #expect(
            error
                == .invalidValue(option: "--seed", value: "12abc", expected: ArgumentValueParser.seedExpectation))
        #expect(error?.description.contains("40-digit hexadecimal git commit hash") == true)
    }

    @Test func reportsASeedOutOfRange() {
        let error = decodingError(["a", "--seed", "18446744073709551616"])
        #expect(error?.description.contains("from 0 to 18446744073709551615") == true)
    }

    @Test func reportsAnIntegerOutsideItsDeclaredBounds() {
        #expect(
            decodingError(["a", "--workers", "0"])
                == .invalidValue(option: "--workers", value: "0", expected: "a decimal integer from 1 to 64"))
        #expect(
            decodingError(["a", "--workers", "many"])
                == .invalidValue(option: "--workers", value: "many", expected: "a decimal integer from 1 to 64"))
    }

    @Test func reportsABadRangeAndABadDuration() {
        #expect(decodingError(["a", "--seeds", "9..1"])?.description.contains("inclusive range like 1..100") == true)
        #expect(decodingError(["a", "--time-budget", "soon"])?.description.contains("30s, 5m, 2h") == true)
    }

    @Test func reportsMissingRequiredPositionalsAndOptions() throws {
        #expect(decodingError([]) == .missingRequired("<scenario>..."))
        let copy = { (arguments: [String]) throws(CommandLineError) in
            _ = try ParsedArguments(specs: CopyFixture.options, arguments: arguments)
        }
        #expect(throws: CommandLineError.missingRequired("<destination>")) { try copy(["a", "--mode", "x"]) }
        #expect(throws: CommandLineError.missingRequired("--mode <MODE>")) { try copy(["a", "b"]) }
        #expect(throws: CommandLineError.unexpectedArgument("c")) { try copy(["a", "b", "c", "--mode", "x"]) }
        try copy(["a", "b", "--mode", "x"])
    }

    @Test func keepsEveryPositionalInOrder() throws {
        let parsed = try ParsedArguments(specs: CopyFixture.options, arguments: ["--mode", "m", "from", "to"])
        #expect(parsed.positionals == ["from", "to"])
        #expect(parsed.string("source") == "from")
        #expect(parsed.string("destination") == "to")
        #expect(parsed.string("--mode") == "m")
    }
}
