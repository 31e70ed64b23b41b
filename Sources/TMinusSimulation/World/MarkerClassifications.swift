import TMinusCore

/// Remembers how the checker's view classified each inspected event by its markers, so an event a
/// check saw before is not decoded again (the Graph marker value is parsed, the CalDAV and Google
/// properties looked up, on every inspection otherwise).
///
/// Guarantee: ``classify(_:in:)`` returns exactly
/// `EventClassifier.classify(account.markers(of: event), isRecordedMirror: false)`. Markers depend
/// only on the provider and the event's private properties, and classification is a pure function
/// of the markers; a remembered answer is reused only when both are equal to the ones it was
/// computed from (the fakes hand out the same stored properties until the event changes, so the
/// comparison is usually a check of identity).
final class MarkerClassifications: Sendable {
    private struct Key: Hashable, Sendable {
        var login: String
        var eventID: String
    }

    private struct Seen: Sendable {
        var provider: ProviderKind
        var properties: [String: String]
        var classification: EventClassification
    }

    private let memo = LockedBox([Key: Seen]())

    /// An empty memo.
    init() {}

    /// How `event` of `account` classifies (never as a recorded mirror: the checker judges the truth).
    func classify(_ event: InspectedEvent, in account: WorldAccount) -> EventClassification {
        let key = Key(login: account.login, eventID: event.id)
        if let seen = memo.withLock({ $0[key] }), seen.provider == account.provider,
            seen.properties == event.privateProperties
        {
            return seen.classification
        }
        let classification = EventClassifier.classify(account.markers(of: event), isRecordedMirror: false)
        memo.withLock {
            $0[key] = Seen(provider: account.provider, properties: event.privateProperties, classification: classification)
        }
        return classification
    }
}
