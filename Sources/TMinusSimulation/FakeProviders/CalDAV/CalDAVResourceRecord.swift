import TMinusCore
import TMinusProviders

/// One stored calendar object resource of the fake: its name, parsed calendar, the bytes a GET
/// returns (re-serialized, as both real servers do), its strong ETag and its server-clock stamps.
struct CalDAVResourceRecord: Sendable {
    /// The decoded resource name inside its collection, e.g. `a.ics`.
    let name: String
    var calendar: ICalendarCalendar
    /// What GET and calendar-data return.
    var bytes: [UInt8]
    /// Quoted hex of the content hash: identical content keeps its ETag (as on Radicale).
    var etag: String
    let created: Timestamp
    var modified: Timestamp

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
