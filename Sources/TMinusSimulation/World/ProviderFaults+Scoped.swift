import TMinusCore

/// How the provider faults become each fake's rules, and how the scoped ones (``ProviderFaults/preconditionFailures``,
/// ``ProviderFaults/eventualConsistency``, ``ProviderFaults/paginationChanges``) reach each fake.
///
/// 412s are fault rules with their own window, evaluated by the fake. Eventual consistency and
/// paging are configuration knobs without a window, so the driver sets them tick by tick to the
/// faults active then (``FakeProviderHost/applyWindowed(_:at:)``).
extension ProviderFaults {
    /// A fake's rules for these faults on a `kind` server, in the order it evaluates them: the
    /// server errors hitting `kind` (with the fault's `Retry-After`, if any), its rate limits
    /// (`Retry-After` from the fault, default 7 s),
    /// then one 412 rule per `precondition-failure` fault hitting `kind` and per event-write target
    /// of that fake. Each rule keeps its own fault's window and probability.
    func serverRules<Fault>(for kind: ProviderKind) -> [ServerFaultRule<Fault>] {
        let errors = serverErrors.hitting(kind).map {
            ServerFaultRule<Fault>(
                kind: .serverError, status: $0.status, window: $0.window, probability: $0.probability,
                retryAfter: $0.retryAfter)
        }
        let limits = rateLimits.hitting(kind).map {
            ServerFaultRule<Fault>(
                kind: .rateLimit, status: $0.status, window: $0.window, probability: $0.probability,
                retryAfter: $0.retryAfter ?? Self.defaultRetryAfter)
        }
        let preconditions = preconditionFailures.hitting(kind).flatMap { fault in
            Fault.preconditionTargets.map {
                ServerFaultRule<Fault>(
                    kind: .preconditionFailure, target: $0, window: fault.window, probability: fault.probability)
            }
        }
        return (errors + limits).filter { $0.probability != .never } + preconditions
    }

    /// The `Retry-After` of a rate limit whose fault names none.
    static let defaultRetryAfter = DelayRange.exactly(.seconds(7))

    /// Every push fault (loss, duplication, delay, reordering).
    var allPushFaults: [ScopedProviderFault] { pushLoss + pushDuplication + pushDelays + pushReorders }

    /// The push faults of a `kind` fake at the start of a run: those hitting it. With one window
    /// among them it is the fake's own window; with several, the driver sets the faults active at
    /// each tick instead (``activePushFaults(for:at:)``, ``hasWindowedKnobs``).
    func pushFaults(for kind: ProviderKind) -> PushFaults {
        let faults = allPushFaults.hitting(kind)
        guard let window = faults.first?.window, faults.allSatisfy({ $0.window == window }) else { return .none }
        return pushFaults(window: window) { $0.hitting(kind) }
    }

    /// The push faults active for `kind` at `now`, when their windows differ (see ``pushFaults(for:)``).
    func activePushFaults(for kind: ProviderKind, at now: Timestamp) -> PushFaults? {
        let faults = allPushFaults.hitting(kind)
        guard let window = faults.first?.window, !faults.allSatisfy({ $0.window == window }) else { return nil }
        return pushFaults(window: .always) { $0.active(for: kind, at: now) }
    }

    /// One push configuration from the faults `pick` keeps of each list: the highest chances and
    /// the longest delays.
    private func pushFaults(
        window: TimeWindow, _ pick: ([ScopedProviderFault]) -> [ScopedProviderFault]
    ) -> PushFaults {
        let reorders = pick(pushReorders)
        return PushFaults(
            window: window, loss: pick(pushLoss).map(\.probability).highest,
            duplication: pick(pushDuplication).map(\.probability).highest,
            delay: pick(pushDelays).compactMap(\.delay).max { $0.maximum < $1.maximum } ?? .zero,
            reordering: reorders.map(\.probability).highest,
            reorderDelay: reorders.compactMap(\.delay?.maximum).max() ?? .seconds(30))
    }

    /// True when some fault is set through windowless knobs (the driver then sets them every tick).
    var hasWindowedKnobs: Bool {
        !eventualConsistency.isEmpty || !paginationChanges.isEmpty
            || Set(allPushFaults.map(\.window)).count > 1
    }

    /// The longest visibility delay of the eventual-consistency faults active for `kind` at `now`.
    func visibilityDelay(for kind: ProviderKind, at now: Timestamp) -> DelayRange {
        let active = eventualConsistency.active(for: kind, at: now).compactMap(\.delay)
        return active.max { $0.maximum < $1.maximum } ?? .zero
    }

    /// The highest chance of the pagination faults active for `kind` at `now`.
    func pageShiftChance(for kind: ProviderKind, at now: Timestamp) -> Ratio {
        paginationChanges.active(for: kind, at: now).map(\.probability).highest
    }
}

/// CalDAV sync answers are cut after this many members while a pagination fault is active (507,
/// then the client asks again from the partial token).
let pageShiftCalDAVTruncation = 2

extension FakeProviderHost {
    /// Sets the windowless knobs (visibility delay, page faults, and push faults of several
    /// windows) to the faults active at `now` (`faults` empty: clears the first two; ``apply(_:)``
    /// with no faults clears the push faults).
    func applyWindowed(_ faults: ProviderFaults, at now: Timestamp) {
        let delay = faults.visibilityDelay(for: kind, at: now)
        let pages = faults.pageShiftChance(for: kind, at: now)
        let push = faults.activePushFaults(for: kind, at: now)
        if let google = self as? GoogleHost {
            google.server.reconfigure {
                $0.listVisibilityDelay = delay
                $0.shortPageChance = pages
                if let push { $0.pushFaults = push }
            }
        } else if let graph = self as? GraphHost {
            graph.server.reconfigure {
                if let push { $0.pushFaults = push }
                $0.deltaVisibilityDelay = delay
                // An empty page leaves the round where it was and a replay steps it back: at a chance
                // of one a delta round would never end, which no real service does, so a page is
                // empty or replayed at most half the time (a round still sees plenty of both).
                $0.emptyPageChance = pages.atMost(Ratio(1, 2))
                $0.replayChance = pages.atMost(Ratio(1, 2))
            }
        } else if let caldav = self as? CalDAVHost {
            caldav.server.reconfigure {
                $0.syncTruncation = pages.numerator == 0 ? nil : pageShiftCalDAVTruncation
            }
        }
    }
}

extension Ratio {
    /// This chance, or `limit` when this one is higher.
    func atMost(_ limit: Ratio) -> Ratio { [self, limit].highest == self ? limit : self }
}

extension [Ratio] {
    /// The largest chance among these (never when empty).
    var highest: Ratio {
        self.max {
            $0.numerator.multipliedFullWidth(by: $1.denominator) < $1.numerator.multipliedFullWidth(by: $0.denominator)
        } ?? .never
    }
}
