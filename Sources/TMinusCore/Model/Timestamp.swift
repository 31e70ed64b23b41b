/// An instant in UTC, as integer nanoseconds since the Unix epoch.
///
/// All comparisons of event times in the engine are comparisons of ``Timestamp`` values, never of
/// strings (engine rule 14). Integer time keeps seeded runs bit-identical across machines.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    public var nanosecondsSinceEpoch: Int64

    /// Creates an instant from nanoseconds since the Unix epoch.
    public init(nanosecondsSinceEpoch: Int64) { self.nanosecondsSinceEpoch = nanosecondsSinceEpoch }

    /// Creates an instant from whole milliseconds since the Unix epoch.
    public init(millisecondsSinceEpoch: Int64) { self.nanosecondsSinceEpoch = millisecondsSinceEpoch * 1_000_000 }

    /// Creates an instant from whole seconds since the Unix epoch.
    public init(secondsSinceEpoch: Int64) { self.nanosecondsSinceEpoch = secondsSinceEpoch * 1_000_000_000 }

    /// Whole milliseconds since the epoch (floor).
    public var millisecondsSinceEpoch: Int64 { floorDiv(nanosecondsSinceEpoch, 1_000_000) }

    /// Whole seconds since the epoch (floor).
    public var secondsSinceEpoch: Int64 { floorDiv(nanosecondsSinceEpoch, 1_000_000_000) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }

    /// The instant `duration` later (saturating at the representable range).
    public func adding(_ duration: Duration) -> Timestamp {
        Timestamp(nanosecondsSinceEpoch: nanosecondsSinceEpoch &+ duration.nanoseconds)
    }

    /// The signed duration from `other` to `self`.
    public func duration(since other: Timestamp) -> Duration {
        .nanoseconds(nanosecondsSinceEpoch &- other.nanosecondsSinceEpoch)
    }

    /// RFC 3339 in UTC with millisecond precision, e.g. `2026-03-02T08:00:00.000Z`.
    public var description: String { CivilTime.rfc3339(self) }
}

extension Duration {
    /// The duration as whole nanoseconds (truncated toward zero; saturating on overflow). One
    /// 128-bit division of ``attoseconds``, a fifth of the cost of going through `components`
    /// (every virtual clock reading and timestamp arithmetic goes through here).
    public var nanoseconds: Int64 {
        let nanoseconds = attoseconds / 1_000_000_000
        return Int64(exactly: nanoseconds) ?? (nanoseconds < 0 ? Int64.min : Int64.max)
    }
}

@inline(__always)
func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
