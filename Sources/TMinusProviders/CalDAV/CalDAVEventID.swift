import TMinusCore

/// CalDAV event identity: events are keyed by their iCalendar `UID` (never by their href, which
/// the first T-Minus did, so deletions never matched), and an instance of a recurring series by
/// `UID` + `RECURRENCE-ID` (engine rule 13).
///
/// - A non-recurring event's ID is its UID, unchanged.
/// - An instance's ID is `<UID>#<RECURRENCE-ID value>`, the value in its identity form: UTC for
///   timed series (`20260716T090000Z`), a date for all-day ones (`20260716`), a wall-clock reading
///   for floating ones (`20260716T090000`).
/// - Mirrors we create get a UID derived only from their ``MirrorKey``, so a retried create PUTs
///   to the same resource name and is answered 412 (engine rule 6).
///
/// A single event whose UID itself ends in `#` plus a date-time reads as an instance; such UIDs
/// are not produced by any calendar client we know of.
public enum CalDAVEventID: Sendable {
    /// Separates the UID from the recurrence ID in an instance's ID.
    public static let separator: Character = "#"

    /// The UID of the mirror identified by `key`: `tminus-` + 32 base32hex characters of
    /// SHA-256(`tminus.caldav.uid.v1` ␀ canonical ␀ target). Only unreserved characters, so the
    /// resource name is the UID plus `.ics`, identical on every server.
    public static func uid(for key: MirrorKey) -> String {
        var hasher = SHA256()
        hasher.update("tminus.caldav.uid.v1")
        hasher.update([0])
        hasher.update(key.canonicalEventID)
        hasher.update([0])
        hasher.update(key.targetAccountID)
        return "tminus-" + GoogleEventID.base32hex(Array(hasher.finalize().bytes.prefix(20)))
    }

    /// The event ID of a UID and, for an instance, its recurrence ID.
    public static func eventID(uid: String, recurrenceID: ICalendarDateTime?) -> String {
        guard let recurrenceID else { return uid }
        return uid + String(separator) + recurrenceID.valueText
    }

    /// Splits an event ID into its UID and recurrence ID (nil for a non-recurring event).
    public static func parse(_ eventID: String) -> (uid: String, recurrenceID: ICalendarDateTime?) {
        guard let mark = eventID.lastIndex(of: separator) else { return (eventID, nil) }
        let suffix = eventID[eventID.index(after: mark)...]
        let uid = String(eventID[..<mark])
        guard !uid.isEmpty, let value = ICalendarDateTime.parse(text: suffix, tzid: nil) else { return (eventID, nil) }
        return (uid, value)
    }

    /// The resource name a UID is stored under by T-Minus (and by most clients): the UID
    /// percent-encoded as one path segment, plus `.ics`.
    public static func resourceName(forUID uid: String) -> String { DAVHref.resourceName(forUID: uid) }
}
