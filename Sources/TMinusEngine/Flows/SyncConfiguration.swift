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

    /// True when the event lies outside the listing window, so its absence says nothing at all.
    func isOutsideWindow(_ event: CanonicalEvent, listing: EventListing) -> Bool {
        false  // the window is applied server-side; probes settle the rest
    }
}
