import TMinusCore

extension GraphRecurrencePattern {
    /// Graph's weekday names (`sunday` … `saturday`).
    static func weekdayName(_ day: Weekday) -> String {
        switch day {
        case .monday: return "monday"
        case .tuesday: return "tuesday"
        case .wednesday: return "wednesday"
        case .thursday: return "thursday"
        case .friday: return "friday"
        case .saturday: return "saturday"
        case .sunday: return "sunday"
        }
    }

    static func weekday(named name: String) -> Weekday? {
        Weekday.allCases.first { weekdayName($0) == name.lowercased() }
    }

    /// Reads a `patternedRecurrence` object.
    /// - Throws: ``WireDecodingError`` naming the path of a missing or unknown value.
    public init(json reader: WireReader) throws(WireDecodingError) {
        let pattern = try reader.reader("pattern")
        let range = try reader.reader("range")
        guard let kind = Kind(rawValue: try pattern.string("type")) else {
            throw WireDecodingError(
                path: pattern.path(of: "type"), expected: Kind.allCases.map(\.rawValue).joined(separator: ", "),
                found: "another value")
        }
        guard let rangeKind = RangeKind(rawValue: try range.string("type")) else {
            throw WireDecodingError(
                path: range.path(of: "type"), expected: "endDate, noEnd or numbered", found: "another value")
        }
        var days: [Weekday] = []
        for (position, entry) in try pattern.array("daysOfWeek").enumerated() {
            guard case .string(let name) = entry, let day = GraphRecurrencePattern.weekday(named: name) else {
                throw WireDecodingError(
                    path: pattern.path(of: "daysOfWeek[\(position)]"), expected: "a weekday name", found: entry.typeName
                )
            }
            days.append(day)
        }
        let first = try pattern.optionalString("firstDayOfWeek").flatMap(GraphRecurrencePattern.weekday(named:))
        let index = try pattern.optionalString("index").flatMap(Index.init(rawValue:)) ?? .first
        let interval = try pattern.optionalInt("interval") ?? 1
        let startDate = try GraphRecurrencePattern.date(range, "startDate")
        guard let startDate else {
            throw WireDecodingError(path: range.path(of: "startDate"), expected: "a date", found: "nothing")
        }
        let bounded = { (value: Int64?) -> Int in Int(max(-1, min(value ?? 0, 1_000_000))) }
        self.init(
            kind: kind, interval: bounded(interval), daysOfWeek: days, firstDayOfWeek: first ?? .sunday,
            dayOfMonth: bounded(try pattern.optionalInt("dayOfMonth")),
            month: bounded(try pattern.optionalInt("month")),
            index: index, rangeKind: rangeKind, startDate: startDate,
            endDate: try GraphRecurrencePattern.date(range, "endDate"),
            numberOfOccurrences: bounded(try range.optionalInt("numberOfOccurrences")),
            recurrenceTimeZone: try range.optionalString("recurrenceTimeZone"))
    }

    /// The `patternedRecurrence` object as Graph renders it (every member present).
    public var json: WireJSON {
        let pattern: [WireMember] = [
            WireMember("type", .string(kind.rawValue)), WireMember("interval", .number(String(interval))),
            WireMember("month", .number(String(month))), WireMember("dayOfMonth", .number(String(dayOfMonth))),
            WireMember("daysOfWeek", .array(daysOfWeek.map { .string(GraphRecurrencePattern.weekdayName($0)) })),
            WireMember("firstDayOfWeek", .string(GraphRecurrencePattern.weekdayName(firstDayOfWeek))),
            WireMember("index", .string(index.rawValue)),
        ]
        let range: [WireMember] = [
            WireMember("type", .string(rangeKind.rawValue)), WireMember("startDate", .string(startDate.description)),
            WireMember("endDate", .string(endDate?.description ?? "0001-01-01")),
            WireMember("recurrenceTimeZone", .string(recurrenceTimeZone ?? "UTC")),
            WireMember("numberOfOccurrences", .number(String(numberOfOccurrences))),
        ]
        return .object([WireMember("pattern", .object(pattern)), WireMember("range", .object(range))])
    }

    /// A `YYYY-MM-DD` member; Graph's `0001-01-01` placeholder and absence read as nil.
    private static func date(_ reader: WireReader, _ key: String) throws(WireDecodingError) -> CalendarDate? {
        guard let text = try reader.optionalString(key), !text.isEmpty, text != "0001-01-01" else { return nil }
        guard let date = CalendarDate(iso: text) else {
            throw WireDecodingError(
                path: reader.path(of: key), expected: "a date like 2026-03-02", found: "another value")
        }
        return date
    }
}
