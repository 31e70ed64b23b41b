import TMinusCore
import TMinusEngine
import TMinusSimulation
import Testing

/// The pieces the world checker's history checks (B, C, I, J, K, L) stand on, and runs of the
/// correct engine under the faults those checks watch, which must raise no violation.
struct WorldCheckerHistoryTests {
    @Test func writeDigestIgnoresTheICalendarSendTime() {
        let first = Array("BEGIN:VEVENT\r\nDTSTAMP:20260302T080000Z\r\nSUMMARY:Busy\r\nEND:VEVENT\r\n".utf8)
        let later = Array("BEGIN:VEVENT\r\nDTSTAMP:20260302T090000Z\r\nSUMMARY:Busy\r\nEND:VEVENT\r\n".utf8)
        let other = Array("BEGIN:VEVENT\r\nDTSTAMP:20260302T090000Z\r\nSUMMARY:Free\r\nEND:VEVENT\r\n".utf8)
        #expect(ExchangeRecord.digest(first) == ExchangeRecord.digest(later))
        #expect(ExchangeRecord.digest(first) != ExchangeRecord.digest(other))
    }

    @Test func onlyEventWritesAreLogged() {
        #expect(ExchangeRecord.isEventWrite(method: "PATCH", path: "/calendar/v3/calendars/c/events/e"))
        #expect(ExchangeRecord.isEventWrite(method: "PUT", path: "/dav/calendars/a/b/x.ics"))
        #expect(!ExchangeRecord.isEventWrite(method: "GET", path: "/calendar/v3/calendars/c/events"))
        #expect(!ExchangeRecord.isEventWrite(method: "POST", path: "/calendar/v3/calendars/c/events/watch"))
        #expect(!ExchangeRecord.isEventWrite(method: "POST", path: "/token"))
    }

    @Test func traceTailKeepsTheLastLinesThatMentionAnObject() {
        let sink = MemoryTraceSink()
        let tail = TraceTail(wrapping: sink, capacity: 3)
        for index in 1...5 { tail.record(component: "c", event: "line \(index) evt_\(index % 2)") }
        #expect(sink.records.count == 5, "every record reaches the wrapped sink")
        #expect(tail.lines(touching: ["evt_1"]) == ["c line 3 evt_1", "c line 5 evt_1"])
        #expect(tail.lines(touching: ["evt_9"]).isEmpty)
    }

    /// The tail keeps components and events apart and joins them only when asked: a needle must
    /// still match across the join, and the limit must keep the latest lines, as with whole lines.
    @Test func traceTailMatchesTheJoinedLineAfterWrappingAround() {
        let tail = TraceTail(wrapping: MemoryTraceSink(), capacity: 4)
        for index in 1...10 { tail.record(component: "comp\(index % 3)", event: "evt \(index)") }
        #expect(tail.lines(touching: ["comp1 evt"]) == ["comp1 evt 7", "comp1 evt 10"])
        #expect(tail.lines(touching: ["2 evt 8", "evt 9"]) == ["comp2 evt 8", "comp0 evt 9"])
        #expect(tail.lines(touching: ["evt"], limit: 2) == ["comp0 evt 9", "comp1 evt 10"])
        #expect(tail.lines(touching: ["evt 6"]).isEmpty, "evicted from the ring")
        #expect(tail.lines(touching: [""]).isEmpty)
    }

    @Test(arguments: [21, 22] as [UInt64])
    func rateLimitsServerErrorsAndCrashesRaiseNoHistoryViolation(seed: UInt64) async throws {
        let report = try await WorldRunTests.run(seed: seed, accounts: [.google, .microsoft, .caldav]) { configuration in
            configuration.providerFaults.rateLimits = [ScopedProviderFault(probability: Ratio(1, 8))]
            configuration.providerFaults.serverErrors = [ScopedProviderFault(probability: Ratio(1, 12))]
            configuration.networkFaults = NetworkFaults(rules: [
                NetworkFaultRule(.timeoutAfterApply, probability: Ratio(1, 10))
            ])
        }
        #expect(report.violations.isEmpty, "seed \(seed): \(report.violations.map(\.report))")
        #expect(report.eventWrites > 0)
    }
}
