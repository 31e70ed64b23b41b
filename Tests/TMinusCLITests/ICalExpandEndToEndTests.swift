import Foundation
import Testing

/// `tminus ical expand`, run as a user runs it.
struct ICalExpandEndToEndTests {
    private static let recurring = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//caldav-peer//populate.py//EN
        BEGIN:VTIMEZONE
        TZID:Europe/Berlin
        BEGIN:DAYLIGHT
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        DTSTART:19700329T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        DTSTART:19701025T030000
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
        END:STANDARD
        END:VTIMEZONE
        BEGIN:VEVENT
        UID:peer-7-000003@caldav-peer.test
        DTSTAMP:20251201T000151Z
        SUMMARY:#3 recur-tz São Paulo Ärzte
        DTSTART;TZID=Europe/Berlin:20261015T090000
        DTEND;TZID=Europe/Berlin:20261015T110000
        RRULE:FREQ=WEEKLY;COUNT=4
        EXDATE;TZID=Europe/Berlin:20261022T090000
        END:VEVENT
        BEGIN:VEVENT
        UID:peer-7-000003@caldav-peer.test
        DTSTAMP:20251201T000151Z
        RECURRENCE-ID;TZID=Europe/Berlin:20261029T090000
        DTSTART;TZID=Europe/Berlin:20261029T100000
        DTEND;TZID=Europe/Berlin:20261029T120000
        SUMMARY:moved\\, one hour later
        END:VEVENT
        END:VCALENDAR

        """

    private static let mixed = """
        BEGIN:VCALENDAR
        BEGIN:VEVENT
        UID:holiday
        DTSTART;VALUE=DATE:20261026
        DTSTAMP:20260101T000000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:alarm-clock
        DTSTART:20261025T070000
        DURATION:PT15M
        RRULE:FREQ=DAILY;COUNT=2
        DTSTAMP:20260101T000000Z
        END:VEVENT
        END:VCALENDAR

        """

    private func write(_ text: String, name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tminus-ical-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func expandsAcrossTheDSTChangeWithOverrideAndExclusionSortedAndTabSeparated() throws {
        let recurring = try write(Self.recurring, name: "recurring.ics")
        let mixed = try write(Self.mixed, name: "mixed.ics")
        let result = try TestBinary.run([
            "ical", "expand", recurring, mixed, "--from", "2026-10-01", "--to", "2026-11-30T00:00:00Z",
        ])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        let uid = "peer-7-000003@caldav-peer.test"
        #expect(
            result.stdout.split(separator: "\n").map(String.init) == [
                "\(uid)\t20261015T070000Z\t2026-10-15T07:00:00Z\t2026-10-15T09:00:00Z",
                "alarm-clock\t20261025T070000\t2026-10-25T07:00:00 (floating)\t2026-10-25T07:15:00 (floating)",
                "holiday\t-\t2026-10-26\t2026-10-27",
                "alarm-clock\t20261026T070000\t2026-10-26T07:00:00 (floating)\t2026-10-26T07:15:00 (floating)",
                "\(uid)\t20261029T080000Z\t2026-10-29T09:00:00Z\t2026-10-29T11:00:00Z",
                "\(uid)\t20261105T080000Z\t2026-11-05T08:00:00Z\t2026-11-05T10:00:00Z",
            ])
    }

    @Test func aMalformedFileIsAClearErrorWithFileAndLineAndExit65() throws {
        let bad = try write(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:2026-10-01\nEND:VEVENT\nEND:VCALENDAR\n", name: "bad.ics")
        let result = try TestBinary.run(["ical", "expand", bad, "--from", "2026-10-01", "--to", "2026-10-02"])
        #expect(result.exitedNormally)
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.hasPrefix("tminus: error: \(bad):4: DTSTART value \"2026-10-01\" is not valid"),
            "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))

        let broken = try write("BEGIN:VCALENDAR\nBEGIN:VEVENT\n", name: "broken.ics")
        let unterminated = try TestBinary.run(["ical", "expand", broken, "--from", "2026-10-01", "--to", "2026-10-02"])
        #expect(unterminated.status == 65)
        #expect(unterminated.stderr.hasPrefix("tminus: error: \(broken):2: BEGIN:VEVENT is never closed"))
    }

    @Test func missingFilesAndBackwardsWindowsAreRefused() throws {
        let missing = try TestBinary.run([
            "ical", "expand", "/nonexistent/x.ics", "--from", "2026-10-01", "--to", "2026-10-02",
        ])
        #expect(missing.status == 66)
        #expect(missing.stderr.hasPrefix("tminus: error: cannot read /nonexistent/x.ics"))
        let file = try write(Self.mixed, name: "window.ics")
        let backwards = try TestBinary.run(["ical", "expand", file, "--from", "2026-10-02", "--to", "2026-10-01"])
        #expect(backwards.status == 64)
        #expect(backwards.stderr.contains("--to must be after --from"))
        let garbled = try TestBinary.run(["ical", "expand", file, "--from", "yesterday", "--to", "2026-10-01"])
        #expect(garbled.status == 64)
    }
}
