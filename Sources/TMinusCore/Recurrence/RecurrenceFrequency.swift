/// How often a recurrence rule's periods repeat (the RRULE `FREQ` part).
///
/// Only the day-or-longer frequencies are supported; `SECONDLY`, `MINUTELY` and `HOURLY` are
/// rejected by the parser with ``RecurrenceError/unsupportedPart(part:value:)``, because calendar
/// providers do not produce them for events and their expansion is unbounded within a day.
public enum RecurrenceFrequency: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case daily = "DAILY"
    case weekly = "WEEKLY"
    case monthly = "MONTHLY"
    case yearly = "YEARLY"

    /// The RFC 5545 frequencies this implementation deliberately does not expand.
    static let unsupported: Set<String> = ["SECONDLY", "MINUTELY", "HOURLY"]

    public var description: String { rawValue }
}
