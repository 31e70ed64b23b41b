import TMinusCore

/// How the scoped provider faults (``ProviderFaults/preconditionFailures``,
/// ``ProviderFaults/eventualConsistency``, ``ProviderFaults/paginationChanges``) reach each fake.
///
/// 412s are fault rules with their own window, evaluated by the fake. Eventual consistency and
/// paging are configuration knobs without a window, so the driver sets them tick by tick to the
/// faults active then (``FakeProviderHost/applyWindowed(_:at:)``).
extension ProviderFaults {
    /// Google: a 412 `conditionNotMet` on PATCH/PUT/DELETE of an event.
    var googlePreconditionRules: [GoogleFaultRule] {
        preconditionRules(.google, methods: ["PATCH", "PUT", "DELETE"]) { fault, method in
            GoogleFaultRule(
                .conditionNotMet, target: RequestPattern(path: "/calendar/v3/calendars/*/events/*", method: method),
                window: fault.window, probability: fault.probability)
        }
    }

    /// Graph: a 412 `ErrorIrresolvableConflict` on PATCH/DELETE of an event.
    var graphPreconditionRules: [GraphFaultRule] {
        preconditionRules(.microsoft, methods: ["PATCH", "DELETE"]) { fault, method in
            GraphFaultRule(
                .irresolvableConflict, target: RequestPattern(path: "*/events/*", method: method), window: fault.window,
                probability: fault.probability)
        }
    }

    /// CalDAV: a 412 on PUT/DELETE of a calendar object resource.
    var caldavPreconditionRules: [CalDAVFaultRule] {
        preconditionRules(.caldav, methods: ["PUT", "DELETE"]) { fault, method in
            CalDAVFaultRule(
                .preconditionFailed, target: RequestPattern(path: "*.ics", method: method), window: fault.window,
                probability: fault.probability)
        }
    }

    /// One rule per `precondition-failure` fault hitting `kind` and per write method.
    private func preconditionRules<Rule>(
        _ kind: ProviderKind, methods: [String], _ rule: (ScopedProviderFault, String) -> Rule
    ) -> [Rule] {
        preconditionFailures.hitting(kind).flatMap { fault in methods.map { rule(fault, $0) } }
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
