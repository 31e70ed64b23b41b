public import TMinusCore

/// Turns one calendar object resource (its calendar data and ETag) into UID-keyed records (pure).
///
/// - A non-recurring VEVENT is one record with ID = UID; it is reported when it overlaps the
///   single-event window, or when it was reported before (so a move out of the window is seen).
/// - A series (master with RRULE/RDATE, its RECURRENCE-ID overrides, or overrides alone) is
///   expanded within the cursor's expansion window into one record per instance, ID =
///   `UID#RECURRENCE-ID` (engine rule 13), content from the override where there is one.
/// - `STATUS:CANCELLED` (an event, or an override cancelling one instance) is a deletion record.
/// - Compared with what was reported before from this resource: an instance the series no longer
///   generates (EXDATE added, rule shortened, DTSTART moved) and a UID that left the resource are
///   deletion records — the re-read resource is positive evidence (rule 3). An instance that only
///   moved out of the window is reported with its new times.
/// Every record carries the resource's ETag as its version and the UID as ``ProviderEventRecord/iCalendarUID``.
public struct CalDAVResourceReader: Sendable {
    /// The calendar ID (collection path) records are reported in.
    public var calendarID: String
    /// Single events outside `[singlesStart, singlesEnd)` are not reported (nil: open).
    public var singlesStart: Timestamp?
    public var singlesEnd: Timestamp?
    /// Series are expanded within `[expandStart, expandEnd)`.
    public var expandStart: Timestamp
    public var expandEnd: Timestamp
    /// The zone floating times are read in (nil: UTC).
    public var floatingTimeZone: String?

    /// Creates a reader for one listing.
    public init(
        calendarID: String, singlesStart: Timestamp?, singlesEnd: Timestamp?, expandStart: Timestamp,
        expandEnd: Timestamp, floatingTimeZone: String?
    ) {
        self.calendarID = calendarID
        self.singlesStart = singlesStart
        self.singlesEnd = singlesEnd
        self.expandStart = expandStart
        self.expandEnd = expandEnd
        self.floatingTimeZone = floatingTimeZone
    }

    /// A reader with the windows of `cursor`.
    public init(cursor: CalDAVCursor, floatingTimeZone: String?) {
        self.init(
            calendarID: cursor.collection, singlesStart: cursor.singlesStart, singlesEnd: cursor.singlesEnd,
            expandStart: cursor.expandStart, expandEnd: cursor.expandEnd, floatingTimeZone: floatingTimeZone)
    }

    /// What one resource yields: the records to report and the index entries to remember.
    public struct Result: Hashable, Sendable {
        public var records: [ProviderEventRecord]
        public var members: [CalDAVCursor.Member]
    }

    /// Reads `data` (the resource's calendar data) given what was reported from it before.
    /// - Throws: ``ICalendarError`` when the data cannot be read or a time cannot be resolved.
    public func read(_ data: [UInt8], etag: String?, previous: [CalDAVCursor.Member]) throws(ICalendarError) -> Result {
        let calendar = try ICalendarCalendar.parse(data, floatingTimeZone: floatingTimeZone)
        let zones = calendar.timeZones
        let version = etag.map(ResourceVersion.init)
        var result = Result(records: [], members: [])
        var seen: Set<String> = []
        for series in try calendar.series() {
            seen.insert(series.uid)
            let before = previous.first { $0.uid == series.uid }
            if let master = series.master, !master.isRecurring {
                try readSingle(master, series: series, zones: zones, before: before, version: version, into: &result)
            } else {
                try readSeries(series, zones: zones, before: before, version: version, into: &result)
            }
        }
        for gone in previous where !seen.contains(gone.uid) {
            result.records += deletions(gone.eventIDs, version: version)
        }
        return result
    }

    /// The deletion records of reported event IDs (a removed resource, a UID that left it).
    public func deletions(_ eventIDs: [String], version: ResourceVersion?) -> [ProviderEventRecord] {
        eventIDs.map { id in
            let parsed = CalDAVEventID.parse(id)
            let instance = parsed.recurrenceID.map {
                RecurringInstanceIdentity(seriesID: parsed.uid, originalStart: Self.originalStart($0, zone: nil))
            }
            return ProviderEventRecord(
                delta: ProviderEventDelta(kind: .deleted, providerEventID: id, calendarID: calendarID, content: nil),
                version: nil, instance: instance, iCalendarUID: parsed.uid)
        }
    }

