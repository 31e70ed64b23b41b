public import TMinusCore
import TMinusSQLite

/// One append-only journal entry: who changed what, why (invariant I).
public struct JournalEntry: Hashable, Sendable {
    /// What kind of change; stored as its raw value.
    public enum ChangeType: String, CaseIterable, Sendable {
        case created, updated, deleted, restored
        /// A provider overwrote a field owned by another authority; the provider won (invariant F).
        case fieldOverride = "field_override"
        case mirrorTombstoned = "mirror_tombstoned"
        /// The calendar a mirror lived in vanished with it; the mirror is written again elsewhere.
        case mirrorReplaced = "mirror_replaced"
        case driftCorrected = "drift_corrected"
        case policyChanged = "policy_changed"
        case accountLinked = "account_linked"
        case accountUnlinked = "account_unlinked"
        case unlinkStarted = "unlink_started"
        /// A reconcile run's repairs (counts by kind in the patch).
        case reconciled
    }

    public var sequence: Int64
    public var journalID: String
    public var canonicalEventID: String?
    public var at: Timestamp
    /// `provider:<account>`, `tminus`, `api`, `mcp` or `engine`.
    public var actor: String
    public var changeType: ChangeType
    /// Stable JSON of the changed fields (or other detail of the change).
    public var patch: String
    public var reason: String
    /// `none`, or `field_override` for authority conflicts.
    public var conflictType: String
    public var resolution: String?
}

extension UserGraphStore {
    /// Appends one journal entry inside the current transaction.
    func journal(
        _ change: JournalEntry.ChangeType, event canonicalEventID: String?, actor: String,
        patch: JSONValue = .object([:]),
        reason: String, conflict: String = "none", resolution: JSONValue? = nil
    ) throws {
        try db.execute(
            """
            INSERT INTO event_journal (journal_id, canonical_event_id, at, actor, change_type, patch, reason,
                conflict_type, resolution) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(environment.ids.make(.journal)), canonicalEventID.map(SQLiteValue.text) ?? .null,
                .integer(now.nanosecondsSinceEpoch), .text(actor), .text(change.rawValue),
                .text(StableJSON.serialize(patch)), .text(reason), .text(conflict),
                resolution.map { .text(StableJSON.serialize($0)) } ?? .null,
            ])
    }

    /// Journals an authority conflict (invariant F): `fields` of an event change hands from the
    /// authorities in `previousAuthority` under `strategy` (`provider_wins` when a provider
    /// overwrote them, `tminus_wins` when the user took them back through T-Minus). The patch
    /// holds the fields' new values, the resolution each field's previous authority.
    func journalFieldOverride(
        event canonicalEventID: String, fields: [EventField], content: EventContent,
        previousAuthority: AuthorityMarkers, strategy: String, actor: String, reason: String
    ) throws {
        let resolution: JSONValue = .object([
            "strategy": .string(strategy),
            "fields": .array(
                fields.map {
                    .object([
                        "field": .string($0.rawValue),
                        "previous_authority": .string(previousAuthority[$0]!.description),
                    ])
                }),
        ])
        try journal(
            .fieldOverride, event: canonicalEventID, actor: actor, patch: Self.patch(content, fields),
            reason: reason, conflict: JournalEntry.ChangeType.fieldOverride.rawValue, resolution: resolution)
    }

    /// The journal, oldest first; optionally only one event's entries.
    public func journalEntries(for canonicalEventID: String? = nil) throws(StoreError) -> [JournalEntry] {
        try read {
            let rows =
                try canonicalEventID.map {
                    try db.query("SELECT * FROM event_journal WHERE canonical_event_id = ? ORDER BY seq", [.text($0)])
                } ?? db.query("SELECT * FROM event_journal ORDER BY seq")
            return try rows.map(Self.journalEntry)
        }
    }

    /// The entries appended after the one with sequence number `sequence`, oldest first: a reader
    /// that remembers the last sequence it saw reads each entry once (the simulator's samplers).
    public func journalEntries(after sequence: Int64) throws(StoreError) -> [JournalEntry] {
        try read {
            try db.query("SELECT * FROM event_journal WHERE seq > ? ORDER BY seq", [.integer(sequence)])
                .map(Self.journalEntry)
        }
    }

    private static func journalEntry(_ row: Row) throws -> JournalEntry {
        JournalEntry(
            sequence: try row.get("seq"), journalID: try row.get("journal_id"),
            canonicalEventID: try row.optional("canonical_event_id"),
            at: Timestamp(nanosecondsSinceEpoch: try row.get("at")), actor: try row.get("actor"),
            changeType: try JournalEntry.ChangeType.parse(try row.get("change_type"), field: "change_type"),
            patch: try row.get("patch"), reason: try row.get("reason"),
            conflictType: try row.get("conflict_type"), resolution: try row.optional("resolution"))
    }
}
