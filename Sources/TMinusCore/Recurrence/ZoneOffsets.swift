import Foundation

/// Local wall-clock ↔ UTC conversion for one time zone, with RFC 5545 §3.3.5 semantics.
///
/// - A local time in a spring-forward gap (02:30 on the March change) is read with the offset
///   before the gap, so it lands after the gap (03:30 in the new offset) — RFC 5545's own example
///   `TZID=America/New_York:20070311T023000` is 03:30 EDT.
/// - A local time that occurs twice (the autumn change) means the first occurrence (the earlier
///   instant), e.g. `20071104T013000` in New York is 01:30 EDT.
///
/// Offsets come from the system tz database via Foundation. `TimeZone(identifier:)` is slow on
/// Linux, so zones are looked up once per name and kept (the lookup is pure).
struct ZoneOffsets: Sendable {
    /// The zone's IANA name ("UTC" for the fixed UTC zone).
    let name: String
    private let zone: TimeZone?

    /// The zone for an IANA or Windows name.
    /// - Throws: ``RecurrenceError/unknownTimeZone(name:)`` for a name the tz database lacks.
    init(named rawName: String) throws(RecurrenceError) {
        guard let iana = TimeZoneNames.ianaName(for: rawName) else { throw .unknownTimeZone(name: rawName) }
        if iana == "UTC" {
            self = .utc
            return
        }
        guard let zone = ZoneOffsets.lookup(iana) else { throw .unknownTimeZone(name: rawName) }
        self.name = iana
        self.zone = zone
    }

    private init(utcNamed name: String) {
        self.name = name
        self.zone = nil
    }

    /// Fixed UTC (also used for timed series that carry no zone).
    static let utc = ZoneOffsets(utcNamed: "UTC")

    private static let cache = LockedBox<[String: TimeZone]>([:])

    private static func lookup(_ name: String) -> TimeZone? {
        if let known = cache.withLock({ $0[name] }) { return known }
        guard let zone = TimeZone(identifier: name) else { return nil }
        cache.withLock { $0[name] = zone }
        return zone
    }

    /// Seconds east of UTC at an instant given in seconds since the epoch.
    func offset(atUTCSecond second: Int64) -> Int64 {
        guard let zone else { return 0 }
        return Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(second))))
    }

    /// The wall-clock reading of an instant, as if it were UTC.
    func local(_ instant: Timestamp) -> Timestamp {
        instant.adding(.seconds(offset(atUTCSecond: instant.secondsSinceEpoch)))
    }

    /// The instant of a wall-clock reading (given as if it were UTC), resolving gaps and overlaps
    /// as RFC 5545 §3.3.5 says (see the type's documentation).
    func instant(forLocal local: Timestamp) -> Timestamp {
        guard zone != nil else { return local }
        let localSecond = local.secondsSinceEpoch
        let before = offset(atUTCSecond: localSecond - 86_400)
        let after = offset(atUTCSecond: localSecond + 86_400)
        let viaBefore = localSecond - before
        let viaAfter = localSecond - after
        let beforeValid = offset(atUTCSecond: viaBefore) == before
        let afterValid = offset(atUTCSecond: viaAfter) == after
        let second: Int64
        switch (beforeValid, afterValid) {
        case (true, true): second = min(viaBefore, viaAfter)  // overlap (or no change): the first occurrence
        case (true, false): second = viaBefore
        case (false, true): second = viaAfter
        case (false, false): second = viaBefore  // gap: the offset before the gap moves the time forward
        }
        return local.adding(.seconds(second - localSecond))
    }
}
