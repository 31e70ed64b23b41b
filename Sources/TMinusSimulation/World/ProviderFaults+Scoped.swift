import TMinusCore

/// How the provider faults become each fake's rules, and how the scoped ones (``ProviderFaults/preconditionFailures``,
/// ``ProviderFaults/eventualConsistency``, ``ProviderFaults/paginationChanges``) reach each fake.
///
/// 412s are fault rules with their own window, evaluated by the fake. Eventual consistency and
/// paging are configuration knobs without a window, so the driver sets them tick by tick to the
/// faults active then (``FakeProviderHost/applyWindowed(_:at:)``).
extension ProviderFaults {
    /// A fake's rules for these faults on a `kind` server, in the order it evaluates them: server
    /// errors, rate limits (`Retry-After` 7 s), then one 412 rule per `precondition-failure` fault
    /// hitting `kind` and per event-write target of that fake.
    func serverRules<Fault>(for kind: ProviderKind) -> [ServerFaultRule<Fault>] {
        let bursts = [
            ServerFaultRule<Fault>(kind: .serverError, window: window, probability: serverErrors),
            ServerFaultRule(kind: .rateLimit, window: window, probability: rateLimits, retryAfter: .exactly(.seconds(7))),
        ]
        let preconditions = preconditionFailures.hitting(kind).flatMap { fault in
            Fault.preconditionTargets.map {
                ServerFaultRule<Fault>(
                    kind: .preconditionFailure, target: $0, window: fault.window, probability: fault.probability)
            }
        }
        return bursts.filter { $0.probability != .never } + preconditions
    }

    /// True when some fault is set through windowless knobs (the driver then sets them every tick).
    var hasWindowedKnobs: Bool { !eventualConsistency.isEmpty || !paginationChanges.isEmpty }

    /// The longest visibility delay of the eventual-consistency faults active for `kind` at `now`.
    func visibilityDelay(for kind: ProviderKind, at now: Timestamp) -> DelayRange {
        let active = eventualConsistency.active(for: kind, at: now).compactMap(\.delay)
        return active.max { $0.maximum < $1.maximum } ?? .zero
    }

    /// The highest chance of the pagination faults active for `kind` at `now`.
    func pageShiftChance(for kind: ProviderKind, at now: Timestamp) -> Ratio {
        paginationChanges.active(for: kind, at: now).map(\.probability).max {
            $0.numerator.multipliedFullWidth(by: $1.denominator) < $1.numerator.multipliedFullWidth(by: $0.denominator)
        } ?? .never
    }
}

/// CalDAV sync answers are cut after this many members while a pagination fault is active (507,
/// then the client asks again from the partial token).
let pageShiftCalDAVTruncation = 2

extension FakeProviderHost {
    /// Sets the windowless knobs (visibility delay, page faults) to the faults active at `now`
    /// (`faults` empty: clears them).
    func applyWindowed(_ faults: ProviderFaults, at now: Timestamp) {
        let delay = faults.visibilityDelay(for: kind, at: now)
        let pages = faults.pageShiftChance(for: kind, at: now)
        if let google = self as? GoogleHost {
            google.server.reconfigure {
                $0.listVisibilityDelay = delay
                $0.shortPageChance = pages
            }
        } else if let graph = self as? GraphHost {
            graph.server.reconfigure {
                $0.deltaVisibilityDelay = delay
                $0.emptyPageChance = pages
                $0.replayChance = pages
            }
        } else if let caldav = self as? CalDAVHost {
            caldav.server.reconfigure {
                $0.syncTruncation = pages.numerator == 0 ? nil : pageShiftCalDAVTruncation
            }
        }
    }
}
