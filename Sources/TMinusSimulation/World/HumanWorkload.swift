public import TMinusCore

/// How often simulated people act, per account per tick (integer ratios: bit-identical runs).
public struct WorkloadRates: Hashable, Sendable {
    public var create = Ratio(1, 12)
    public var edit = Ratio(1, 24)
    public var delete = Ratio(1, 48)
    /// Editing one of our mirrors (drift).
    public var tamperEdit = Ratio(1, 96)
    /// Deleting one of our mirrors.
    public var tamperDelete = Ratio(1, 192)
    /// Share of new events that are all-day.
    public var allDay = Ratio(1, 8)
    /// Share of new events in Google accounts that another sync tool tagged as its own
    /// (`managed=true` without our `tminus` tag): foreign managed, so origins for us (invariant A).
    /// Never by default; only drawn when set, so runs without it keep their random streams.
    public var foreignTagged = Ratio.never
    /// Share of new events that are recurring series (daily or weekly, in a time zone with DST).
    public var recurring = Ratio.never
    /// Chance per tick that a person edits or cancels one occurrence of one of their series.
    public var exception = Ratio.never
    /// Extra human acts a scenario's `mirror-edit`, `mirror-deletion` and `recurring-instance-edit`
    /// faults ask for, each in its own window and account (on top of the rates above).
    public var humanFaults: [HumanFaultRule] = []
    /// Share of new single events the person creates through T-Minus (flow B write-through) rather
    /// than in their calendar app; the workload's edits and deletes then reach them like any other
    /// (invariant F's path). Never by default; only drawn when set.
    public var throughTMinus = Ratio.never

    /// The defaults: a busy person, a few tamperings a day.
    public init() {}

    /// No human activity at all.
    public static let none: WorkloadRates = {
        var rates = WorkloadRates()
        rates.create = .never
        rates.edit = .never
        rates.delete = .never
        rates.tamperEdit = .never
        rates.tamperDelete = .never
        return rates
    }()
}

/// A person acting as a scenario's human fault asks: with `probability` per tick inside `window`,
/// in the account with `login` (nil: every one), doing `act` once.
public struct HumanFaultRule: Hashable, Sendable {
    /// What the person does.
    public enum Act: Hashable, Sendable {
        /// Edits one of our mirrors (`mirror-edit`).
        case editMirror
        /// Deletes one of our mirrors (`mirror-deletion`).
        case deleteMirror
        /// Moves and renames, or cancels, one occurrence of one of their series
        /// (`recurring-instance-edit`).
        case changeOccurrence
    }

    public var act: Act
    public var login: String?
    public var window: TimeWindow
    public var probability: Ratio

    /// Creates a rule.
    public init(_ act: Act, login: String?, window: TimeWindow, probability: Ratio) {
        self.act = act
        self.login = login
        self.window = window
        self.probability = probability
    }

    /// True when it acts in `account` at `now`.
    func hits(_ account: WorldAccount, at now: Timestamp) -> Bool {
        window.contains(now) && (login == nil || login == account.login)
    }
}

/// Seeded human behaviour at the providers: creating, editing and deleting their own events,
/// and tampering with our mirrors, through each fake's human API. Records origin events in the
/// ``HumanLedger``.
struct HumanWorkload {
    var random: Xoshiro256StarStar
    let rates: WorkloadRates
    /// Occurrences already changed (`series#index`): each is changed at most once.
    var touchedOccurrences: Set<String> = []

    /// One tick of activity in every account, in account order.
    mutating func act(in world: SyncWorld, now: Timestamp) async {
        for account in world.accounts {
            guard let host = world.host(for: account.provider) else { continue }
            if random.chance(Self.scaled(rates.create, by: WorkingHours.bookingWeight(at: now, zone: account.timeZone))) {
                if rates.throughTMinus != .never, random.chance(rates.throughTMinus) {
                    let (start, end) = meeting(for: account, now: now)
                    let content = EventContent(title: "Booked \(random.below(100_000))", start: start, end: end)
                    _ = await world.createThroughTMinus(content, in: account, calendarID: account.primaryCalendarID)
                } else {
                    create(account, host: host, now: now, world: world)
                }
            }
            if random.chance(rates.edit) { edit(account, host: host, world: world) }
            if random.chance(rates.delete) { delete(account, host: host, world: world) }
            if random.chance(rates.tamperEdit) { tamper(account, host: host, world: world, delete: false) }
            if random.chance(rates.tamperDelete) { tamper(account, host: host, world: world, delete: true) }
            for fault in rates.humanFaults where fault.hits(account, at: now) && random.chance(fault.probability) {
                switch fault.act {
                case .editMirror: tamper(account, host: host, world: world, delete: false)
                case .deleteMirror: tamper(account, host: host, world: world, delete: true)
                case .changeOccurrence: changeOccurrence(account, world: world)
                }
            }
            if random.chance(rates.exception) { changeOccurrence(account, world: world) }
        }
    }

