/// The user graph's most frequent statements, built once.
///
/// A statement written as an interpolated literal (`"SELECT \(MirrorRecord.columns) …"`) is built
/// again at every call: a few hundred bytes allocated and copied, then compared byte for byte in
/// the statement cache. These run per synced event and per mirror write, so they are built once
/// here; the cache then finds them by identity.
enum UserGraphSQL {
    static let canonicalByID =
        "SELECT \(CanonicalEventRow.columns) FROM canonical_events WHERE canonical_event_id = ?"
    static let canonicalByOrigin =
        "SELECT \(CanonicalEventRow.columns) FROM canonical_events WHERE origin_account_id = ? AND origin_event_id = ?"
    static let mirrorByTarget =
        "SELECT \(MirrorRecord.columns) FROM event_mirrors WHERE canonical_event_id = ? AND target_account_id = ?"
    static let mirrorByProviderEvent =
        "SELECT \(MirrorRecord.columns) FROM event_mirrors WHERE target_account_id = ? AND provider_event_id = ? LIMIT 1"
    static let mirrorsOfEvent =
        "SELECT \(MirrorRecord.columns) FROM event_mirrors WHERE canonical_event_id = ? ORDER BY target_account_id"
    static let insertPendingMirror =
        "INSERT INTO event_mirrors (\(MirrorRecord.columns), updated_at) VALUES (?, ?, NULL, NULL, ?, ?, ?, ?, NULL, NULL, NULL, ?)"

    // The rows written after a change sequence. `INDEXED BY` makes SQLite find them through the
    // change-sequence index and sort the few it finds; left to itself (no statistics) it walks the
    // whole table in key order to spare the sort, reading every row at every call.
    static let canonicalsChangedAfter =
        "SELECT \(CanonicalEventRow.columns) FROM canonical_events INDEXED BY canonical_events_by_change "
        + "WHERE change_seq > ? ORDER BY canonical_event_id"
    static let mirrorsChangedAfter =
        "SELECT \(MirrorRecord.columns) FROM event_mirrors INDEXED BY event_mirrors_by_change "
        + "WHERE change_seq > ? ORDER BY canonical_event_id, target_account_id"
    static let eventsWithMirrorsChangedAfter =
        "SELECT DISTINCT canonical_event_id FROM event_mirrors INDEXED BY event_mirrors_by_change "
        + "WHERE change_seq > ? ORDER BY canonical_event_id"
}
