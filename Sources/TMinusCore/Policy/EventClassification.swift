/// What a provider event is to the engine (invariant A). Exactly one applies to each event read.
public enum EventClassification: Hashable, Sendable {
    /// Authored by a human at the provider: becomes or updates a canonical event.
    case origin
    /// A mirror we wrote: compared with the expected projection, never ingested (invariant E).
    /// The markers are nil when the event was recognised only by its provider ID.
    case managedMirror(ManagedMarkers?)
    /// Carries a partial or foreign tag (some other tool's, or one marker without the other):
    /// treated as an origin, since we cannot prove we wrote it.
    case foreignManaged

    /// True when the event must be treated as user-authored.
    public var isOrigin: Bool {
        switch self {
        case .origin, .foreignManaged: return true
        case .managedMirror: return false
        }
    }
}

/// What an event's markers say about whose mirror it is (``EventClassifier/mirrorOwnership(_:)``).
public enum MirrorOwnership: Hashable, Sendable {
    /// No mirror markers of ours (a person's event, another tool's, a partial tag).
    case notOurs
    /// Our mirror of this canonical event.
    case ours(canonicalEventID: String)
    /// Our mirror, but the markers name no canonical event: Graph listings carry only our category;
    /// reading the event itself gives the extended property that names it.
    case oursUnnamed

    /// True unless the markers name another canonical event than `canonicalEventID` (or none of ours).
    public func mayBeMirror(of canonicalEventID: String) -> Bool {
        switch self {
        case .notOurs: return false
        case .ours(let named): return named == canonicalEventID
        case .oursUnnamed: return true
        }
    }
}

/// Decides ``EventClassification`` from marker evidence and the mirrors we recorded (engine rule 1).
///
/// Managed iff our markers are present in the provider's scheme, or the event's provider ID is a
/// mirror we recorded in that account (covers payloads that come back without extensions, such as
/// Google cancellations).
public enum EventClassifier: Sendable {
    /// Classifies one provider event.
    /// - Parameters:
    ///   - evidence: the markers found on the event.
    ///   - isRecordedMirror: whether the provider ID is a mirror row we hold for this account.
    public static func classify(_ evidence: MarkerEvidence, isRecordedMirror: Bool) -> EventClassification {
        switch decode(evidence) {
        case .some(.some(let markers)): return .managedMirror(markers)
        case .some(.none): return isRecordedMirror ? .managedMirror(nil) : .foreignManaged
        case .none: return isRecordedMirror ? .managedMirror(nil) : .origin
        }
    }

    /// `nil`: no marker namespace of ours at all; `.some(nil)`: a partial/foreign tag;
    /// `.some(markers)`: fully ours (missing IDs decode as empty strings only on the category fallback).
    static func decode(_ evidence: MarkerEvidence) -> ManagedMarkers?? {
        switch evidence {
        case .none:
            return nil
        case .google(let props):
            typealias K = ManagedMarkers.GoogleKey
            guard props[K.tminus] != nil || props[K.managed] != nil else { return nil }
            guard props[K.tminus] == "true", props[K.managed] == "true" else { return .some(nil) }
            return .some(markers(props[K.canonicalEventID], props[K.originAccountID]))
        case .microsoft(let value, let categories):
            if let value {
                let fields = parseMicrosoftValue(value)
                if fields["tminus"] == "true", fields["managed"] == "true" {
                    return .some(markers(fields["canonical_event_id"], fields["origin_account_id"]))
                }
            }
            if categories.contains(ManagedMarkers.microsoftCategory) {
                return .some(ManagedMarkers(canonicalEventID: "", originAccountID: ""))
            }
            return value == nil ? nil : .some(nil)
        case .caldav(let props):
            typealias P = ManagedMarkers.CalDAVProperty
            guard let managed = props[P.managed] else { return nil }
            guard managed.lowercased() == "true" else { return .some(nil) }
            return .some(markers(props[P.canonicalEventID], props[P.originAccountID]))
        }
    }

    /// Whose mirror an event is by its markers alone, as a delete's ownership check asks it (engine
    /// rule 9: we delete only events carrying our mirror markers). A recorded provider ID is no
    /// evidence here: the event at that ID may since have been replaced by someone else's.
    public static func mirrorOwnership(_ evidence: MarkerEvidence) -> MirrorOwnership {
        guard case .managedMirror(let markers?) = classify(evidence, isRecordedMirror: false) else { return .notOurs }
        return markers.canonicalEventID.isEmpty ? .oursUnnamed : .ours(canonicalEventID: markers.canonicalEventID)
    }

    /// Our markers on an event we wrote, mirror or write-through origin; nil when the event carries
    /// none of ours (or only the bare Graph category, which names no canonical event).
    public static func ourMarkers(_ evidence: MarkerEvidence) -> ManagedMarkers? {
        if let origin = writeThroughMarkers(evidence) { return origin }
        guard case .managedMirror(let markers?) = classify(evidence, isRecordedMirror: false),
            !markers.canonicalEventID.isEmpty
        else { return nil }
        return markers
    }

    /// The markers of an origin created through T-Minus (``ManagedMarkers/Role/writeThroughOrigin``:
    /// our `tminus` tag, `managed` false, and a canonical ID); nil for any other evidence. Such an
    /// event still classifies as ``EventClassification/foreignManaged`` (an origin).
    public static func writeThroughMarkers(_ evidence: MarkerEvidence) -> ManagedMarkers? {
        let canonical: String?
        let origin: String?
        switch evidence {
        case .none:
            return nil
        case .google(let props):
            typealias K = ManagedMarkers.GoogleKey
            guard props[K.tminus] == "true", props[K.managed] == "false" else { return nil }
            (canonical, origin) = (props[K.canonicalEventID], props[K.originAccountID])
        case .microsoft(let value, _):
            let fields = value.map(parseMicrosoftValue) ?? [:]
            guard fields["tminus"] == "true", fields["managed"] == "false" else { return nil }
            (canonical, origin) = (fields["canonical_event_id"], fields["origin_account_id"])
        case .caldav(let props):
            typealias P = ManagedMarkers.CalDAVProperty
            guard props[P.managed]?.lowercased() == "false" else { return nil }
            (canonical, origin) = (props[P.canonicalEventID], props[P.originAccountID])
        }
        guard let canonical, !canonical.isEmpty else { return nil }
        return ManagedMarkers(canonicalEventID: canonical, originAccountID: origin ?? "", role: .writeThroughOrigin)
    }

    private static func markers(_ canonical: String?, _ origin: String?) -> ManagedMarkers {
        ManagedMarkers(canonicalEventID: canonical ?? "", originAccountID: origin ?? "")
    }

    static func parseMicrosoftValue(_ value: String) -> [String: String] {
        var fields: [String: String] = [:]
        // Character separators: a String literal here would pick the generic substring search.
        for pair in value.split(separator: ";" as Character) {
            let parts = pair.split(separator: "=" as Character, maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        return fields
    }
}
