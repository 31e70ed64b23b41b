import Testing

import TMinusCore

struct EditDistanceTests {
    @Test(arguments: [
        ("", "", 0), ("abc", "", 3), ("", "ab", 2), ("sim", "sim", 0), ("sim", "sin", 1),
        ("verison", "version", 1), ("bench", "bnech", 1), ("kitten", "sitting", 3), ("run", "ruin", 1),
    ])
    func countsInsertionsDeletionsSubstitutionsAndSwaps(source: String, target: String, expected: Int) {
        #expect(EditDistance.between(source, target) == expected)
        #expect(EditDistance.between(target, source) == expected)
    }

    @Test func suggestsTheClosestPlausibleName() {
        let names = ["help", "version", "sim", "bench"]
        #expect(EditDistance.closest(to: "verison", among: names) == "version")
        #expect(EditDistance.closest(to: "sm", among: names) == "sim")
        #expect(EditDistance.closest(to: "Bench", among: names) == "bench")
        #expect(EditDistance.closest(to: "--sed", among: ["--seed", "--seeds"]) == "--seed")
    }

    @Test func suggestsNothingWhenEveryNameIsFarAway() {
        #expect(EditDistance.closest(to: "frobnicate", among: ["help", "version", "sim", "bench"]) == nil)
        #expect(EditDistance.closest(to: "x", among: ["sim"]) == nil)
        #expect(EditDistance.closest(to: "anything", among: []) == nil)
    }

    @Test func breaksTiesTowardTheEarlierCandidate() {
        #expect(EditDistance.closest(to: "bat", among: ["cat", "hat"]) == "cat")
        #expect(EditDistance.closest(to: "bat", among: ["hat", "cat"]) == "hat")
    }
}
