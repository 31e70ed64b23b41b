import Testing

@testable import TMinusCLI

struct SplitArgumentsTests {
    @Test func classifiesLongOptionsWithAndWithoutAttachedValues() {
        let split = SplitArguments(["--seed", "5", "--report=out/dir", "--empty="])
        #expect(
            split.elements == [
                .longOption(name: "--seed", value: nil), .value("5"),
                .longOption(name: "--report", value: "out/dir"), .longOption(name: "--empty", value: ""),
            ])
    }

    @Test func splitsOnlyAtTheFirstEqualsSign() {
        #expect(SplitArguments(["--filter=a=b"]).elements == [.longOption(name: "--filter", value: "a=b")])
    }

    @Test func classifiesShortFlagsAndGroupedShortFlags() {
        #expect(SplitArguments(["-q", "-ql"]).elements == [.shortOptions(["q"]), .shortOptions(["q", "l"])])
    }

    @Test func treatsNegativeNumbersAndALoneDashAsValues() {
        #expect(SplitArguments(["-5", "-", "-0.5"]).elements == [.value("-5"), .value("-"), .value("-0.5")])
    }

    @Test func makesEveryWordAfterTheTerminatorAValue() {
        let split = SplitArguments(["a", "--", "--seed", "-q", "--"])
        #expect(split.elements == [.value("a"), .terminator, .value("--seed"), .value("-q"), .value("--")])
    }

    @Test func yieldsOneElementPerWordInOrder() {
        let words = ["sim", "run", "x.json", "--seed=1", "-q", "--", "y"]
        let split = SplitArguments(words)
        #expect(split.elements.count == words.count)
        #expect(split.elements.map(\.spelling) == words)
    }

    @Test func recognisesHelpRequestsOnlyBeforeTheTerminator() {
        #expect(SplitArguments(["--help"]).elements[0].isHelpRequest)
        #expect(SplitArguments(["-qh"]).elements[0].isHelpRequest)
        #expect(!SplitArguments(["--", "--help"]).elements[1].isHelpRequest)
        #expect(!SplitArguments(["--helpful"]).elements[0].isHelpRequest)
    }
}
