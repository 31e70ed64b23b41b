import TMinusCore
import TMinusProviders

/// A person using a CalDAV client (Apple Calendar, Thunderbird) against this server (see
/// ``HumanCalendarActions``): event IDs are UIDs, calendar IDs collection paths. Editing or deleting
/// our mirrors and deleting the overlay collection are allowed — that is what the tampering
/// scenarios need. The changes are ``CalDAVServerState``'s, forwarded by ``HumanActingServer``.
extension FakeCalDAVServer: HumanActingServer {
    /// Writes a whole calendar object resource as a client would (any iCalendar the server
    /// accepts: a recurring series with overrides, foreign `X-` properties, a VTIMEZONE…), under
    /// the UID's own resource name unless `name` is given. Returns the stored ETag.
    /// - Throws: ``HumanActionError/invalid(_:)`` when the server would refuse the data.
    @discardableResult
    public func humanPutResource(account: String, calendarID: String, ics: String, name: String? = nil)
        throws(HumanActionError) -> String
    {
        try humanAct { state, now throws(HumanActionError) in
            let path = try state.calendar(calendarID, of: account)
            let calendar: ICalendarCalendar
            do throws(CalDAVStoredData.Invalid) {
                calendar = try CalDAVStoredData.validated(Array(ics.utf8), truncateText: false)
            } catch {
                throw .invalid("the server refuses this data (\(error.condition.local))")
            }
            guard let uid = calendar.uids.first else { throw .invalid("no UID") }
            let member = name ?? CalDAVEventID.resourceName(forUID: uid)
            if state.collections[path]!.member(holding: uid, except: member) != nil {
                throw .notAllowed("another resource of the calendar holds UID \(uid)")
            }
            return state.store(calendar, name: member, in: path, now: now)
        }
    }
}

extension CalDAVServerState: HumanActionState {}
