import Foundation

/// Time-zone names and local-to-UTC conversion.
///
/// Graph sends Windows zone names ("Pacific Standard Time"); everything is stored under IANA names
/// (engine rule 14). Offsets come from the system's tz database through Foundation's `TimeZone`,
/// which is deterministic for a given tzdata version.
public enum TimeZoneNames: Sendable {
    /// The IANA name for an IANA or Windows zone name, or nil when unknown.
    public static func ianaName(for name: String) -> String? {
        if name == "UTC" || name == "Etc/UTC" || name == "GMT" { return "UTC" }
        if let mapped = windowsToIANA[name] { return mapped }
        if let known = validated.withLock({ $0[name] }) { return known ? name : nil }
        let valid = TimeZone(identifier: name) != nil  // slow on Linux: loads tzdata, so remember the answer
        validated.withLock { $0[name] = valid }
        return valid ? name : nil
    }

    /// Answers of `TimeZone(identifier:)` already looked up (only a cache: lookups are pure).
    private static let validated = LockedBox<[String: Bool]>([:])

    /// The UTC instant of a wall-clock reading in `zone` (given as if it were UTC), with RFC 5545
    /// §3.3.5 semantics: a time in a spring-forward gap moves forward, a repeated autumn time means
    /// its first (earlier) occurrence. An unknown zone reads the time as UTC.
    public static func utcInstant(forLocal local: Timestamp, in zone: String) -> Timestamp {
        guard let offsets = try? ZoneOffsets(named: zone) else { return local }
        return offsets.instant(forLocal: local)
    }

    /// Whether `instant` is what its wall-clock reading in `zone` denotes. Not so in the second
    /// pass of an autumn's repeated hour: a time with a zone (iCalendar's `TZID`, Graph's local
    /// times) means the first pass there (RFC 5545 §3.3.5), so a provider would hold another instant.
    public static func isPlainWallTime(_ instant: Timestamp, in zone: String) -> Bool {
        let local = instant.adding(.seconds(offsetSeconds(of: zone, at: instant)))
        return utcInstant(forLocal: local, in: zone) == instant
    }

    /// Offset of `zone` from UTC at `instant`, in seconds (0 for an unknown zone).
    public static func offsetSeconds(of zone: String, at instant: Timestamp) -> Int64 {
        guard let offsets = try? ZoneOffsets(named: zone) else { return 0 }
        return offsets.offset(atUTCSecond: instant.secondsSinceEpoch)
    }

    /// The Windows names Graph uses most, after CLDR's windowsZones.xml (territory 001).
    static let windowsToIANA: [String: String] = [
        "Dateline Standard Time": "Etc/GMT+12", "Hawaiian Standard Time": "Pacific/Honolulu",
        "Alaskan Standard Time": "America/Anchorage", "Pacific Standard Time": "America/Los_Angeles",
        "Mountain Standard Time": "America/Denver", "US Mountain Standard Time": "America/Phoenix",
        "Central Standard Time": "America/Chicago", "Eastern Standard Time": "America/New_York",
        "Atlantic Standard Time": "America/Halifax", "Newfoundland Standard Time": "America/St_Johns",
        "E. South America Standard Time": "America/Sao_Paulo", "Argentina Standard Time": "America/Buenos_Aires",
        "GMT Standard Time": "Europe/London", "Greenwich Standard Time": "Atlantic/Reykjavik",
        "W. Europe Standard Time": "Europe/Berlin", "Romance Standard Time": "Europe/Paris",
        "Central Europe Standard Time": "Europe/Budapest", "Central European Standard Time": "Europe/Warsaw",
        "E. Europe Standard Time": "Europe/Chisinau", "FLE Standard Time": "Europe/Kiev",
        "GTB Standard Time": "Europe/Bucharest", "Russian Standard Time": "Europe/Moscow",
        "Israel Standard Time": "Asia/Jerusalem", "South Africa Standard Time": "Africa/Johannesburg",
        "Arabian Standard Time": "Asia/Dubai", "India Standard Time": "Asia/Calcutta",
        "China Standard Time": "Asia/Shanghai", "Singapore Standard Time": "Asia/Singapore",
        "Tokyo Standard Time": "Asia/Tokyo", "Korea Standard Time": "Asia/Seoul",
        "AUS Eastern Standard Time": "Australia/Sydney", "New Zealand Standard Time": "Pacific/Auckland",
        "UTC": "UTC", "Coordinated Universal Time": "UTC",
    ]
}
