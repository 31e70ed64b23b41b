import TMinusCore
import TMinusProviders
import Testing

@testable import TMinusEngine

/// Which known origins a full listing's window speaks for: an event wholly outside it, a day or
/// more beyond a bound, is not missing from it (engine rule 3); one near a bound still counts.
struct ListingWindowBoundsTests {
    static let now = Timestamp(secondsSinceEpoch: 1_772_438_400)
    static let hour = Duration.seconds(3_600)

    static func event(start: Timestamp, length: Duration = hour) -> CanonicalEvent {
        let content = EventContent(
            title: "Review", start: .timed(start, timeZone: "UTC"), end: .timed(start.adding(length), timeZone: "UTC"))
        return CanonicalEvent(
            id: "evt_1", originAccountID: "acc_1", originCalendarID: "primary", originEventID: "e1", content: content,
            source: .provider, version: 1, authority: AuthorityMarkers(allFieldsOf: content, owner: .provider(accountID: "acc_1")),
            isDeleted: false, createdAt: now, updatedAt: now)
    }

    @Test func onlyEventsADayBeyondABoundLieOutside() {
        let configuration = SyncConfiguration()
        let window = configuration.window(at: Self.now)
        let (first, last) = (try! #require(window.start), try! #require(window.end))
        let day = Duration.seconds(86_400)
        #expect(!configuration.liesOutside(Self.event(start: Self.now), window))
        #expect(configuration.liesOutside(Self.event(start: first.adding(.zero - day - Self.hour)), window), "ended a day before")
        #expect(!configuration.liesOutside(Self.event(start: first.adding(.zero - day)), window), "ends 23 hours before: near")
        #expect(!configuration.liesOutside(Self.event(start: first.adding(.zero - Self.hour * 2)), window))
        #expect(configuration.liesOutside(Self.event(start: last.adding(day)), window), "starts a day after")
        #expect(!configuration.liesOutside(Self.event(start: last.adding(day - Self.hour)), window))
        #expect(
            !configuration.liesOutside(Self.event(start: first.adding(.zero - day * 10), length: day * 20), window),
            "spans the bound")
        #expect(!configuration.liesOutside(Self.event(start: first.adding(.zero - day * 400)), ListingWindow(start: nil, end: nil)))
    }
}
