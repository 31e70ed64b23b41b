import TMinusCore
import Testing

@testable import TMinusStore

/// The per-mirror memo of observed hashes answers exactly what hashing answers.
struct ObservedHashMemoTests {
    private static func payload(_ title: String, minutes: Int64 = 0, zone: String? = "Europe/Berlin") -> ProjectedEvent {
        let start = Timestamp(secondsSinceEpoch: 1_772_438_400 + minutes * 60)
        return ProjectedEvent(
            summary: title, description: nil, location: nil, start: .timed(start, timeZone: zone),
            end: .timed(start.adding(.seconds(1800)), timeZone: zone), transparency: .opaque, visibility: .default,
            markers: ManagedMarkers(canonicalEventID: "evt_1", originAccountID: ""))
    }

    @Test func answersWhatHashingAnswersForSeededSequencesOfObservations() {
        var memo = ObservedHashMemo()
        var random = Xoshiro256StarStar(seed: 77)
        let titles = ["Busy", "Standup", "Standup ", "Réunion", "Re\u{301}union"]
        let details: [DetailLevel] = [.busy, .title, .full]
        for _ in 0..<600 {
            let payload = Self.payload(
                titles[Int(random.below(UInt64(titles.count)))], minutes: Int64(random.below(3)) * 30,
                zone: random.below(2) == 0 ? "Europe/Berlin" : nil)
            let detail = details[Int(random.below(3))]
            let target = "acc_\(random.below(2))"
            let remembered = memo.hash(
                payload, detail: detail, kind: .busyOverlay, canonicalEventID: "evt_1", targetAccountID: target)
            #expect(remembered == ProjectionCompiler.hash(payload, detail, .busyOverlay))
        }
    }

    @Test func aTitleEqualAsTextButNotAsBytesIsHashedAfresh() {
        var memo = ObservedHashMemo()
        let composed = Self.payload("Réunion")
        let decomposed = Self.payload("Re\u{301}union")
        #expect(composed == decomposed, "Swift compares them as equal text")
        let first = memo.hash(composed, detail: .title, kind: .busyOverlay, canonicalEventID: "evt_1", targetAccountID: "a")
        let second = memo.hash(decomposed, detail: .title, kind: .busyOverlay, canonicalEventID: "evt_1", targetAccountID: "a")
        #expect(first == ProjectionCompiler.hash(composed, .title, .busyOverlay))
        #expect(second == ProjectionCompiler.hash(decomposed, .title, .busyOverlay))
        #expect(first != second)
    }
}
