import Testing
import TMinusCore

struct PRNGTests {
    @Test func sameSeedGivesSameStream() {
        var a = Xoshiro256StarStar(seed: 42)
        var b = Xoshiro256StarStar(seed: 42)
        for _ in 0..<1000 { #expect(a.next() == b.next()) }
    }

    @Test func differentSeedsGiveDifferentStreams() {
        var a = Xoshiro256StarStar(seed: 1)
        var b = Xoshiro256StarStar(seed: 2)
        #expect((0..<8).map { _ in a.next() } != (0..<8).map { _ in b.next() })
    }

    @Test func belowStaysInRange() {
        var g = Xoshiro256StarStar(seed: 7)
        for bound in [1, 2, 3, 7, 1000, UInt64.max] as [UInt64] {
            for _ in 0..<200 {
                let value = g.below(bound)
                #expect(value < bound)
            }
        }
    }

    @Test func chanceHonoursExtremes() {
        var g = Xoshiro256StarStar(seed: 9)
        for _ in 0..<100 {
            let always = g.chance(.always)
            let never = g.chance(.never)
            #expect(always)
            #expect(!never)
        }
    }
}
