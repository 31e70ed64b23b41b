/// A strict RFC 3339 / ISO 8601 date-time reader that needs no Foundation formatter.
///
/// Accepts `YYYY-MM-DDTHH:MM:SS`, an optional fraction of any length (Graph sends seven digits),
/// and an optional `Z` or `±HH:MM` offset. The iCalendar basic form `YYYYMMDDTHHMMSS[Z]` is accepted too.
enum RFC3339 {
    struct Parsed {
        /// The wall-clock reading interpreted as if it were UTC.
        var localAsUTC: Timestamp
        /// The offset east of UTC in seconds, when the text carried one.
        var offsetSeconds: Int64?
    }

    static func parse(_ text: String) -> Parsed? {
        var bytes = Array(text.utf8)
        var offset: Int64?
        if bytes.last == UInt8(ascii: "Z") || bytes.last == UInt8(ascii: "z") {
            offset = 0
            bytes.removeLast()
        } else if bytes.count > 6, let sign = signAt(bytes, bytes.count - 6),
            bytes[bytes.count - 3] == UInt8(ascii: ":")
        {
            guard let h = ASCIIDigits.parse(bytes[(bytes.count - 5)..<(bytes.count - 3)]),
                let m = ASCIIDigits.parse(bytes[(bytes.count - 2)...]), h < 24, m < 60
            else { return nil }
            offset = sign * (h * 3600 + m * 60)
            bytes.removeLast(6)
        }
        guard let (days, seconds, nanos) = parseLocal(bytes) else { return nil }
        let local = Timestamp(nanosecondsSinceEpoch: (days * 86_400 + seconds) * 1_000_000_000 + nanos)
        return Parsed(localAsUTC: local, offsetSeconds: offset)
    }

    private static func signAt(_ bytes: [UInt8], _ index: Int) -> Int64? {
        if bytes[index] == UInt8(ascii: "+") { return 1 }
        if bytes[index] == UInt8(ascii: "-") { return -1 }
        return nil
    }

    private static func parseLocal(_ bytes: [UInt8]) -> (Int64, Int64, Int64)? {
        let extended = bytes.count >= 19 && bytes[4] == UInt8(ascii: "-") && bytes[10] == UInt8(ascii: "T")
        let basic = bytes.count == 15 && bytes[8] == UInt8(ascii: "T")
        guard extended || basic else { return nil }
        let dateEnd = extended ? 10 : 8
        guard let date = CalendarDate(iso: String(decoding: bytes[0..<dateEnd], as: UTF8.self)), date.hasExactInstant else {
            return nil
        }
        let timeStart = dateEnd + 1
        let fields: [Range<Int>] =
            extended
            ? [timeStart..<(timeStart + 2), (timeStart + 3)..<(timeStart + 5), (timeStart + 6)..<(timeStart + 8)]
            : [9..<11, 11..<13, 13..<15]
        if extended, bytes[timeStart + 2] != UInt8(ascii: ":") || bytes[timeStart + 5] != UInt8(ascii: ":") {
            return nil
        }
        guard let h = ASCIIDigits.parse(bytes[fields[0]]), let m = ASCIIDigits.parse(bytes[fields[1]]),
            let s = ASCIIDigits.parse(bytes[fields[2]]), h < 24, m < 60, s < 61
        else { return nil }
        var nanos: Int64 = 0
        let rest = bytes[(extended ? timeStart + 8 : 15)...]
        if !rest.isEmpty {
            guard extended, rest.first == UInt8(ascii: "."), rest.count > 1,
                let fraction = ASCIIDigits.parse(rest.dropFirst().prefix(9))
            else { return nil }
            guard rest.dropFirst().allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                return nil
            }
            var scale: Int64 = 1
            for _ in 0..<(9 - min(9, rest.count - 1)) { scale *= 10 }
            nanos = fraction * scale
        }
        return (date.daysSinceEpoch, h * 3600 + m * 60 + min(s, 59), nanos)
    }
}
