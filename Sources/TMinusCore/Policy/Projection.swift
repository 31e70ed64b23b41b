/// A compiled projection of one canonical event over one policy edge: the payload, the detail level
/// actually applied, and the deterministic `projected_hash` (invariant C).
public struct Projection: Hashable, Sendable {
    public var payload: ProjectedEvent
    /// The level applied: the edge's level, lowered to BUSY for private/confidential origins.
    public var detail: DetailLevel
    public var kind: CalendarKind
    /// Lowercase hex SHA-256 over the canonical ID, detail, kind and exposed content.
    public var hash: String

    /// The idempotency key of a write of this projection to `targetAccountID` (invariant D).
    public func idempotencyKey(targetAccountID: String) -> String {
        ProjectionCompiler.idempotencyKey(
            canonicalEventID: payload.markers.canonicalEventID, targetAccountID: targetAccountID, projectedHash: hash)
    }
}

/// Compiles canonical events into mirror payloads (engine rule 5). Pure and deterministic: the same
/// event, detail and kind always give the same payload and hash, on every machine.
public enum ProjectionCompiler: Sendable {
    /// Upper bounds on projected text, in characters, so one event cannot exceed a provider's limits.
    public static let maximumSummaryLength = 512
    public static let maximumLocationLength = 1024
    public static let maximumDescriptionLength = 32_768

    /// The title of BUSY mirrors and of titled mirrors whose origin has no title.
    public static let busyTitle = "Busy"

    /// Compiles `event` for an edge of `detail` and `kind`; nil when the event must have no mirrors
    /// (deleted or cancelled).
    public static func project(_ event: CanonicalEvent, detail: DetailLevel, kind: CalendarKind) -> Projection? {
        guard let (payload, applied) = payload(of: event, detail: detail) else { return nil }
        return Projection(payload: payload, detail: applied, kind: kind, hash: hash(payload, applied, kind))
    }

    /// The payload `event` gets over an edge of `detail`, and the detail level actually applied; nil
    /// when the event must have no mirrors. ``project(_:detail:kind:)`` is this plus ``hash(_:_:_:)``.
    static func payload(of event: CanonicalEvent, detail: DetailLevel) -> (ProjectedEvent, DetailLevel)? {
        guard event.isProjectable else { return nil }
        let content = event.content
        let applied = content.visibility.restrictsProjection ? DetailLevel.busy : detail
        let markers = ManagedMarkers(canonicalEventID: event.id, originAccountID: event.originAccountID)
        var payload = ProjectedEvent(
            summary: busyTitle, description: nil, location: nil, start: content.start, end: content.end,
            transparency: content.transparency, visibility: .private, markers: markers)
        if applied >= .title {
            payload.summary = bounded(content.title, maximumSummaryLength) ?? busyTitle
            payload.visibility = .default
        }
        #if TMINUS_SEEDED_DEFECTS
            if Defects.isActive(.busyMirrorsCarryTitle) {
                payload.summary = bounded(content.title, maximumSummaryLength) ?? busyTitle
            }
        #endif
        if applied == .full {
            payload.description = bounded(content.description, maximumDescriptionLength)
            payload.location = bounded(content.location, maximumLocationLength)
        }
        return (payload, applied)
    }

    /// The payload of an origin the user creates or changes through T-Minus in `accountID` (flow B
    /// write-through): every field a provider carries, with write-through markers (`managed` false,
    /// so it reads back as an origin). Not a mirror, so no detail level applies.
    public static func writeThroughPayload(canonicalEventID: String, accountID: String, content: EventContent)
        -> ProjectedEvent
    {
        ProjectedEvent(
            summary: bounded(content.title, maximumSummaryLength) ?? "",
            description: bounded(content.description, maximumDescriptionLength),
            location: bounded(content.location, maximumLocationLength), start: content.start, end: content.end,
            transparency: content.transparency, visibility: content.visibility.restrictsProjection ? .private : .default,
            markers: ManagedMarkers(canonicalEventID: canonicalEventID, originAccountID: accountID, role: .writeThroughOrigin))
    }

    /// `projected_hash` of a payload, also used to compare what a provider shows with what we wrote
    /// (drift detection).
    public static func hash(_ payload: ProjectedEvent, _ detail: DetailLevel, _ kind: CalendarKind) -> String {
        // Same bytes as StableJSON of {calendar_kind, canonical_event_id, content, detail_level},
        // written directly (keys in sorted order) because this runs for every edge of every change.
        var writer = StableJSONWriter(capacity: 384)
        writer.beginObject()
        writer.key("calendar_kind")
        writer.string(kind.rawValue)
        writer.key("canonical_event_id")
        writer.string(payload.markers.canonicalEventID)
        writer.key("content")
        payload.writeHashContent(into: &writer)
        writer.key("detail_level")
        writer.string(detail.rawValue)
        writer.endObject()
        return writer.digest.hex
    }

    /// `idempotency_key = hash(canonical_event_id, target_account_id, projected_hash)` (invariant D).
    /// Deletes pass a `delete:<provider event id>` string as `projectedHash`.
    public static func idempotencyKey(canonicalEventID: String, targetAccountID: String, projectedHash: String)
        -> String
    {
        var writer = StableJSONWriter(capacity: 192)
        writer.beginObject()
        writer.key("canonical_event_id")
        writer.string(canonicalEventID)
        writer.key("projected_hash")
        writer.string(projectedHash)
        writer.key("target_account_id")
        writer.string(targetAccountID)
        writer.endObject()
        return writer.digest.hex
    }

    private static func bounded(_ text: String?, _ limit: Int) -> String? {
        guard let text, !text.isEmpty else { return nil }
        // A text of at most `limit` UTF-8 bytes has at most `limit` characters: no need to count them.
        guard text.utf8.count > limit else { return text }
        return text.count > limit ? String(text.prefix(limit)) : text
    }
}
