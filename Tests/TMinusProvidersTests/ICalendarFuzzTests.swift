import TMinusCore
import TMinusProviders
import Testing

/// Seeded mutation fuzzing of recorded iCalendar bodies through every reading layer: reader,
/// typed events, zones, mapping and expansion. Typed errors only, never a crash.
struct ICalendarFuzzTests {
    @Test func mutatedCalendarsEndInValuesOrTypedErrors() {
        var random = Xoshiro256StarStar(seed: 0x1CA1)
        let names = CalDAVFixtures.names(endingWith: ".ics")
        let alphabet = Array(
            ":;,=\"\\\r\n \tBEGIN:END:VEVENTVTIMEZONEDTSTART;TZID=RRULE:FREQ=0123456789TZ-+PDHMSW".utf8)
        let from = Timestamp(secondsSinceEpoch: 1_767_225_600)
        let to = Timestamp(secondsSinceEpoch: 1_798_761_600)
        var outcomes: [String: Int] = [:]
        for round in 0..<1_500 {
            let input = WebDAVFuzzTests.mutate(
                CalDAVFixtures.bytes(names[round % names.count]), &random, alphabet: alphabet)
            do {
                let calendar = try ICalendarCalendar.parse(input)
                let zones = calendar.timeZones
                for event in try calendar.events() { _ = try ICalendarMapping.content(of: event, timeZones: zones) }
                _ = try ICalendarExpansion.instances(in: calendar, from: from, to: to)
                _ = ICalendarWriter.bytes(calendar.component)
                outcomes["ok", default: 0] += 1
            } catch {
                #expect(!error.description.isEmpty)
                outcomes[String(describing: error).prefix { $0 != "(" }.description, default: 0] += 1
            }
        }
        #expect(outcomes["ok", default: 0] > 0)
        #expect(outcomes.count > 3, "mutations should reach several error kinds: \(outcomes.keys.sorted())")
    }

    @Test func randomBytesNeverCrashTheReader() {
        var random = Xoshiro256StarStar(seed: 7)
        for _ in 0..<500 {
            let length = Int(random.below(400))
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            _ = try? ICalendarReader.components(bytes)
        }
    }
}
