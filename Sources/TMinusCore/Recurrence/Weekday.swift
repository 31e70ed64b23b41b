/// A day of the week, spelled as iCalendar spells it (`MO` … `SU`).
///
/// Raw values count from Monday = 0, so `(a.rawValue - b.rawValue) mod 7` is the number of days
/// from weekday `b` forward to weekday `a`. ``init(daysSinceEpoch:)`` is pure integer arithmetic.
public enum Weekday: Int, CaseIterable, Hashable, Comparable, Sendable, CustomStringConvertible {
    case monday = 0, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The weekday of a day counted from 1970-01-01 (which was a Thursday).
    public init(daysSinceEpoch days: Int64) {
        self = Weekday(rawValue: Int(floorMod(days + 3, 7)))!
    }

    /// The weekday of a calendar date.
    public init(_ date: CalendarDate) { self.init(daysSinceEpoch: date.daysSinceEpoch) }

    /// Parses the two-letter iCalendar code (`MO`, `tu`, …), case-insensitively.
    public init?(code: some StringProtocol) {
        guard let match = Weekday.allCases.first(where: { $0.code == code.uppercased() }) else { return nil }
        self = match
    }

    /// The two-letter iCalendar code, e.g. `MO`.
    public var code: String {
        switch self {
        case .monday: return "MO"
        case .tuesday: return "TU"
        case .wednesday: return "WE"
        case .thursday: return "TH"
        case .friday: return "FR"
        case .saturday: return "SA"
        case .sunday: return "SU"
        }
    }

    /// Days from `other` forward to `self` (0…6).
    public func days(after other: Weekday) -> Int64 { floorMod(Int64(rawValue - other.rawValue), 7) }

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }

    public var description: String { code }
}

@inline(__always)
func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }
