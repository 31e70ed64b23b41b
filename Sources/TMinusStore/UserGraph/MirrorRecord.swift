public import TMinusCore
import TMinusSQLite

/// One `event_mirrors` row: what we believe about the copy of a canonical event in one target account.
public struct MirrorRecord: Hashable, Sendable {
    public var canonicalEventID: String
    public var targetAccountID: String
    public var targetCalendarID: String?
    public var providerEventID: String?
    public var lastProjectedHash: String?
    public var detail: DetailLevel
    public var kind: CalendarKind
    public var state: MirrorState
    public var errorMessage: String?
    public var lastWriteAt: Timestamp?
    /// The provider's modification stamp (its own clock) of the version our last write made, when
    /// it gave one: see ``ProviderEventDelta/providerUpdatedAt``.
    public var providerUpdatedAt: Timestamp?

    static let columns = """
        canonical_event_id, target_account_id, target_calendar_id, provider_event_id, last_projected_hash,
        detail_level, calendar_kind, state, error_message, last_write_at, provider_updated_at
        """

    static func decode(_ row: Row) throws(StoreError) -> MirrorRecord {
        do {
            return MirrorRecord(
                canonicalEventID: try row.get("canonical_event_id"), targetAccountID: try row.get("target_account_id"),
                targetCalendarID: try row.optional("target_calendar_id"),
                providerEventID: try row.optional("provider_event_id"),
                lastProjectedHash: try row.optional("last_projected_hash"),
                detail: try DetailLevel.parse(try row.get("detail_level"), field: "detail_level"),
                kind: try CalendarKind.parse(try row.get("calendar_kind"), field: "calendar_kind"),
                state: try MirrorState.parse(try row.get("state"), field: "state"),
                errorMessage: try row.optional("error_message"),
                lastWriteAt: try row.optional("last_write_at", as: Int64.self).map(
                    Timestamp.init(nanosecondsSinceEpoch:)),
                providerUpdatedAt: try row.optional("provider_updated_at", as: Int64.self).map(
                    Timestamp.init(nanosecondsSinceEpoch:)))
        } catch let error as ModelError {
            throw .corruptRow(table: "event_mirrors", error)
        } catch let error as SQLiteError {
            throw .corruptRow(
                table: "event_mirrors", .invalidField(field: error.message, value: "", expected: "a readable value"))
        } catch {
            throw .wrap(error)
        }
    }
}

/// Counts of a target account's mirrors by state, and the traffic light the UI shows.
public struct ProjectionStatus: Hashable, Sendable {
    /// Green: every mirror settled; yellow: writes or deletes in flight; red: a mirror in ERROR.
    public enum Health: String, Sendable {
        case green, yellow, red
    }

    public var accountID: String
    /// Mirror counts keyed by state, listed in ``MirrorState/allCases`` order.
    public var counts: [(MirrorState, Int)]

    public var health: Health {
        let count = { (state: MirrorState) in self.counts.first { $0.0 == state }?.1 ?? 0 }
        if count(.error) > 0 { return .red }
        if count(.pending) > 0 || count(.deleting) > 0 { return .yellow }
        return .green
    }

    public static func == (a: ProjectionStatus, b: ProjectionStatus) -> Bool {
        a.accountID == b.accountID && a.counts.map(\.0) == b.counts.map(\.0) && a.counts.map(\.1) == b.counts.map(\.1)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(accountID)
        for (state, count) in counts {
            hasher.combine(state)
            hasher.combine(count)
        }
    }
}