    /// `base` scaled by `weight`, at most always.
    static func scaled(_ base: Ratio, by weight: WorkingHours.Weight) -> Ratio {
        let numerator = base.numerator * weight.numerator
        let denominator = base.denominator * weight.denominator
        return numerator >= denominator ? .always : Ratio(numerator, denominator)
    }

    /// Zones whose DST transitions fall in the weeks the scenarios usually run (March/April).
    static let seriesZones = ["America/New_York", "Europe/Berlin", "Australia/Sydney"]

    /// A daily or weekly series at a local time in a DST zone, starting within the next week.
    private mutating func series(now: Timestamp) -> (start: EventDateTime, end: EventDateTime, rule: String) {
        let zone = Self.seriesZones[Int(random.below(UInt64(Self.seriesZones.count)))]
        let hour = Timestamp(secondsSinceEpoch: now.secondsSinceEpoch - now.secondsSinceEpoch % 3600)
        let begin = hour.adding(.seconds(Int64(2 + random.below(7 * 24)) * 3600))
        let rule =
            random.chance(Ratio(1, 2))
            ? "RRULE:FREQ=DAILY;COUNT=\(3 + random.below(6))" : "RRULE:FREQ=WEEKLY;COUNT=\(2 + random.below(4))"
        var start = begin
        while !TimeZoneNames.isPlainWallTime(start, in: zone)
            || !TimeZoneNames.isPlainWallTime(start.adding(.seconds(1800)), in: zone)
        {
            start = start.adding(.seconds(3600))  // a person does not book a series in the changing hour
        }
        return (.timed(start, timeZone: zone), .timed(start.adding(.seconds(1800)), timeZone: zone), rule)
    }


    /// A person edits (moves, renames, or both) or cancels one occurrence of one of their series,
    /// never the first and never one already changed.
    private mutating func changeOccurrence(_ account: WorldAccount, world: SyncWorld) {
        let series = world.ledger.withLock { $0.live(login: account.login) }.filter { !$0.recurrence.isEmpty }
        guard !series.isEmpty else { return }
        let entry = series[Int(random.below(UInt64(series.count)))]
        let index = 1 + Int(random.below(3))
        let key = "\(entry.eventID)#\(index)"
        guard !touchedOccurrences.contains(key), let occurrence = world.occurrenceAsLeft(index, of: entry)?.entry
        else { return }
        var edit: HumanEventEdit?
        if random.chance(Ratio(2, 3)), case .timed(let begin, let zone) = occurrence.start,
            case .timed(let finish, _) = occurrence.end
        {
            // Moved, renamed, or both, a third each, as a single event's edit.
            let change = EditKind(rawValue: random.below(3))!
            var changed = HumanEventEdit()
            if change != .rename {
                let shift = Duration.seconds(Int64(1 + random.below(4)) * 900)
                (changed.start, changed.end) = (.timed(begin.adding(shift), timeZone: zone), .timed(finish.adding(shift), timeZone: zone))
                if let zone, !TimeZoneNames.isPlainWallTime(begin.adding(shift), in: zone)
                    || !TimeZoneNames.isPlainWallTime(finish.adding(shift), in: zone)
                {
                    return  // into the autumn's repeated hour: a person moves it another day
                }
            }
            if change != .move { changed.title = "Changed \(random.below(100_000))" }
            edit = changed
        }
        if world.changeOccurrence(index, of: entry, edit: edit) { touchedOccurrences.insert(key) }
    }

