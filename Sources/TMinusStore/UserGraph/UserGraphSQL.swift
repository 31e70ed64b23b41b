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
        "INSERT INTO event_mirrors (\(MirrorRecord.columns), updated_at) VALUES (?, ?, NULL, NULL, ?, ?, ?, ?, NULL, NULL, ?)"
    static let canonicalsChangedAfter =
        "SELECT \(CanonicalEventRow.columns) FROM canonical_events WHERE change_seq > ? ORDER BY canonical_event_id"
    static let eventsWithMirrorsChangedAfter =
        "SELECT DISTINCT canonical_event_id FROM event_mirrors WHERE change_seq > ? ORDER BY canonical_event_id"
}
