public import TMinusCore

/// One simulated component's wall clock: virtual time, skewed.
///
/// Reading: `start + elapsed + offset + elapsed × drift / 1,000,000 + (sum of jumps due)`, all in
/// integer nanoseconds, so two runs with the same seed read identical values. Drift is in parts
/// per million: +50 ppm gains 50 µs per virtual second.
///
/// Sleeping: ``sleep(for:)`` waits the given duration *of this clock's own rate*, converted to
/// virtual time (a fast clock's second is shorter in virtual time) and rounded up to a whole
/// virtual nanosecond. It parks the task in the scheduler's timer heap, is cancellable, and
/// vanishes (never resumes) when the owning ``SimComponent`` is killed meanwhile.
///
/// Confined to the simulator thread like its ``SimScheduler``.
public final class SimClock: WallClock, @unchecked Sendable {
    /// The scheduler whose virtual time this clock skews.
    public let scheduler: SimScheduler
    /// Which component this clock belongs to (for traces and reports).
    public let component: String
    /// Constant offset from true virtual time.
    public let offset: Duration
    /// ``offset`` in nanoseconds, converted once (every reading adds it).
    private let offsetNanoseconds: Int64
    /// Rate error in parts per million (positive: runs fast).
    public let driftPartsPerMillion: Int64
    /// Scheduled jumps, ordered by `at` (stable for equal instants).
    public private(set) var jumps: [ClockJump]

    let life: ComponentLife?

    /// Creates a skewed clock.
    /// - Parameters:
    ///   - scheduler: the source of virtual time.
    ///   - component: the owning component's name.
    ///   - offset: constant offset (may be negative).
    ///   - driftPartsPerMillion: rate error; must be above -1,000,000 so the clock moves forward.
    ///   - jumps: steps of the reading at given virtual instants.
    public convenience init(
        scheduler: SimScheduler, component: String, offset: Duration = .zero,
        driftPartsPerMillion: Int64 = 0, jumps: [ClockJump] = []
    ) {
        self.init(
            scheduler: scheduler, component: component, offset: offset,
            driftPartsPerMillion: driftPartsPerMillion, jumps: jumps, life: nil)
    }

    init(
        scheduler: SimScheduler, component: String, offset: Duration, driftPartsPerMillion: Int64,
        jumps: [ClockJump], life: ComponentLife?
    ) {
        precondition(
            driftPartsPerMillion > -1_000_000, "drift \(driftPartsPerMillion) ppm would stop or reverse the clock")
        precondition(driftPartsPerMillion < 1_000_000_000, "drift \(driftPartsPerMillion) ppm is implausibly large")
        self.scheduler = scheduler
        self.component = component
        self.offset = offset
        self.offsetNanoseconds = offset.nanoseconds
        self.driftPartsPerMillion = driftPartsPerMillion
        self.jumps = []
        self.life = life
        for jump in jumps { addJump(jump) }
    }

    /// Schedules another jump (a fault may add one during the run).
    public func addJump(_ jump: ClockJump) {
        let index = jumps.firstIndex { $0.at > jump.at } ?? jumps.endIndex
        jumps.insert(jump, at: index)
    }

    /// What this component's clock reads now.
    public func now() -> Timestamp {
        reading(atElapsedNanoseconds: scheduler.elapsedNanoseconds)
    }

    /// What this clock reads at a given elapsed virtual time (pure; for tests and planning).
    public func reading(atElapsedNanoseconds elapsed: Int64) -> Timestamp {
        var local = scheduler.start.nanosecondsSinceEpoch &+ elapsed &+ offsetNanoseconds
        local &+= SimClock.scale(elapsed, partsPerMillion: driftPartsPerMillion)
        for jump in jumps {
            guard jump.at.nanoseconds <= elapsed else { break }
            local &+= jump.by.nanoseconds
        }
        return Timestamp(nanosecondsSinceEpoch: local)
    }

    /// Suspends the caller for `duration` of this clock's time.
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    public func sleep(for duration: Duration) async throws {
        let virtualDelay = virtualNanoseconds(forLocal: duration)
        try await scheduler.sleep(
            untilElapsedNanoseconds: scheduler.elapsedNanoseconds &+ virtualDelay, life: life)
    }

    /// The virtual nanoseconds that pass while this clock advances by `duration`:
    /// `ceil(duration × 1e6 / (1e6 + drift))`, zero for non-positive durations.
    public func virtualNanoseconds(forLocal duration: Duration) -> Int64 {
        let local = duration.nanoseconds
        guard local > 0 else { return 0 }
        guard driftPartsPerMillion != 0 else { return local }
        let rate = 1_000_000 + driftPartsPerMillion
        let product = local.multipliedFullWidth(by: 1_000_000)
        let (quotient, remainder) = rate.dividingFullWidth(product)
        return remainder == 0 ? quotient : quotient + 1
    }

    /// `value × ppm / 1,000,000` without overflow for any elapsed time a run can reach.
    static func scale(_ value: Int64, partsPerMillion: Int64) -> Int64 {
        guard partsPerMillion != 0 else { return 0 }
        return (value / 1_000_000) &* partsPerMillion &+ (value % 1_000_000) &* partsPerMillion / 1_000_000
    }
}
