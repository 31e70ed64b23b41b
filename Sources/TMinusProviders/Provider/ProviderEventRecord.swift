public import TMinusCore

/// One event read from a provider: the provider-neutral ``ProviderEventDelta`` the user graph
/// applies, plus the provider metadata the engine needs around it (version for conditional
/// writes, recurring-instance identity, the server's update stamp, the iCalendar UID).
public struct ProviderEventRecord: Hashable, Sendable {
    /// The change as the engine applies it (`deleted` for removals and cancelled instances).
    public var delta: ProviderEventDelta
    /// The event's version (etag / changeKey), absent on deletions that carry none.
    public var version: ResourceVersion?
    /// For an instance of a recurring series: which series and which occurrence.
    public var instance: RecurringInstanceIdentity?
    /// When the provider last modified the event, by the **server's** clock (never a watermark):
    /// kept in ``delta`` (``ProviderEventDelta/providerUpdatedAt``), which the user graph reads.
    public var updatedAt: Timestamp? {
        get { delta.providerUpdatedAt }
        set { delta.providerUpdatedAt = newValue }
    }
    /// The iCalendar UID (shared by a series' instances on Google): reconciliation evidence only.
    public var iCalendarUID: String?

    /// Creates a record.
    public init(
        delta: ProviderEventDelta, version: ResourceVersion? = nil, instance: RecurringInstanceIdentity? = nil,
        updatedAt: Timestamp? = nil, iCalendarUID: String? = nil
    ) {
        self.delta = delta
        self.version = version
        self.instance = instance
        self.iCalendarUID = iCalendarUID
        if let updatedAt { self.delta.providerUpdatedAt = updatedAt }
    }

    /// Where the event lives.
    public var address: EventAddress { EventAddress(calendarID: delta.calendarID, eventID: delta.providerEventID) }

    /// True when the record is positive evidence of deletion (engine rule 3).
    public var isDeletion: Bool { delta.kind == .deleted }
}

/// Which occurrence of which series an instance is (engine rule 13): Google `recurringEventId` +
/// `originalStartTime`, Graph `seriesMasterId` + `originalStart`, CalDAV `UID` + `RECURRENCE-ID`.
/// The original start is the rule-computed one and does not change when the instance is moved.
public struct RecurringInstanceIdentity: Hashable, Sendable {
    /// The provider ID of the series (master) event.
    public var seriesID: String
    /// The occurrence's original (rule-computed) start.
    public var originalStart: EventDateTime

    /// Creates an identity.
    public init(seriesID: String, originalStart: EventDateTime) {
        self.seriesID = seriesID
        self.originalStart = originalStart
    }
}

/// The result of a full listing or an incremental round for one calendar: every page followed to
/// the end, and the cursor from the **last** page only.
public struct EventListing: Hashable, Sendable {
    /// The calendar listed.
    public var calendarID: String
    /// The events in provider order (an event may appear twice across pages; apply idempotently).
    public var records: [ProviderEventRecord]
    /// The cursor for the next incremental round; store it only after committing ``records``.
    public var cursor: SyncCursor
    /// True for a full listing: absence from it is still **not** evidence of deletion (rule 3).
    public var isFullListing: Bool
    /// How many pages were fetched (short and empty pages included).
    public var pageCount: Int

    /// Creates a listing.
    public init(
        calendarID: String, records: [ProviderEventRecord], cursor: SyncCursor, isFullListing: Bool, pageCount: Int
    ) {
        self.calendarID = calendarID
        self.records = records
        self.cursor = cursor
        self.isFullListing = isFullListing
        self.pageCount = pageCount
    }
}

/// Optional bounds of a full listing, in server time: events ending after `start` and starting
/// before `end`. Used only for the full listing; incremental rounds never send a window (Google
/// forbids it with a sync token; Graph and CalDAV keep it inside the cursor).
public struct ListingWindow: Hashable, Sendable {
    public var start: Timestamp?
    public var end: Timestamp?

    /// Creates a window; either bound may be open.
    public init(start: Timestamp?, end: Timestamp?) {
        self.start = start
        self.end = end
    }

    /// Whether an event from `from` to `to` is one this window covers: it ends after the start
    /// and starts before the end (an open bound covers everything on its side).
    public func overlaps(from: Timestamp, to: Timestamp) -> Bool {
        (start.map { to > $0 } ?? true) && (end.map { from < $0 } ?? true)
    }

    /// The window with each bound moved `slack` outward (inward when `slack` is negative).
    public func widened(by slack: Duration) -> ListingWindow {
        ListingWindow(start: start?.adding(.zero - slack), end: end?.adding(slack))
    }
}
