import TMinusCore
import Testing

/// The memo of projection hashes returns exactly what the compiler returns, however events change.
struct ProjectionHashMemoTests {
    @Test(arguments: ProjectionPropertyTests.seeds)
    func rememberedProjectionsEqualCompiledOnesWhileEventsChange(seed: UInt64) {
        var random = RandomEvents(seed: seed)
        var memo = ProjectionHashMemo()
        var events = (0..<40).map { random.event(id: $0) }
        for round in 0..<12 {
            for index in events.indices where random.rng.chance(Ratio(1, 3)) {
                events[index] = random.event(id: index)  // same ID, new content (or the same again)
            }
            for event in events {
                for detail in DetailLevel.allCases {
                    let kind = random.pick(CalendarKind.allCases)
                    let expected = ProjectionCompiler.project(event, detail: detail, kind: kind)
                    #expect(memo.project(event, detail: detail, kind: kind) == expected, "seed \(seed) round \(round)")
                }
            }
        }
        #expect(memo.count > 0)
    }

    /// `String`'s `==` takes "café" composed and decomposed as equal, but they hash differently:
    /// the memo must compare bytes, or the mirror would keep the old text's hash.
    @Test func aTitleEqualAsTextButNotAsBytesIsHashedAfresh() {
        var random = RandomEvents(seed: 10)
        var event = random.event(id: 1)
        event.isDeleted = false
        event.content.title = "caf\u{E9}"
        var memo = ProjectionHashMemo()
        let composed = memo.project(event, detail: .full, kind: .busyOverlay)
        event.content.title = "cafe\u{301}"
        let decomposed = memo.project(event, detail: .full, kind: .busyOverlay)
        #expect(composed == ProjectionCompiler.project(event.withTitle("caf\u{E9}"), detail: .full, kind: .busyOverlay))
        #expect(decomposed?.hash == ProjectionCompiler.project(event, detail: .full, kind: .busyOverlay)?.hash)
        #expect(decomposed?.hash != composed?.hash)
    }

    @Test func aVisibilityChangeThatLeavesTheBusyPayloadAloneStillChangesTheHash() {
        var random = RandomEvents(seed: 9)
        var event = random.event(id: 1)
        event.isDeleted = false
        event.content.status = .confirmed
        event.content.title = nil
        event.content.visibility = .default
        var memo = ProjectionHashMemo()
        let open = memo.project(event, detail: .busy, kind: .busyOverlay)
        event.content.visibility = .private
        let restricted = memo.project(event, detail: .busy, kind: .busyOverlay)
        #expect(open == ProjectionCompiler.project(event.withVisibility(.default), detail: .busy, kind: .busyOverlay))
        #expect(restricted == ProjectionCompiler.project(event, detail: .busy, kind: .busyOverlay))
        let titled = memo.project(event, detail: .title, kind: .busyOverlay)
        #expect(titled == ProjectionCompiler.project(event, detail: .title, kind: .busyOverlay))
        #expect(titled?.detail == .busy, "a private origin is lowered to BUSY")
    }

    @Test func longTextIsCutExactlyAsBefore() {
        var random = RandomEvents(seed: 3)
        var event = random.event(id: 2)
        event.isDeleted = false
        event.content.status = .confirmed
        event.content.visibility = .default
        // 600 two-byte characters: more UTF-8 bytes than the 512-character limit, fewer characters.
        event.content.title = String(repeating: "é", count: 600)
        #expect(ProjectionCompiler.project(event, detail: .title, kind: .busyOverlay)?.payload.summary.count == 512)
        event.content.title = String(repeating: "é", count: 300)
        #expect(ProjectionCompiler.project(event, detail: .title, kind: .busyOverlay)?.payload.summary == event.content.title)
    }
}

extension CanonicalEvent {
    fileprivate func withVisibility(_ visibility: EventVisibility) -> CanonicalEvent {
        var copy = self
        copy.content.visibility = visibility
        return copy
    }
}

extension CanonicalEvent {
    fileprivate func withTitle(_ title: String) -> CanonicalEvent {
        var copy = self
        copy.content.title = title
        return copy
    }
}
