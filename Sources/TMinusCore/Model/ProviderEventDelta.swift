/// One change read from a provider calendar, after wire parsing and before classification.
///
/// Providers rarely say "created" reliably, so `created` and `updated` are both upserts by origin
/// identity; `deleted` is positive evidence of deletion (engine rule 3) and carries no content.
public struct ProviderEventDelta: Hashable, Sendable {
    /// What the provider reported.
    public enum Kind: String, CaseIterable, Sendable {
        case created, updated, deleted
    }

    public var kind: Kind
    /// The provider's event identity (for recurring instances, the instance identity).
    public var providerEventID: String
    /// The provider calendar the event lives in.
    public var calendarID: String
    /// The event as the provider shows it; required for created/updated.
    public var content: EventContent?
    /// Our markers as found on the event, if any (decides managed vs origin, invariant A).
    public var markers: MarkerEvidence
    /// When the provider last modified the event, by the **server's** clock, when the answer said
    /// (Google `updated`, Graph `lastModifiedDateTime`). Only ever compared with another stamp of
    /// the same provider: it tells a listing that lags behind our own write (replication lag) from
    /// a person's edit made after it.
    public var providerUpdatedAt: Timestamp?

    /// Creates a delta.
    public init(
        kind: Kind, providerEventID: String, calendarID: String, content: EventContent?,
        markers: MarkerEvidence = .none, providerUpdatedAt: Timestamp? = nil
    ) {
        self.kind = kind
        self.providerEventID = providerEventID
        self.calendarID = calendarID
        self.content = content
        self.markers = markers
        self.providerUpdatedAt = providerUpdatedAt
    }

    /// Rejects a delta that cannot be applied, naming the field (`deltas[3].content.end`, …).
    public func validate(field prefix: String) throws(ModelError) {
        if providerEventID.isEmpty { throw .missingField(field: prefix + ".providerEventID") }
        if calendarID.isEmpty { throw .missingField(field: prefix + ".calendarID") }
        switch kind {
        case .created, .updated:
            guard let content else { throw .missingField(field: prefix + ".content") }
            try content.validate(field: prefix + ".content")
        case .deleted:
            break
        }
    }
}
