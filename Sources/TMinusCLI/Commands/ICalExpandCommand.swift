import Foundation
import TMinusCore
import TMinusProviders

/// `tminus ical expand <file.ics>... --from <instant> --to <instant>`: every event instance in a
/// window, one tab-separated line each, for debugging strange calendars and for comparing our
/// expansion with other implementations.
struct ICalExpandCommand: CLICommand {
    static let name = "expand"
    static let abstract = "Print every event instance of .ics files that overlaps a time window."
    static let usage = "tminus ical expand <file.ics>... --from <instant> --to <instant>"
    static let discussion = """
        Reads each file (one or more VCALENDARs), groups recurring masters with their RECURRENCE-ID overrides by
        UID, expands RRULE/RDATE/EXDATE with the recurrence engine and prints the instances that overlap
        [from, to), sorted by start, then UID, then recurrence ID. Columns, separated by tabs: UID, recurrence ID
        (the instance's original start: UTC for timed series, a date for all-day ones, '-' for events that do not
        recur), start and end. Timed values are UTC instants (2026-07-02T07:00:00Z), all-day values dates
        (2026-07-02, end exclusive), floating times their wall-clock reading marked '(floating)'. TZIDs resolve
        through the tz database or the file's own VTIMEZONE rules. A malformed file stops with file:line and exit 65.
        """
    static let options: [OptionSpec] = [
        .positional("file.ics", help: "iCalendar files to read.", repeating: true),
        .option(
            "--from", value: "instant",
            help: "Window start (inclusive): 2026-07-01T00:00:00Z, 20260701T000000Z or 2026-07-01.", required: true),
        .option("--to", value: "instant", help: "Window end (exclusive), in the same forms.", required: true),
    ]

    let files: [String]
    let from: Timestamp
    let to: Timestamp

    init(parsed: ParsedArguments) throws(CommandLineError) {
        files = parsed.strings("file.ics")
        let expected = "an instant like 2026-07-01T00:00:00Z, 20260701T000000Z or a date like 2026-07-01 (UTC midnight)"
        guard let from = try parsed.convert("--from", expected: expected, Self.instant),
            let to = try parsed.convert("--to", expected: expected, Self.instant)
        else { throw .missingRequired("--from and --to") }
        self.from = from
        self.to = to
    }

    func validate() throws(CommandLineError) {
        guard from < to else { throw .invalid("--to must be after --from (the window is [from, to))") }
    }

    /// Reads `2026-07-01T00:00:00Z` (any RFC 3339 offset), `20260701T000000Z` or `2026-07-01`.
    static func instant(_ text: String) -> Timestamp? {
        if case .utc(let instant)? = ICalendarDateTime.parse(text: Substring(text), tzid: nil) { return instant }
        if text.utf8.count == 10, let date = CalendarDate(iso: text) { return date.startOfDayUTC }
        let dateTime = try? EventDateTime.parse(dateTime: text, date: nil, timeZone: nil, field: "instant")
        return dateTime.map(\.instant)
    }

    func run(_ io: CommandIO) -> ExitCode {
        var instances: [ICalendarInstance] = []
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                io.printError("tminus: error: cannot read \(path): no such file or not readable")
                return ExitCode(66)
            }
            do {
                for calendar in try ICalendarCalendar.parseAll(Array(data)) {
                    instances += try ICalendarExpansion.instances(in: calendar, from: from, to: to)
                }
            } catch {
                io.printError("tminus: error: \(Self.located(error, in: path))")
                return .dataError
            }
        }
        for instance in ICalendarExpansion.sorted(instances) {
            let columns = [
                instance.uid, instance.recurrenceID?.valueText ?? "-",
                Self.render(instance.start, floating: instance.isFloating),
                Self.render(instance.end, floating: instance.isFloating),
            ]
            io.print(columns.map(Self.oneLine).joined(separator: "\t"))
        }
        return .success
    }

    /// `file:line: message` (the error's own "line N: " prefix moved in front).
    static func located(_ error: ICalendarError, in path: String) -> String {
        let text = error.description
        guard error.line > 0 else { return "\(path): \(text)" }
        let prefix = "line \(error.line): "
        return "\(path):\(error.line): " + (text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text)
    }

    static func render(_ value: EventDateTime, floating: Bool) -> String {
        switch value {
        case .allDay(let date): return date.description
        case .timed(let instant, _):
            let text = String(instant.description.prefix(19))
            return floating ? text + " (floating)" : text + "Z"
        }
    }

    /// Keeps one instance on one line whatever the UID holds.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
