public import TMinusCore

/// How our markers and our idempotency key live on a Graph event (pure).
///
/// - Markers: one single-value extended property (``GraphConfiguration/markerPropertyID``) whose
///   value is ``ManagedMarkers/microsoftPropertyValue``, plus the category
///   ``ManagedMarkers/microsoftCategory`` as a fallback, since some payloads drop extensions
///   (calendarView delta never carries them: `$expand` is not supported there, M-DELTA).
/// - Idempotency: `transactionId`, derived from the ``MirrorKey`` only, so a create retried after
///   a lost response carries the same key and Graph avoids the duplicate (M-EVT).
public enum GraphMarkers: Sendable {
    /// The `transactionId` of the mirror identified by `key`: SHA-256 of
    /// (`tminus.graph.transaction-id.v1` ␀ canonical ␀ target), first 128 bits, in GUID form.
    public static func transactionID(for key: MirrorKey) -> String {
        var hasher = SHA256()
        hasher.update("tminus.graph.transaction-id.v1")
        hasher.update([0])
        hasher.update(key.canonicalEventID)
        hasher.update([0])
        hasher.update(key.targetAccountID)
        let hex = Array(hasher.finalize().hex.uppercased().prefix(32))
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }
        return groups.joined(separator: "-")
    }

    /// True when two extended-property ids name the same property: the type and GUID compare
    /// case-insensitively, the `Name` part case-sensitively (M-XPG).
    public static func sameProperty(_ a: String, _ b: String) -> Bool {
        let left = split(a)
        let right = split(b)
        return left.head.lowercased() == right.head.lowercased() && left.name == right.name
    }

    /// The `$expand` value that reads our property back on GETs and listings.
    public static func expandValue(propertyID: String) -> String {
        "singleValueExtendedProperties($filter=id eq '\(propertyID)')"
    }

    /// The marker evidence of an event's wire fields: `.none` when neither our property nor our
    /// category is present, else the property value (nil when dropped) and every category.
    public static func evidence(propertyValue: String?, categories: [String]) -> MarkerEvidence {
        guard propertyValue != nil || categories.contains(ManagedMarkers.microsoftCategory) else { return .none }
        return .microsoft(extendedPropertyValue: propertyValue, categories: categories)
    }

    /// The markers decoded from evidence, when the evidence is fully ours (not the bare category):
    /// a mirror's, or a write-through origin's.
    public static func markers(in evidence: MarkerEvidence) -> ManagedMarkers? {
        EventClassifier.ourMarkers(evidence)
    }

    /// `String {GUID} Name tminus` → (`String {GUID}`, `tminus`); no `Name` part → (id, "").
    private static func split(_ id: String) -> (head: String, name: String) {
        let words = id.split(separator: " ", omittingEmptySubsequences: true)
        guard let index = words.firstIndex(of: "Name"), index > 0 else { return (id, "") }
        return (words[..<index].joined(separator: " "), words[(index + 1)...].joined(separator: " "))
    }
}
