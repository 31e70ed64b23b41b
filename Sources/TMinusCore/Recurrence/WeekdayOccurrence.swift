/// One entry of an RRULE `BYDAY` list: a weekday, optionally with an ordinal.
///
/// `MO` means every Monday of the period; `1MO` the first Monday and `-1FR` the last Friday of the
/// month (MONTHLY, or YEARLY with BYMONTH) or of the year (YEARLY without BYMONTH). Ordinals are
/// only meaningful for MONTHLY and YEARLY rules; ``RecurrenceRule`` rejects them elsewhere.
public struct WeekdayOccurrence: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The day of the week.
    public var weekday: Weekday
    /// 1…53 counts from the start of the period, -1…-53 from its end; nil means every such weekday.
    public var ordinal: Int?

    /// Creates an entry; `ordinal` must be nil or in ±1…53 (checked by ``RecurrenceRule``).
    public init(_ weekday: Weekday, ordinal: Int? = nil) {
        self.weekday = weekday
        self.ordinal = ordinal
    }

    /// Orders by weekday (Monday first), then plain before numbered, then by ordinal.
    public static func < (a: WeekdayOccurrence, b: WeekdayOccurrence) -> Bool {
        if a.weekday != b.weekday { return a.weekday < b.weekday }
        switch (a.ordinal, b.ordinal) {
        case (nil, nil): return false
        case (nil, _): return true
        case (_, nil): return false
        case (let x?, let y?): return x < y
        }
    }

    /// The RRULE spelling: `MO`, `1MO`, `-1FR`.
    public var description: String { (ordinal.map(String.init) ?? "") + weekday.code }
}
