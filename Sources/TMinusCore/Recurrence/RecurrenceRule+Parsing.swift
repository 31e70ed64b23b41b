extension RecurrenceRule {
    /// RFC 5545 rule parts this implementation does not expand (times within a day, week numbers,
    /// year days, RFC 7529 calendar scales): rejected by name rather than silently ignored.
    static let unsupportedParts: Set<String> = ["BYSECOND", "BYMINUTE", "BYHOUR", "BYWEEKNO", "BYYEARDAY", "RSCALE", "SKIP"]

    /// Parses an RRULE value such as `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20260601T000000Z`,
    /// with or without the `RRULE:` prefix. Part names and values are case-insensitive, empty
    /// segments (a trailing `;`) are ignored, and `X-` extension parts are ignored as RFC 5545 allows.
    ///
    /// - Throws: a ``RecurrenceError`` naming the part: missing FREQ, unsupported part or frequency,
    ///   unknown part, duplicate part, COUNT with UNTIL, or a malformed / out-of-range value.
    public init(parsing text: String) throws(RecurrenceError) {
        var body = Substring(text.trimmingContentWhitespace)
        if body.uppercased().hasPrefix("RRULE:") { body = body.dropFirst(6) }
        var values: [String: String] = [:]
        for segment in body.split(separator: ";", omittingEmptySubsequences: true) {
            guard let equals = segment.firstIndex(of: "=") else {
                throw .invalidValue(part: String(segment), value: "", expected: "NAME=VALUE pairs separated by ';'")
            }
            let name = segment[..<equals].uppercased()
            let value = String(segment[segment.index(after: equals)...]).uppercased()
            if name.hasPrefix("X-") { continue }
            if RecurrenceRule.unsupportedParts.contains(name) { throw .unsupportedPart(part: name, value: value) }
            guard RecurrenceRule.knownParts.contains(name) else { throw .unknownPart(part: name) }
            guard values[name] == nil else { throw .duplicatePart(part: name) }
            values[name] = value
        }
        try self.init(parts: values)
    }

    private static let knownParts: Set<String> = [
        "FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "WKST",
    ]

    private init(parts: [String: String]) throws(RecurrenceError) {
        guard let freqText = parts["FREQ"] else { throw .missingFrequency }
        guard let frequency = RecurrenceFrequency(rawValue: freqText) else {
            if RecurrenceFrequency.unsupported.contains(freqText) { throw .unsupportedPart(part: "FREQ", value: freqText) }
            throw .invalidValue(part: "FREQ", value: freqText, expected: "DAILY, WEEKLY, MONTHLY or YEARLY")
        }
        if parts["COUNT"] != nil, parts["UNTIL"] != nil { throw .countWithUntil }
        var end = RecurrenceEnd.never
        if let count = parts["COUNT"] { end = .count(try RecurrenceRule.integer("COUNT", count)) }
        if let untilText = parts["UNTIL"] {
            guard let until = RecurrenceUntil(text: untilText) else {
                throw .invalidValue(
                    part: "UNTIL", value: untilText, expected: "a date (20260601) or a UTC date-time (20260601T000000Z)")
            }
            end = .until(until)
        }
        var weekStart = Weekday.monday
        if let wkst = parts["WKST"] {
            guard let day = Weekday(code: wkst) else {
                throw .invalidValue(part: "WKST", value: wkst, expected: "a weekday code MO, TU, WE, TH, FR, SA or SU")
            }
            weekStart = day
        }
        try self.init(
            frequency: frequency,
            interval: try parts["INTERVAL"].map { text throws(RecurrenceError) in try RecurrenceRule.integer("INTERVAL", text) } ?? 1,
            end: end,
            byDay: try RecurrenceRule.weekdayList(parts["BYDAY"]),
            byMonthDay: try RecurrenceRule.integerList("BYMONTHDAY", parts["BYMONTHDAY"]),
            byMonth: try RecurrenceRule.integerList("BYMONTH", parts["BYMONTH"]),
            bySetPosition: try RecurrenceRule.integerList("BYSETPOS", parts["BYSETPOS"]),
            weekStart: weekStart)
    }

    /// A signed decimal integer of at most 9 digits (`+` allowed), as RFC 5545's `1*DIGIT` lists.
    static func integer(_ part: String, _ text: some StringProtocol) throws(RecurrenceError) -> Int {
        var digits = Substring(text)
        var sign = 1
        if digits.first == "+" || digits.first == "-" {
            sign = digits.first == "-" ? -1 : 1
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let value = Int(digits)
        else { throw .invalidValue(part: part, value: String(text), expected: "a whole number") }
        return sign * value
    }

    private static func integerList(_ part: String, _ text: String?) throws(RecurrenceError) -> [Int] {
        guard let text else { return [] }
        var values: [Int] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            values.append(try integer(part, item))
        }
        return values
    }

    private static func weekdayList(_ text: String?) throws(RecurrenceError) -> [WeekdayOccurrence] {
        guard let text else { return [] }
        var entries: [WeekdayOccurrence] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard item.count >= 2, let weekday = Weekday(code: item.suffix(2)) else {
                throw .invalidValue(part: "BYDAY", value: String(item), expected: "weekdays such as MO, 1MO or -1FR")
            }
            let prefix = item.dropLast(2)
            entries.append(WeekdayOccurrence(weekday, ordinal: prefix.isEmpty ? nil : try integer("BYDAY", prefix)))
        }
        return entries
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks (no Foundation needed).
    var trimmingContentWhitespace: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
