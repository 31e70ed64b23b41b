/// WebDAV/CalDAV element names the adapter needs beyond ``DAVName``'s own (kept in their own
/// namespace so additions to ``DAVName`` can never collide with them).
public enum CalDAVNames: Sendable {
    /// `DAV:current-user-privilege-set` (RFC 3744): what the account may do with a collection.
    public static let currentUserPrivilegeSet = DAVName.dav("current-user-privilege-set")
    /// `DAV:privilege` inside a privilege set.
    public static let privilege = DAVName.dav("privilege")
    /// `CALDAV:calendar-timezone`: a VCALENDAR with the collection's default VTIMEZONE.
    public static let calendarTimezone = DAVName.calDAV("calendar-timezone")
    /// `CALDAV:prop-filter` and `CALDAV:text-match` of a calendar-query filter (RFC 4791 §9.7).
    public static let propFilter = DAVName.calDAV("prop-filter")
    public static let textMatch = DAVName.calDAV("text-match")
    /// `CALDAV:valid-calendar-data` and friends: PUT preconditions (fault row 46).
    public static let validCalendarData = DAVName.calDAV("valid-calendar-data")
    public static let validCalendarObjectResource = DAVName.calDAV("valid-calendar-object-resource")
    public static let supportedCalendarComponent = DAVName.calDAV("supported-calendar-component")
    public static let supportedCalendarData = DAVName.calDAV("supported-calendar-data")
}