    mutating func create(_ account: WorldAccount, host: any FakeProviderHost, now: Timestamp, world: SyncWorld)
    {
        let title = "Meeting \(random.below(100_000))"
        let (start, end): (EventDateTime, EventDateTime)
        var recurrence: [String] = []
        if random.chance(rates.recurring) {
            let series = series(now: now)
            (start, end, recurrence) = (series.start, series.end, [series.rule])
        } else if random.chance(rates.allDay) {
            let day = CalendarDate(daysSinceEpoch: now.secondsSinceEpoch / 86_400 + 1 + Int64(random.below(20)))
            (start, end) = (.allDay(day), .allDay(day.next))
        } else {
            (start, end) = meeting(for: account, now: now)
        }
        var draft = HumanEventDraft(title: title, start: start, end: end, recurrence: recurrence)
        if account.provider == .google, rates.foreignTagged != .never, random.chance(rates.foreignTagged) {
            draft.privateProperties = [ManagedMarkers.GoogleKey.managed: "true", "managedBy": "othersync"]
        }
        guard
            let id = try? host.humans.humanCreateEvent(
                account: account.login, calendarID: account.primaryCalendarID, draft)
        else { return }
        world.ledger.withLock {
            $0.record(
                HumanLedger.Entry(
                    login: account.login, calendarID: account.primaryCalendarID, eventID: id, title: title,
                    start: start, end: end,
                    deleted: false, recurrence: recurrence))
        }
    }

    /// A one-off meeting: people book in their own working hours, on quarter hours, one to twenty days ahead.
    private mutating func meeting(for account: WorldAccount, now: Timestamp) -> (EventDateTime, EventDateTime) {
        let begin = WorkingHours.meetingStart(
            bookedAt: now, zone: account.timeZone, daysAhead: Int64(1 + random.below(20)),
            quarter: Int64(random.below(36)))
        return (
            .timed(begin, timeZone: account.timeZone),
            .timed(begin.adding(.seconds(Int64(1 + random.below(4)) * 1800)), timeZone: account.timeZone)
        )
    }

    /// A person edits one of their single events: renames it, moves it (a timed one, by a quarter
    /// hour to two hours), or both, a third each. A move alone changes nothing but the times, the
    /// edit a sync that compares the wrong fields misses (`origin-moves-look-unchanged`).
    private mutating func edit(_ account: WorldAccount, host: any FakeProviderHost, world: SyncWorld) {
        let live = world.ledger.withLock { $0.live(login: account.login) }.filter(\.isSingleEvent)
        guard !live.isEmpty else { return }
        var entry = live[Int(random.below(UInt64(live.count)))]
        let change = EditKind(rawValue: random.below(3))!
        var moved = false
        if change != .rename, case .timed(let begin, let zone) = entry.start, case .timed(let finish, _) = entry.end {
            let shift = Duration.seconds(Int64(1 + random.below(8)) * 900)
            entry.start = .timed(begin.adding(shift), timeZone: zone)
            entry.end = .timed(finish.adding(shift), timeZone: zone)
            moved = true
        }
        // An all-day event is renamed, never moved.
        if !moved || change == .renameAndMove { entry.title = "Renamed \(random.below(100_000))" }
        let edit = HumanEventEdit(title: entry.title, start: entry.start, end: entry.end)
        guard
            (try? host.humans.humanEditEvent(
                account: account.login, calendarID: entry.calendarID, eventID: entry.eventID, edit)) != nil
        else { return }
        world.ledger.withLock { $0.record(entry) }
    }

    mutating func delete(_ account: WorldAccount, host: any FakeProviderHost, world: SyncWorld) {
        let live = world.ledger.withLock { $0.live(login: account.login) }.filter(\.isSingleEvent)
        guard !live.isEmpty else { return }
        let entry = live[Int(random.below(UInt64(live.count)))]
        guard
            (try? host.humans.humanDeleteEvent(
                account: account.login, calendarID: entry.calendarID, eventID: entry.eventID)) != nil
        else { return }
        world.ledger.withLock {
            $0.recordDeleted(login: account.login, calendarID: entry.calendarID, eventID: entry.eventID)
        }
    }

    /// A person edits or deletes one of our mirrors in their account.
    private mutating func tamper(_ account: WorldAccount, host: any FakeProviderHost, world: SyncWorld, delete: Bool) {
        let mirrors = world.managedEvents(of: account)
        guard !mirrors.isEmpty else { return }
        let (calendarID, event) = mirrors[Int(random.below(UInt64(mirrors.count)))]
        world.transport.noteHumanChange(eventID: event.id)
        if delete {
            try? host.humans.humanDeleteEvent(account: account.login, calendarID: calendarID, eventID: event.id)
        } else {
            try? host.humans.humanEditEvent(
                account: account.login, calendarID: calendarID, eventID: event.id,
                HumanEventEdit(title: "Tampered \(random.below(1000))"))
        }
        world.trace.record(
            component: "human", event: "\(delete ? "deleted" : "edited") a mirror in \(account.accountID)")
    }
}

extension HumanWorkload {
    /// What one edit of a single event changes.
    enum EditKind: UInt64 {
        case renameAndMove, rename, move
    }
}
