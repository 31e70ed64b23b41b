package import TMinusCore
import TMinusProviders

/// What people do in a CalDAV client (Apple Calendar, Thunderbird) applied to the server's state:
/// whole resources are rewritten, stamped by the server's clock, with a fresh change-log entry.
/// Event IDs are UIDs; an instance is `UID#RECURRENCE-ID` (``CalDAVEventID``).
extension CalDAVServerState {
    package mutating func humanCreateCalendar(account: String, title: String, now: Timestamp) throws(HumanActionError) -> String
    {
        guard let record = accounts[account] else { throw .unknownAccount(account) }
        let path = record.home + Self.slug(title, taken: collections) + "/"
        createCollection(path, owner: account, displayName: title, components: ["VEVENT"], now: now)
        trace.record(component: "caldav", event: "human calendar.create \(path)")
        return path
    }

    package mutating func humanDeleteCalendar(account: String, calendarID: String, now: Timestamp) throws(HumanActionError) {
        let path = try calendar(calendarID, of: account)
        deleteCollection(path, now: now)
    }

    package mutating func humanCreateEvent(_ draft: HumanEventDraft, account: String, calendarID: String, now: Timestamp)
        throws(HumanActionError) -> String
    {
        let path = try calendar(calendarID, of: account)
        guard draft.end.instant >= draft.start.instant, draft.start.isAllDay == draft.end.isAllDay else {
            throw .invalid("the end must not be before the start, and both all-day or both timed")
        }
        let uid = nextUID()
        var properties = [
            ICalendarProperty(name: "UID", text: uid), ICalendarDateTime.utc(now).property(named: "DTSTAMP"),
            ICalendarDateTime.utc(now).property(named: "CREATED"),
            ICalendarDateTime.utc(now).property(named: "LAST-MODIFIED"),
            Self.wallValue(draft.start).property(named: "DTSTART"), Self.wallValue(draft.end).property(named: "DTEND"),
            ICalendarProperty(name: "SUMMARY", text: draft.title),
            ICalendarProperty(name: "TRANSP", value: draft.isBusy ? "OPAQUE" : "TRANSPARENT"),
        ]
        if let description = draft.description {
            properties.append(ICalendarProperty(name: "DESCRIPTION", text: description))
        }
        if let location = draft.location { properties.append(ICalendarProperty(name: "LOCATION", text: location)) }
        for line in draft.recurrence {
            guard let property = try? ICalendarReader.property(line) else {
                throw .invalid("unreadable recurrence line")
            }
            properties.append(property)
        }
        let event = ICalendarComponent(name: "VEVENT", properties: properties)
        let calendar = Self.wrap([event])
        guard (try? calendar.series()) != nil else { throw .invalid("the event cannot be read back") }
        store(calendar, name: CalDAVEventID.resourceName(forUID: uid), in: path, now: now)
        trace.record(component: "caldav", event: "human event.create \(path)")
        return uid
    }

    package mutating func humanEditEvent(
        _ edit: HumanEventEdit, account: String, calendarID: String, eventID: String, now: Timestamp
    ) throws(HumanActionError) {
        let path = try calendar(calendarID, of: account)
        let (name, resource) = try holder(of: eventID, in: path)
        var calendar = resource.calendar
        guard
            let index = calendar.component.components.firstIndex(where: {
                $0.key == "VEVENT" && $0.property("UID")?.text == eventID && $0.property("RECURRENCE-ID") == nil
            })
        else { throw .unknownEvent(eventID) }
        Self.apply(edit, to: &calendar.component.components[index], now: now)
        store(calendar, name: name, in: path, now: now)
        trace.record(component: "caldav", event: "human event.edit \(path)\(name)")
    }

    package mutating func humanDeleteEvent(account: String, calendarID: String, eventID: String, now: Timestamp)
        throws(HumanActionError)
    {
        let path = try calendar(calendarID, of: account)
        let parsed = CalDAVEventID.parse(eventID)
        if let recurrenceID = parsed.recurrenceID {
            try humanCancelOccurrence(
                account: account, calendarID: path, seriesID: parsed.uid, recurrenceID: recurrenceID, now: now)
            return
        }
        let (name, _) = try holder(of: eventID, in: path)
        removeMember(name, from: path)
        trace.record(component: "caldav", event: "human event.delete \(path)\(name)")
    }

