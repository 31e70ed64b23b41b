import TMinusCore

/// Remembers how the checker's view classifies an inspected event by its markers, so an event a
/// check saw before is not decoded again (the Graph marker value is parsed, the CalDAV and Google
/// properties looked up, on every inspection otherwise).
///
/// Guarantee: ``classify(_:in:)`` returns exactly
/// `EventClassifier.classify(account.markers(of: event), isRecordedMirror: false)`. Markers depend
/// only on the provider and the event's private properties, and classification is a pure function
/// of the markers, so the memo is keyed by both and never goes stale; nothing in it reaches
/// behaviour or output except through that same value.
final class MarkerClassifications: Sendable {
    private struct Key: Hashable, Sendable {
        var provider: ProviderKind
        var properties: [String: String]
    }

    private let memo = LockedBox([Key: EventClassification]())

    /// An empty memo.
    init() {}

    /// How `event` of `account` classifies (never as a recorded mirror: the checker judges the truth).
    func classify(_ event: InspectedEvent, in account: WorldAccount) -> EventClassification {
        let key = Key(provider: account.provider, properties: event.privateProperties)
        if let known = memo.withLock({ $0[key] }) { return known }
        let classification = EventClassifier.classify(account.markers(of: event), isRecordedMirror: false)
        memo.withLock { $0[key] = classification }
        return classification
    }
}
