import TMinusCore

/// Seeded identifiers in the shapes Graph uses: immutable and REST item ids (long base64-like
/// strings with their documented prefixes), GUIDs, change keys, iCalendar UIDs, and the ids of
/// generated occurrences (`<series id>_<original start>`). Item ids never contain `_`, so the
/// occurrence suffix parses back unambiguously.
enum GraphIdentifiers {
    private static let idAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-".utf8)
    private static let hex = Array("0123456789abcdef".utf8)
    private static let upperHex = Array("0123456789ABCDEF".utf8)

    /// An immutable item id: `AAkALg` followed by 66 id characters and `=`.
    static func immutableID(_ random: inout Xoshiro256StarStar) -> String { "AAkALg" + characters(66, &random) + "=" }

    /// A REST item id: `AAMkAD` followed by 66 id characters and `=`.
    static func mutableID(_ random: inout Xoshiro256StarStar) -> String { "AAMkAD" + characters(66, &random) + "=" }

    /// A calendar (folder) id.
    static func calendarID(_ random: inout Xoshiro256StarStar) -> String {
        "AAMkAGI2" + characters(52, &random) + "AAA="
    }

    /// A change key such as `nfZyf7VcrEKLNoU37KWlkQAAA0x0-w==`.
    static func changeKey(_ random: inout Xoshiro256StarStar) -> String { characters(28, &random) + "==" }

    /// A lowercase GUID.
    /// (Built as bytes: appending scalars to a `String` one at a time cost about 15,000
    /// instructions a GUID. The random draws, and so the text, are the same.)
    static func guid(_ random: inout Xoshiro256StarStar) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        for (index, length) in [8, 4, 4, 4, 12].enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: "-")) }
            for _ in 0..<length { bytes.append(hex[Int(random.below(16))]) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An Outlook-style iCalendar UID (hex).
    static func iCalUID(_ random: inout Xoshiro256StarStar) -> String {
        var bytes = Array("040000008200E00074C5B7101A82E00800000000".utf8)
        for _ in 0..<32 { bytes.append(upperHex[Int(random.below(16))]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The id of the occurrence of series `seriesID` (either id form) at `originalStart`.
    static func occurrenceID(seriesID: String, originalStart: EventDateTime) -> String {
        seriesID + "_" + basic(originalStart)
    }

    /// (series id, suffix) of an occurrence id, or nil for a plain item id.
    static func splitOccurrence(_ id: String) -> (seriesID: String, suffix: String)? {
        guard let underscore = id.lastIndex(of: "_") else { return nil }
        return (String(id[..<underscore]), String(id[id.index(after: underscore)...]))
    }

    /// `20260302T090000Z` (timed, UTC) or `20260302` (all-day).
    static func basic(_ value: EventDateTime) -> String {
        switch value {
        case .allDay(let date): return date.description.filter { $0 != "-" }
        case .timed(let instant, _):
            let text = CivilTime.rfc3339(instant)
            return String(text.prefix(10)).filter { $0 != "-" } + "T"
                + String(text.dropFirst(11).prefix(8)).filter { $0 != ":" } + "Z"
        }
    }

    private static func characters(_ count: Int, _ random: inout Xoshiro256StarStar) -> String {
        var bytes: [UInt8] = []
        for _ in 0..<count { bytes.append(idAlphabet[Int(random.below(UInt64(idAlphabet.count)))]) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
