@testable import TMinusCore
import Testing

/// RFC 3339 text of instants: the fixed-width writer against the padded-string one.
struct CivilTimeTests {
    @Test func knownInstantsPrintAsRFC3339() {
        #expect(CivilTime.rfc3339(Timestamp(secondsSinceEpoch: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(
            CivilTime.rfc3339(Timestamp(nanosecondsSinceEpoch: 1_772_438_400_123_999_999))
                == "2026-03-02T08:00:00.123Z")
        #expect(CivilTime.rfc3339(Timestamp(nanosecondsSinceEpoch: -1)) == "1969-12-31T23:59:59.999Z")
    }

    @Test func fixedWidthTextEqualsPaddedTextForSeededInstants() {
        var random = Xoshiro256StarStar(seed: 3339)
        // (the text of instants within a second of Int64's ends overflows, as it always did)
        var stamps: [Int64] = [0, -1, 1, 9_000_000_000_000_000_000, -9_000_000_000_000_000_000]
        for _ in 0..<2_000 { stamps.append(Int64(bitPattern: random.next()) / 2) }
        for _ in 0..<2_000 { stamps.append(Int64(random.below(8_000_000_000)) * 1_000_000_000 - 4_000_000_000_000_000_000) }
        for stamp in stamps {
            let instant = Timestamp(nanosecondsSinceEpoch: stamp)
            #expect(CivilTime.rfc3339(instant) == CivilTime.paddedRFC3339(instant), "\(stamp)")
        }
    }
}
