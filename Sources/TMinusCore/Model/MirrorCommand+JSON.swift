extension MirrorCommand {
    /// The command as a JSON value for the outbox and queue payloads (stable field names).
    public var json: JSONValue {
        switch self {
        case .upsert(let u):
            return .object([
                "type": "UPSERT_MIRROR",
                "canonical_event_id": .string(u.canonicalEventID),
                "target_account_id": .string(u.targetAccountID),
                "target_calendar_id": u.targetCalendarID.map(JSONValue.string) ?? .null,
                "projected_hash": .string(u.projection.hash),
                "detail_level": .string(u.projection.detail.rawValue),
                "calendar_kind": .string(u.projection.kind.rawValue),
                "idempotency_key": .string(u.idempotencyKey),
                "payload": Self.json(u.projection.payload),
            ])
        case .delete(let d):
            return .object([
                "type": "DELETE_MANAGED_MIRROR",
                "canonical_event_id": .string(d.canonicalEventID),
                "target_account_id": .string(d.targetAccountID),
                "target_calendar_id": d.targetCalendarID.map(JSONValue.string) ?? .null,
                "provider_event_id": d.providerEventID.map(JSONValue.string) ?? .null,
                "idempotency_key": .string(d.idempotencyKey),
            ])
        }
    }

    /// The stable JSON text of ``json``, written directly (the outbox hot path); byte-identical to
    /// `StableJSON.serialize(json)`.
    public var serializedJSON: String {
        var w = StableJSONWriter(capacity: 768)
        w.beginObject()
        switch self {
        case .upsert(let u):
            w.key("calendar_kind")
            w.string(u.projection.kind.rawValue)
            w.key("canonical_event_id")
            w.string(u.canonicalEventID)
            w.key("detail_level")
            w.string(u.projection.detail.rawValue)
            w.key("idempotency_key")
            w.string(u.idempotencyKey)
            w.key("payload")
            u.projection.payload.writeHashContent(into: &w, includingMarkers: true)
            w.key("projected_hash")
            w.string(u.projection.hash)
            w.key("target_account_id")
            w.string(u.targetAccountID)
            w.key("target_calendar_id")
            w.string(u.targetCalendarID)
            w.key("type")
            w.string("UPSERT_MIRROR")
        case .delete(let d):
            w.key("canonical_event_id")
            w.string(d.canonicalEventID)
            w.key("idempotency_key")
            w.string(d.idempotencyKey)
            w.key("provider_event_id")
            w.string(d.providerEventID)
            w.key("target_account_id")
            w.string(d.targetAccountID)
            w.key("target_calendar_id")
            w.string(d.targetCalendarID)
            w.key("type")
            w.string("DELETE_MANAGED_MIRROR")
        }
        w.endObject()
        return w.text
    }

    /// Decodes a command written by ``json``.
    /// - Throws: ``ModelError`` naming the JSON path of a missing or malformed field.
    public init(json value: JSONValue) throws(ModelError) {
        let r = try JSONReader(value, path: "message")
        switch try r.string("type") {
        case "UPSERT_MIRROR":
            let payload = try Self.payload(try r.reader("payload"))
            let detail = try r.value("detail_level", as: DetailLevel.self)
            let kind = try r.value("calendar_kind", as: CalendarKind.self)
            let projection = Projection(
                payload: payload, detail: detail, kind: kind, hash: try r.string("projected_hash"))
            self = .upsert(
                UpsertMirror(
                    projection: projection, targetAccountID: try r.string("target_account_id"),
                    targetCalendarID: try r.optionalString("target_calendar_id"),
                    storedKey: try r.string("idempotency_key")))
        case "DELETE_MANAGED_MIRROR":
            self = .delete(
                DeleteMirror(
                    canonicalEventID: try r.string("canonical_event_id"),
                    targetAccountID: try r.string("target_account_id"),
                    targetCalendarID: try r.optionalString("target_calendar_id"),
                    providerEventID: try r.optionalString("provider_event_id"),
                    storedKey: try r.string("idempotency_key")))
        case let other:
            throw .unknownValue(
                field: "message.type", value: other, allowed: ["UPSERT_MIRROR", "DELETE_MANAGED_MIRROR"])
        }
    }

    static func json(_ p: ProjectedEvent) -> JSONValue {
        var fields = p.payloadContent
        if case .object(var object) = fields {
            object["canonical_event_id"] = .string(p.markers.canonicalEventID)
            object["origin_account_id"] = .string(p.markers.originAccountID)
            fields = .object(object)
        }
        return fields
    }

    static func payload(_ r: JSONReader) throws(ModelError) -> ProjectedEvent {
        ProjectedEvent(
            summary: try r.string("summary"), description: try r.optionalString("description"),
            location: try r.optionalString("location"), start: try dateTime(try r.reader("start")),
            end: try dateTime(try r.reader("end")),
            transparency: try r.value("transparency", as: EventTransparency.self),
            visibility: try Self.visibility(r),
            markers: ManagedMarkers(
                canonicalEventID: try r.string("canonical_event_id"), originAccountID: try r.string("origin_account_id")
            ))
    }

    private static func visibility(_ r: JSONReader) throws(ModelError) -> ProjectedEvent.Visibility {
        let raw = try r.string("visibility")
        guard let value = ProjectedEvent.Visibility(rawValue: raw) else {
            throw .unknownValue(field: r.path + ".visibility", value: raw, allowed: ["default", "private"])
        }
        return value
    }

    /// Reads `{"date": …}` or `{"dateTime": …, "timeZone": …}` as written by ``ProjectedEvent/json(_:)``.
    public static func dateTime(_ r: JSONReader) throws(ModelError) -> EventDateTime {
        try EventDateTime.parse(
            dateTime: try r.optionalString("dateTime"), date: try r.optionalString("date"),
            timeZone: try r.optionalString("timeZone"), field: r.path)
    }
}
