import Foundation
import TMinusCore

/// Wall-clock → instant with RFC 5545 §3.3.5 semantics, for any zone given as an offset function:
/// a reading inside a spring-forward gap is read with the offset in force before the gap (so it
/// lands after it: 02:30 → 03:30), and a reading that occurs twice means the earlier instant.
/// The recurrence engine resolves IANA zones the same way, so both agree on every instance.
enum ICalendarLocalResolution {
    /// The instant of `local`, given `offsetAt(utcSecond)` in seconds east of UTC.
    static func instant(of local: ICalendarLocalDateTime, offsetAt: (Int64) -> Int64) -> Timestamp {
        let wall = local.wallSeconds
        let before = offsetAt(wall - 86_400)
        let after = offsetAt(wall + 86_400)
        if before == after, offsetAt(wall - before) == before { return Timestamp(secondsSinceEpoch: wall - before) }
        let early = wall - before
        let late = wall - after
        let earlyValid = offsetAt(early) == before
        let lateValid = offsetAt(late) == after
        switch (earlyValid, lateValid) {
        case (true, true): return Timestamp(secondsSinceEpoch: min(early, late))
        case (false, true): return Timestamp(secondsSinceEpoch: late)
        default: return Timestamp(secondsSinceEpoch: early)
        }
    }

    /// The instant of `local` in the tz database zone `name`.
    static func instant(of local: ICalendarLocalDateTime, inZoneNamed name: String) -> Timestamp {
        if name == "UTC" { return local.asUTC }
        return instant(of: local) { offsetSeconds(of: name, atUTCSecond: $0) }
    }

    /// The wall-clock reading of `instant` in the zone (the inverse direction, no ambiguity).
    static func local(of instant: Timestamp, in zone: ICalendarTimeZones.Zone) -> ICalendarLocalDateTime {
        let seconds = instant.secondsSinceEpoch
        switch zone {
        case .iana(let name):
            return ICalendarLocalDateTime(wallSeconds: seconds + offsetSeconds(of: name, atUTCSecond: seconds))
        case .custom(let definition):
            return ICalendarLocalDateTime(wallSeconds: seconds + definition.offsetSeconds(at: instant))
        }
    }

    /// Seconds east of UTC of the tz database zone `name` (0 for an unknown name).
    static func offsetSeconds(of name: String, atUTCSecond second: Int64) -> Int64 {
        guard let zone = lookup(name) else { return 0 }
        return Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(second))))
    }

    /// `TimeZone(identifier:)` loads tzdata on Linux and is slow, so zones are kept once found
    /// (a pure cache: the answer for a name never changes within a process).
    private static let zones = LockedBox<[String: TimeZone]>([:])

    private static func lookup(_ name: String) -> TimeZone? {
        if let known = zones.withLock({ $0[name] }) { return known }
        guard let zone = TimeZone(identifier: name) else { return nil }
        zones.withLock { $0[name] = zone }
        return zone
    }
}
