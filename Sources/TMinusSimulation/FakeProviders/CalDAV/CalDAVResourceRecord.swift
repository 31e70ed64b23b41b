import TMinusCore
import TMinusProviders

/// One stored calendar object resource of the fake: its name, parsed calendar, the bytes a GET
/// returns (re-serialized, as both real servers do), its strong ETag and its server-clock stamps.
struct CalDAVResourceRecord: Sendable {
    /// The decoded resource name inside its collection, e.g. `a.ics`.
    let name: String
    let calendar: ICalendarCalendar
    /// What GET and calendar-data return.
    let bytes: [UInt8]
    /// Quoted hex of the content hash: identical content keeps its ETag (as on Radicale).
    let etag: String
    let created: Timestamp
    let modified: Timestamp
    /// The checker's view of its VEVENTs, made once when the resource is stored (a record never
    /// changes: a write stores a new one), so inspecting the fake does not parse it at every check.
    let inspection: [InspectedEvent]

    init(name: String, calendar: ICalendarCalendar, bytes: [UInt8], etag: String, created: Timestamp, modified: Timestamp) {
        self.name = name
        self.calendar = calendar
        self.bytes = bytes
        self.etag = etag
        self.created = created
        self.modified = modified
        self.inspection = FakeCalDAVServer.inspected(calendar: calendar, etag: etag, modified: modified)
    }

    /// The UIDs of its VEVENTs (normally one).
    var uids: [String] { calendar.uids }

    /// The calendar data as text.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// A write the fake served, for checks such as "every create sent `If-None-Match: *`".
public struct CalDAVWriteRecord: Hashable, Sendable {
    /// `PUT`, `DELETE` or `MKCALENDAR`.
    public var method: String
    /// The decoded path written.
    public var path: String
    /// The `If-Match` header as sent, or nil.
    public var ifMatch: String?
    /// The `If-None-Match` header as sent, or nil.
    public var ifNoneMatch: String?
    /// The answer's status.
    public var status: Int
}
