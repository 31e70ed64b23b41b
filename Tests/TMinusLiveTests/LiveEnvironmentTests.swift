import TMinusCore
import TMinusLive
import Testing

struct LiveEnvironmentTests {
    @Test func systemClockReadsTheRealTimeAndMovesForward() async throws {
        let clock = SystemWallClock()
        let first = clock.now()
        #expect(first > Timestamp(secondsSinceEpoch: 1_767_225_600))  // after 2026-01-01
        try await clock.sleep(for: .milliseconds(2))
        #expect(clock.now() > first)
    }

    @Test func liveEnvironmentsDrawDifferentSeedsAndMakeValidIDs() {
        let a = Environment.live(trace: NullTraceSink())
        let b = Environment.live(trace: NullTraceSink())
        #expect(a.random.next() != b.random.next())
        let id = a.ids.make(.event)
        #expect(id.hasPrefix("evt_") && ULID(id.dropFirst(4)) != nil)
    }
}