    package mutating func humanMoveEvent(account: String, eventID: String, from: String, to: String, now: Timestamp)
        throws(HumanActionError) -> String
    {
        let source = try calendar(from, of: account)
        let target = try calendar(to, of: account)
        let (name, resource) = try holder(of: eventID, in: source)
        guard collections[target]!.member(holding: eventID) == nil else {
            throw .notAllowed("the destination calendar already holds an event with UID \(eventID)")
        }
        let targetName = collections[target]!.resources[name] == nil ? name : nextUID() + ".ics"
        removeMember(name, from: source)
        store(resource.calendar, name: targetName, in: target, now: now)
        trace.record(component: "caldav", event: "human event.move \(source)\(name) \(target)\(targetName)")
        return eventID
    }

    // MARK: Helpers

    /// The live calendar `calendarID` of `account`.
    func calendar(_ calendarID: String, of account: String) throws(HumanActionError) -> String {
        guard accounts[account] != nil else { throw .unknownAccount(account) }
        let path = CalDAVCalendarProvider.collectionPath(calendarID)
        guard let collection = collections[path], !collection.deleted, collection.owner == account else {
            throw .unknownCalendar(calendarID)
        }
        return path
    }

    /// The member holding `uid` in `path`.
    func holder(of uid: String, in path: String) throws(HumanActionError) -> (String, CalDAVResourceRecord) {
        guard let name = collections[path]?.member(holding: uid), let resource = collections[path]?.resources[name]
        else {
            throw .unknownEvent(uid)
        }
        return (name, resource)
    }

    /// An Apple-style UID: 8-4-4-4-12 upper-case hex from the ids stream.
    mutating func nextUID() -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for index in 0..<32 {
            if [8, 12, 16, 20].contains(index) { out.append(UInt8(ascii: "-")) }
            out.append(digits[Int(streams.ids.below(16))])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A VCALENDAR around `components`, as a client writes it.
    static func wrap(_ components: [ICalendarComponent]) -> ICalendarCalendar {
        ICalendarCalendar(
            ICalendarComponent(
                name: "VCALENDAR",
                properties: [
                    ICalendarProperty(name: "VERSION", value: "2.0"),
                    ICalendarProperty(name: "PRODID", value: "-//T-Minus simulation//Human client//EN"),
                ], components: components))
    }

    /// The value a client writes: dates as dates, zoned instants as TZID local time, others UTC.
    static func wallValue(_ value: EventDateTime) -> ICalendarDateTime {
        switch value {
        case .allDay(let date): return .date(date)
        case .timed(let instant, let zone?):
            let seconds = instant.secondsSinceEpoch + TimeZoneNames.offsetSeconds(of: zone, at: instant)
            return .zoned(ICalendarLocalDateTime(wallSeconds: seconds), tzid: zone)
        case .timed(let instant, nil): return .utc(Timestamp(secondsSinceEpoch: instant.secondsSinceEpoch))
        }
    }

    /// Applies the non-nil fields of `edit` and bumps DTSTAMP, LAST-MODIFIED and SEQUENCE.
    static func apply(_ edit: HumanEventEdit, to event: inout ICalendarComponent, now: Timestamp) {
        if let title = edit.title { event.setProperty(ICalendarProperty(name: "SUMMARY", text: title)) }
        if let description = edit.description {
            event.setProperty(ICalendarProperty(name: "DESCRIPTION", text: description))
        }
        if let location = edit.location { event.setProperty(ICalendarProperty(name: "LOCATION", text: location)) }
        if let start = edit.start { event.setProperty(wallValue(start).property(named: "DTSTART")) }
        if let end = edit.end {
            event.removeProperties("DURATION")
            event.setProperty(wallValue(end).property(named: "DTEND"))
        }
        if let busy = edit.isBusy {
            event.setProperty(ICalendarProperty(name: "TRANSP", value: busy ? "OPAQUE" : "TRANSPARENT"))
        }
        let sequence = Int(event.property("SEQUENCE")?.value ?? "0") ?? 0
        event.setProperty(ICalendarProperty(name: "SEQUENCE", value: String(sequence + 1)))
        event.setProperty(ICalendarDateTime.utc(now).property(named: "DTSTAMP"))
        event.setProperty(ICalendarDateTime.utc(now).property(named: "LAST-MODIFIED"))
    }

    /// A path segment for a calendar title: lower-case letters and digits joined by `-`, made
    /// unique among existing collections.
    static func slug(_ title: String, taken: [String: CalDAVCollectionRecord]) -> String {
        var base = ""
        for scalar in title.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                base.unicodeScalars.append(scalar)
            } else if !base.isEmpty, !base.hasSuffix("-") {
                base += "-"
            }
        }
        while base.hasSuffix("-") { base.removeLast() }
        if base.isEmpty { base = "calendar" }
        var candidate = base
        var counter = 2
        while taken.keys.contains(where: { $0.hasSuffix("/" + candidate + "/") }) {
            candidate = base + "-\(counter)"
            counter += 1
        }
        return candidate
    }
}
