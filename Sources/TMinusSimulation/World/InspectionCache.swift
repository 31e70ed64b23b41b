import TMinusCore

/// Memoizes what the world reads of the fakes' true state while a check runs: each fake is
/// inspected once per scope instead of once per account and per invariant, and each account's
/// managed events are classified once.
///
/// Guarantee: outside ``scoped(_:)`` nothing is cached (every read inspects the fake afresh). Inside
/// a scope reads are cached, so a scope must only cover code during which no fake changes: the
/// world's checks (``WorldDriver`` opens one around each safety and convergence check, when the
/// engine is idle between steps and no request is in flight). A cached read returns exactly what
/// the fake would have returned, so checks see the same state and find the same violations.
public final class InspectionCache: Sendable {
    private struct State: Sendable {
        var depth = 0
        var calendars: [String: [InspectedCalendar]] = [:]
        var managed: [String: [(String, InspectedEvent)]] = [:]
    }

    private let state = LockedBox(State())

    /// A cache with no scope open (reads pass through).
    public init() {}

    /// Runs `body` with reads of the fakes cached; the cache is emptied when the outermost scope ends.
    public func scoped<T>(_ body: () async throws -> T) async rethrows -> T {
        state.withLock { $0.depth += 1 }
        defer {
            state.withLock { state in
                state.depth -= 1
                if state.depth == 0 {
                    state.calendars = [:]
                    state.managed = [:]
                }
            }
        }
        return try await body()
    }

    /// The fake's calendars under `key`: cached inside a scope, else `inspect()`.
    func calendars(_ key: String, _ inspect: () -> [InspectedCalendar]) -> [InspectedCalendar] {
        if let cached = state.withLock({ $0.depth > 0 ? $0.calendars[key] : nil }) { return cached }
        let calendars = inspect()
        state.withLock { if $0.depth > 0 { $0.calendars[key] = calendars } }
        return calendars
    }

    /// One account's managed events under `key`: cached inside a scope, else `compute()`.
    func managedEvents(_ key: String, _ compute: () -> [(String, InspectedEvent)]) -> [(String, InspectedEvent)] {
        if let cached = state.withLock({ $0.depth > 0 ? $0.managed[key] : nil }) { return cached }
        let events = compute()
        state.withLock { if $0.depth > 0 { $0.managed[key] = events } }
        return events
    }

    /// `inspection` seen through this cache, under `key` (one key per fake).
    func wrap(_ inspection: any FakeCalendarInspection, key: String) -> any FakeCalendarInspection {
        CachedInspection(inner: inspection, key: key, cache: self)
    }
}

/// A fake's inspection read through an ``InspectionCache``.
private struct CachedInspection: FakeCalendarInspection {
    let inner: any FakeCalendarInspection
    let key: String
    let cache: InspectionCache

    func inspectCalendars() -> [InspectedCalendar] { cache.calendars(key) { inner.inspectCalendars() } }
    func inspectionStamp() -> [FakeCalendarStamp] { inner.inspectionStamp() }
    func inspectChanges(after known: [String: InspectionPosition]) -> [InspectedCalendarChanges] {
        inner.inspectChanges(after: known)
    }
}
