import TMinusCore
import TMinusSQLite

/// Mapping between ``CanonicalEvent`` and a `canonical_events` row.
enum CanonicalEventRow {
    static let columns = """
        canonical_event_id, origin_account_id, origin_calendar_id, origin_event_id, title, description, location,
        start_at, start_tz, end_at, end_tz, all_day, status, visibility, transparency, recurrence_rule, source,
        version, authority, deleted, created_at, updated_at
        """

    static func insertSQL() -> String {
        "INSERT INTO canonical_events (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    }

    static func values(_ e: CanonicalEvent) -> [SQLiteValue] {
        let c = e.content
        return [
            .text(e.id), .text(e.originAccountID), .text(e.originCalendarID), .text(e.originEventID),
            text(c.title), text(c.description), text(c.location),
            .integer(c.start.instant.nanosecondsSinceEpoch), text(c.start.timeZone),
            .integer(c.end.instant.nanosecondsSinceEpoch), text(c.end.timeZone),
            .integer(c.start.isAllDay ? 1 : 0), .text(c.status.rawValue), .text(c.visibility.rawValue),
            .text(c.transparency.rawValue), text(c.recurrenceRule), .text(e.source.rawValue),
            .integer(e.version), .text(encodeAuthority(e.authority)), .integer(e.isDeleted ? 1 : 0),
            .integer(e.createdAt.nanosecondsSinceEpoch), .integer(e.updatedAt.nanosecondsSinceEpoch),
        ]
    }

    /// Decodes a row selected with ``columns``.
    /// - Throws: ``StoreError/corruptRow(table:_:)`` naming the field when a stored value is unreadable.
    static func decode(_ row: Row) throws(StoreError) -> CanonicalEvent {
        var authorities: [String: AuthorityMarkers] = [:]
        return try decode(row, authorities: &authorities)
    }

    /// Decodes rows selected with ``columns``, in order. Rows share few distinct authority texts
    /// (one per combination of owners), so each distinct text is parsed once per call; the events
    /// are exactly those ``decode(_:)`` gives row by row, and so is the first error.
    static func decodeAll(_ rows: [Row]) throws(StoreError) -> [CanonicalEvent] {
        var authorities: [String: AuthorityMarkers] = [:]
        var events: [CanonicalEvent] = []
        events.reserveCapacity(rows.count)
        for row in rows { events.append(try decode(row, authorities: &authorities)) }
        return events
    }

    /// ``decode(_:)``, reusing the authority markers parsed for an identical text in `authorities`.
    private static func decode(_ row: Row, authorities: inout [String: AuthorityMarkers]) throws(StoreError)
        -> CanonicalEvent
    {
        do {
            let allDay = try row.get("all_day", as: Int64.self) == 1
            let content = EventContent(
                title: try row.optional("title"), description: try row.optional("description"),
                location: try row.optional("location"),
                start: dateTime(try row.get("start_at"), try row.optional("start_tz"), allDay),
                end: dateTime(try row.get("end_at"), try row.optional("end_tz"), allDay),
                status: try EventStatus.parse(try row.get("status"), field: "status"),
                visibility: try EventVisibility.parse(try row.get("visibility"), field: "visibility"),
                transparency: try EventTransparency.parse(try row.get("transparency"), field: "transparency"),
                recurrenceRule: try row.optional("recurrence_rule"))
            return CanonicalEvent(
                id: try row.get("canonical_event_id"), originAccountID: try row.get("origin_account_id"),
                originCalendarID: try row.get("origin_calendar_id"), originEventID: try row.get("origin_event_id"),
                content: content, source: try EventSource.parse(try row.get("source"), field: "source"),
                version: try row.get("version"), authority: try authority(try row.get("authority"), &authorities),
                isDeleted: try row.get("deleted", as: Int64.self) == 1,
                createdAt: Timestamp(nanosecondsSinceEpoch: try row.get("created_at")),
                updatedAt: Timestamp(nanosecondsSinceEpoch: try row.get("updated_at")))
        } catch let error as SQLiteError {
            throw .corruptRow(
                table: "canonical_events", .invalidField(field: error.message, value: "", expected: "a readable value"))
        } catch let error as ModelError {
            throw .corruptRow(table: "canonical_events", error)
        } catch {
            throw .wrap(error)
        }
    }

    private static func dateTime(_ nanos: Int64, _ zone: String?, _ allDay: Bool) -> EventDateTime {
        let instant = Timestamp(nanosecondsSinceEpoch: nanos)
        if allDay { return .allDay(CalendarDate(daysSinceEpoch: instant.secondsSinceEpoch / 86_400)) }
        return .timed(instant, timeZone: zone)
    }

    private static func text(_ value: String?) -> SQLiteValue { value.map(SQLiteValue.text) ?? .null }

    /// Authority markers as stable JSON `{"field": "provider:acc_…", …}` (keys sorted).
    static func encodeAuthority(_ markers: AuthorityMarkers) -> String {
        var object: [String: JSONValue] = [:]
        for (field, owner) in markers.sorted { object[field.rawValue] = .string(owner.description) }
        return StableJSON.serialize(.object(object))
    }

    private static func authority(_ text: String, _ known: inout [String: AuthorityMarkers]) throws
        -> AuthorityMarkers
    {
        if let markers = known[text] { return markers }
        let markers = try decodeAuthority(text)
        known[text] = markers
        return markers
    }

    static func decodeAuthority(_ text: String) throws -> AuthorityMarkers {
        let reader = try JSONReader(try parseJSON(text, field: "authority"), path: "authority")
        var markers = AuthorityMarkers()
        for key in reader.object.keys.sorted() {
            let field = try EventField.parse(key, field: "authority")
            markers[field] = try Authority(parsing: try reader.string(key))
        }
        return markers
    }

    static func parseJSON(_ text: String, field: String) throws(ModelError) -> JSONValue {
        do {
            return try StableJSON.parse(text)
        } catch {
            throw .invalidField(field: field, value: String(text.prefix(40)), expected: "valid JSON (\(error))")
        }
    }
}
