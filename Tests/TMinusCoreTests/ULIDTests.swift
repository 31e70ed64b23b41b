import Testing
import TMinusCore

struct ULIDTests {
    static let alphabet = Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    @Test func decodesTheSpecExample() throws {
        // https://github.com/ulid/spec: 01ARZ3NDEKTSV4RRFFQ69G5FAV has timestamp 1469922850259.
        // Random part split computed independently in Python (int(base32) >> 64 & 0xFFFF, & 2**64-1).
        let id = try #require(ULID("01ARZ3NDEKTSV4RRFFQ69G5FAV"))
        #expect(id.milliseconds == 1_469_922_850_259)
        #expect(id.randomHigh == 0xD676)
        #expect(id.randomLow == 0x4C61_EFB9_9302_BD5B)
        #expect(id.description == "01ARZ3NDEKTSV4RRFFQ69G5FAV")
    }

    @Test func printingThenParsingRandomValuesGivesThemBack() {
        var random = Xoshiro256StarStar(seed: 0x01A2_B3C4)
        for _ in 0..<2_000 {
            let id = ULID(
                milliseconds: random.next() >> 16, randomHigh: UInt16(truncatingIfNeeded: random.next()),
                randomLow: random.next())
            let text = id.description
            #expect(text.count == 26)
            #expect(text.allSatisfy { Self.alphabet.contains($0) })
            #expect(ULID(text) == id)
        }
    }

    @Test func extremesRoundTrip() {
        let zero = ULID(milliseconds: 0, randomHigh: 0, randomLow: 0)
        let max = ULID(milliseconds: 0xFFFF_FFFF_FFFF, randomHigh: .max, randomLow: .max)
        #expect(zero.description == String(repeating: "0", count: 26))
        #expect(max.description == "7" + String(repeating: "Z", count: 25))
        #expect(ULID(zero.description) == zero)
        #expect(ULID(max.description) == max)
    }

    @Test func parsesLowercaseAndCrockfordAliases() {
        let canonical = ULID("01ARZ3NDEKTSV4RRFFQ69G5FAV")
        #expect(canonical != nil)
        #expect(ULID("01arz3ndektsv4rrffq69g5fav") == canonical)
        #expect(ULID("O1ARZ3NDEKTSV4RRFFQ69G5FAV") == canonical)  // O reads as 0
        #expect(ULID("0IARZ3NDEKTSV4RRFFQ69G5FAV") == canonical)  // I reads as 1
        #expect(ULID("0lARZ3NDEKTSV4RRFFQ69G5FAV") == canonical)  // l reads as 1
        #expect(ULID(Substring("x01ARZ3NDEKTSV4RRFFQ69G5FAV").dropFirst()) == canonical)
    }

    @Test(arguments: [
        "",
        "01ARZ3NDEKTSV4RRFFQ69G5FA",  // 25 characters
        "01ARZ3NDEKTSV4RRFFQ69G5FAVX",  // 27 characters
        "01ARZ3NDEKTSV4RRFFQ69G5FAU",  // U is not in the alphabet
        "01ARZ3NDEKTSV4RRFFQ69G5FA!",
        "01ARZ3NDEKTSV4RRFFQ69G5FA ",
        "01ARZ3NDEKTSV4RRFFQ69G5Fé",  // 26 bytes, non-ASCII
        "8ZZZZZZZZZZZZZZZZZZZZZZZZZ",  // above 2^128 - 1
        "Z0000000000000000000000000",
    ])
    func rejectsMalformedText(text: String) {
        #expect(ULID(text) == nil)
    }

    @Test func textOrderEqualsValueOrder() {
        var random = Xoshiro256StarStar(seed: 77)
        func draw() -> ULID {
            // A narrow time range so many pairs share a millisecond and differ in randomness only.
            ULID(milliseconds: random.below(4), randomHigh: UInt16(truncatingIfNeeded: random.below(3)),
                 randomLow: random.next())
        }
        for _ in 0..<2_000 {
            let a = draw()
            let b = draw()
            #expect((a < b) == (a.description < b.description))
            #expect((a == b) == (a.description == b.description))
        }
    }

    @Test func idsInOneMillisecondStrictlyIncrease() {
        let clock = ManualClock(start: Timestamp(millisecondsSinceEpoch: 1_700_000_000_000))
        let generator = IDGenerator(clock: clock, random: RandomSource(seed: 1))
        var previous = generator.makeULID()
        for _ in 0..<10_000 {
            let next = generator.makeULID()
            #expect(next > previous)
            #expect(next.description > previous.description)
            #expect(next.milliseconds == 1_700_000_000_000)
            previous = next
        }
    }

    @Test func idsKeepIncreasingWhenTheClockStepsBackwards() {
        let clock = ManualClock(start: Timestamp(millisecondsSinceEpoch: 5_000))
        let generator = IDGenerator(clock: clock, random: RandomSource(seed: 2))
        let before = generator.makeULID()
        clock.set(Timestamp(millisecondsSinceEpoch: 4_000))
        let during = (0..<100).map { _ in generator.makeULID() }
        #expect(during.first! > before)
        #expect(zip(during, during.dropFirst()).allSatisfy { $0 < $1 })
        #expect(during.allSatisfy { $0.milliseconds == 5_000 })
        clock.set(Timestamp(millisecondsSinceEpoch: 6_000))
        let after = generator.makeULID()
        #expect(after > during.last!)
        #expect(after.milliseconds == 6_000)
    }

    @Test func advancingTheClockStartsANewMillisecond() {
        let clock = ManualClock(start: Timestamp(millisecondsSinceEpoch: 10))
        let generator = IDGenerator(clock: clock, random: RandomSource(seed: 3))
        let first = generator.makeULID()
        clock.advance(by: .milliseconds(1))
        let second = generator.makeULID()
        #expect(first.milliseconds == 10)
        #expect(second.milliseconds == 11)
        #expect(second > first)
    }

    @Test func sameSeedAndClockGiveSameIDs() {
        func run(seed: UInt64) -> [String] {
            let clock = ManualClock(start: Timestamp(millisecondsSinceEpoch: 1_000))
            let generator = IDGenerator(clock: clock, random: RandomSource(seed: seed))
            return (0..<200).map { index in
                if index % 7 == 0 { clock.advance(by: .milliseconds(3)) }
                return generator.make(.event)
            }
        }
        #expect(run(seed: 42) == run(seed: 42))
        #expect(run(seed: 42) != run(seed: 43))
    }

    @Test(arguments: IDPrefix.allCases)
    func makeAppliesThePrefix(kind: IDPrefix) {
        let generator = IDGenerator(
            clock: ManualClock(start: Timestamp(millisecondsSinceEpoch: 1_469_922_850_259)),
            random: RandomSource(seed: 9))
        let id = generator.make(kind)
        #expect(id.hasPrefix(kind.rawValue))
        let body = id.dropFirst(kind.rawValue.count)
        #expect(ULID(body)?.milliseconds == 1_469_922_850_259)
    }
}