    private func readSingle(
        _ master: ICalendarEvent, series: ICalendarEventSeries, zones: ICalendarTimeZones, before: CalDAVCursor.Member?,
        version: ResourceVersion?, into result: inout Result
    ) throws(ICalendarError) {
        let content = try ICalendarMapping.content(of: master, timeZones: zones)
        let wasReported = before.map { $0.recurrenceIDs.isEmpty } ?? false
        if let before, !before.recurrenceIDs.isEmpty {
            result.records += deletions(before.eventIDs, version: version)
        }
        guard wasReported || overlapsSingles(content.start, content.end) else { return }
        result.records.append(record(master, content: content, recurrenceID: nil, zones: zones, version: version))
        if content.status != .cancelled {
            result.members.append(CalDAVCursor.Member(uid: master.uid, recurrenceIDs: []))
        }
    }

    private func readSeries(
        _ series: ICalendarEventSeries, zones: ICalendarTimeZones, before: CalDAVCursor.Member?,
        version: ResourceVersion?, into result: inout Result
    ) throws(ICalendarError) {
        var reported: [String] = []
        for instance in try ICalendarExpansion.instances(of: series, zones: zones, from: expandStart, to: expandEnd) {
            guard let recurrenceID = instance.recurrenceID else { continue }
            let text = recurrenceID.valueText
            guard !reported.contains(text) else { continue }
            let record = try instanceRecord(instance, series: series, zones: zones, version: version)
            result.records.append(record)
            if !record.isDeletion { reported.append(text) }
        }
        if let before {
            if before.recurrenceIDs.isEmpty { result.records += deletions([series.uid], version: version) }
            for text in before.recurrenceIDs where !reported.contains(text) {
                guard let recurrenceID = ICalendarDateTime.parse(text: Substring(text), tzid: nil),
                    let instance = try Self.instance(of: series, recurrenceID: recurrenceID, zones: zones)
                else {
                    result.records += deletions([series.uid + String(CalDAVEventID.separator) + text], version: version)
                    continue
                }
                let record = try instanceRecord(instance, series: series, zones: zones, version: version)
                result.records.append(record)
                if !record.isDeletion { reported.append(text) }
            }
        }
        if !reported.isEmpty { result.members.append(CalDAVCursor.Member(uid: series.uid, recurrenceIDs: reported)) }
    }

    /// The record of one instance of `series`.
    func instanceRecord(
        _ instance: ICalendarInstance, series: ICalendarEventSeries, zones: ICalendarTimeZones,
        version: ResourceVersion?
    ) throws(ICalendarError) -> ProviderEventRecord {
        let event = instance.event
        let base = try ICalendarMapping.content(of: event, timeZones: zones)
        var content = base
        content.start = instance.start
        content.end = instance.end
        content.recurrenceRule = series.master?.recurrenceRule
        return record(event, content: content, recurrenceID: instance.recurrenceID, zones: zones, version: version)
    }

    private func record(
        _ event: ICalendarEvent, content: EventContent, recurrenceID: ICalendarDateTime?, zones: ICalendarTimeZones,
        version: ResourceVersion?
    ) -> ProviderEventRecord {
        let id = CalDAVEventID.eventID(uid: event.uid, recurrenceID: recurrenceID)
        let instance = recurrenceID.map {
            RecurringInstanceIdentity(
                seriesID: event.uid, originalStart: Self.originalStart($0, zones: zones, like: content))
        }
        let cancelled = content.status == .cancelled
        let delta = ProviderEventDelta(
            kind: cancelled ? .deleted : .updated, providerEventID: id, calendarID: calendarID,
            content: cancelled ? nil : content, markers: ICalendarMapping.markerEvidence(of: event))
        return ProviderEventRecord(delta: delta, version: version, instance: instance, iCalendarUID: event.uid)
    }

    private func overlapsSingles(_ start: EventDateTime, _ end: EventDateTime) -> Bool {
        let from = start.instant
        let to = end.instant
        if let singlesEnd, from >= singlesEnd { return false }
        guard let singlesStart else { return true }
        return to > singlesStart || (to <= from && from >= singlesStart)
    }
}
