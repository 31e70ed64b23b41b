public import TMinusCore
public import TMinusProviders

/// Knobs of the sync flow, with the defaults engine.md decides.
public struct SyncConfiguration: Hashable, Sendable {
    /// How far back a full listing reaches.
    public var lookBehind: Duration = .seconds(30 * 86_400)
    /// How far ahead a full listing reaches (recurring series are expanded up to here).
    public var lookAhead: Duration = .seconds(365 * 86_400)
    /// If more than this share of a calendar's events look missing at once, nothing is deleted and
    /// the account is flagged (engine rule 3).
    public var circuitBreaker = Ratio(30, 100)

    /// The defaults.
    public init() {}

    /// The full-listing window around `now`.
    public func window(at now: Timestamp) -> ListingWindow {
        ListingWindow(start: now.adding(.nanoseconds(-lookBehind.nanoseconds)), end: now.adding(lookAhead))
    }

    /// How far beyond a window's bound an event must lie before ``liesOutside(_:_:)`` says so:
    /// providers bound all-day events in the calendar's own zone (up to 14 hours from UTC), so an
    /// event near a bound counts as inside.
    static let windowBoundSlack = Duration.seconds(86_400)

    /// True when `event` lies wholly outside `window`, a day or more before its start or after its
    /// end, so a full listing of that window never shows it and its absence there says nothing
    /// (engine rule 3): it is neither probed nor counted toward the circuit breaker. Without this,
    /// every event older than ``lookBehind`` looked missing from every full sync, and once most of
    /// an account's known events were that old each daily reconcile tripped the breaker.
    func liesOutside(_ event: CanonicalEvent, _ window: ListingWindow) -> Bool {
        !window.widened(by: Self.windowBoundSlack).overlaps(from: event.content.start.instant, to: event.content.end.instant)
    }
}
