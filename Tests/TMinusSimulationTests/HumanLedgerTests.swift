import TMinusCore
import Testing

@testable import TMinusSimulation

/// The person's ledger follows their events: a moved series takes its exceptions along, and a
/// step finds a labelled event where it is now.
struct HumanLedgerTests {
    private static let start = EventDateTime.timed(Timestamp(secondsSinceEpoch: 1_792_000_000), timeZone: "Asia/Tokyo")
    private static let end = EventDateTime.timed(Timestamp(secondsSinceEpoch: 1_792_003_600), timeZone: "Asia/Tokyo")

    private static func entry(_ calendar: String, _ id: String, occurrenceOf: String? = nil) -> HumanLedger.Entry {
        HumanLedger.Entry(
            login: "ana", calendarID: calendar, eventID: id, title: id, start: start, end: end, deleted: false,
            recurrence: occurrenceOf == nil ? ["RRULE:FREQ=DAILY;COUNT=3"] : [], occurrenceOf: occurrenceOf)
    }

    @Test func aMovedSeriesTakesItsLiveExceptionsAlongAndLeavesNothingLiveBehind() {
        var ledger = HumanLedger()
        let series = Self.entry("work", "S")
        ledger.record(series)
        ledger.record(Self.entry("work", "S_1", occurrenceOf: "S@1"))
        ledger.record(Self.entry("work", "S_2", occurrenceOf: "S@2"))
        ledger.recordOccurrenceCancelled("S@2")
        ledger.record(Self.entry("home", "T_1", occurrenceOf: "T@1"))
        var moved = series
        moved.calendarID = "home"
        ledger.recordMoved(series, to: moved)
        #expect(ledger.live(login: "ana").map { "\($0.calendarID)/\($0.eventID)" } == ["home/S", "home/S_1", "home/T_1"])
        #expect(ledger.current(of: series)?.calendarID == "home", "a step finds the series where it is now")
        #expect(ledger.current(of: Self.entry("work", "S_1", occurrenceOf: "S@1"))?.calendarID == "home")
        #expect(ledger.current(of: Self.entry("work", "unknown")) == nil)
    }

    @Test func aSeriesWhoseMoveChangedItsIDRenamesItsExceptions() {
        var ledger = HumanLedger()
        let series = Self.entry("work", "S")
        ledger.record(series)
        ledger.record(Self.entry("work", "S_1", occurrenceOf: "S@1"))
        var moved = series
        (moved.calendarID, moved.eventID) = ("home", "N")
        ledger.recordMoved(series, to: moved)
        let live = ledger.live(login: "ana")
        #expect(live.map(\.eventID) == ["N", "N_1"])
        #expect(live.last?.occurrenceOf == "N@1")
    }
}
