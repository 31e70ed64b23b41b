/// What an executor reports about one run of one scenario with one seed: its own verdict, the
/// invariant violations it found, how long convergence took, counters and sampled time series.
///
/// A plain value. Times are offsets from the scenario's start (virtual time). The runner combines
/// it with the scenario's `expect` section into the run's final verdict (``ScenarioEvaluation``).
public struct ScenarioOutcome: Hashable, Sendable {
    /// The executor's own verdict.
    public enum Verdict: String, Hashable, Sendable {
        /// Every check the executor ran passed.
        case pass
        /// Some check failed (the violations or ``notes`` say which).
        case fail
    }

    /// The executor's verdict (violations of any invariant make it `fail`).
    public var verdict: Verdict
    /// Every violation found, in the order found.
    public var violations: [InvariantViolation]
    /// The invariants the executor actually checked (an unchecked one is reported as such, never
    /// as held).
    public var checkedInvariants: [InvariantID]
    /// Virtual time from the end of the fault phase to convergence (invariant M), or nil when the
    /// run did not converge (or was cut short).
    public var convergenceTime: Duration?
    /// When the fault phase ended (normally the scenario's duration), for plot markers.
    public var faultPhaseEnded: Duration?
    /// Total virtual time the executor ran.
    public var virtualDuration: Duration
    /// Counters over the whole run.
    public var counters: ScenarioCounters
    /// Sampled series for the report's plots.
    public var series: [TimeSeries]
    /// Free-form remarks for the report (how safety checks were scheduled, an internal error).
    public var notes: [String]

    /// Creates an outcome.
    public init(
        verdict: Verdict, violations: [InvariantViolation] = [],
        checkedInvariants: [InvariantID] = InvariantID.allCases,
        convergenceTime: Duration? = nil, faultPhaseEnded: Duration? = nil, virtualDuration: Duration,
        counters: ScenarioCounters = ScenarioCounters(), series: [TimeSeries] = [], notes: [String] = []
    ) {
        self.verdict = verdict
        self.violations = violations
        self.checkedInvariants = checkedInvariants
        self.convergenceTime = convergenceTime
        self.faultPhaseEnded = faultPhaseEnded
        self.virtualDuration = virtualDuration
        self.counters = counters
        self.series = series
        self.notes = notes
    }
}

/// One invariant violation: which invariant, when, on which objects, why, and the trace lines
/// that touched those objects just before.
public struct InvariantViolation: Hashable, Sendable {
    /// The invariant (A–N).
    public var invariant: InvariantID
    /// Virtual time of detection, as an offset from the start.
    public var at: Duration
    /// The objects involved (canonical IDs, `account/event` pairs, queue message IDs).
    public var objects: [String]
    /// What was wrong, in a sentence.
    public var message: String
    /// The last trace lines that touched the objects, oldest first.
    public var recentTrace: [String]

    /// Creates a violation.
    public init(
        invariant: InvariantID, at: Duration, objects: [String] = [], message: String, recentTrace: [String] = []
    ) {
        self.invariant = invariant
        self.at = at
        self.objects = objects
        self.message = message
        self.recentTrace = recentTrace
    }

    /// `D (idempotency) at +P1DT2H: two live mirrors of evt_… in work [evt_…, work/abc]`.
    public var summary: String {
        var text = "\(invariant.label) at +\(ISO8601Duration.format(at)): \(message)"
        if !objects.isEmpty { text += " [\(objects.joined(separator: ", "))]" }
        return text
    }
}

/// Counters over a whole run. Per-provider counts are keyed by provider name (`google`,
/// `microsoft`, `caldav`); reports print them in sorted order.
public struct ScenarioCounters: Hashable, Sendable {
    /// Provider API calls made by the engine, by provider.
    public var providerCalls: [String: Int]
    /// Of those, calls that failed (error status or transport error), by provider.
    public var providerErrors: [String: Int]
    /// Provider writes (creates, updates, deletes) made by the engine.
    public var writes: Int
    /// User changes (origin creates, edits, deletes) the engine saw.
    public var userChanges: Int
    /// The most writes any single user change caused (invariant J).
    public var maxWritesPerChange: Int
    /// Mirrors found drifted (tampered or missing) by reconcile, and of those repaired.
    public var driftFound: Int
    public var driftRepaired: Int
    /// Messages in the dead-letter queue at the end.
    public var deadLetters: Int
    /// Push notifications the engine received.
    public var pushesReceived: Int

    /// All zero.
    public init(
        providerCalls: [String: Int] = [:], providerErrors: [String: Int] = [:], writes: Int = 0, userChanges: Int = 0,
        maxWritesPerChange: Int = 0, driftFound: Int = 0, driftRepaired: Int = 0, deadLetters: Int = 0,
        pushesReceived: Int = 0
    ) {
        self.providerCalls = providerCalls
        self.providerErrors = providerErrors
        self.writes = writes
        self.userChanges = userChanges
        self.maxWritesPerChange = maxWritesPerChange
        self.driftFound = driftFound
        self.driftRepaired = driftRepaired
        self.deadLetters = deadLetters
        self.pushesReceived = pushesReceived
    }

    /// Provider calls over all providers.
    public var totalProviderCalls: Int { providerCalls.values.reduce(0, +) }

    /// Provider errors over all providers.
    public var totalProviderErrors: Int { providerErrors.values.reduce(0, +) }
}

/// One sampled series for a report plot: points (virtual time offset, value), in time order.
public struct TimeSeries: Hashable, Sendable {
    /// Which plot the series belongs to.
    public var plot: PlotKind
    /// The line's label in the legend (`sync`, `google`, `found`).
    public var label: String
    /// The samples, in non-decreasing time order.
    public var points: [SeriesPoint]

    /// Creates a series.
    public init(plot: PlotKind, label: String, points: [SeriesPoint]) {
        self.plot = plot
        self.label = label
        self.points = points
    }
}

/// One sample of a ``TimeSeries``.
public struct SeriesPoint: Hashable, Sendable {
    /// Virtual time, as an offset from the start.
    public var at: Duration
    /// The value then.
    public var value: Int64

    /// Creates a sample.
    public init(at: Duration, value: Int64) {
        self.at = at
        self.value = value
    }
}

/// The plots of the HTML report, in display order.
public enum PlotKind: String, Hashable, Sendable, CaseIterable {
    /// Messages waiting in each queue (one line per queue).
    case queueDepths = "queue-depths"
    /// Cumulative provider API calls (one line per provider).
    case providerCalls = "provider-calls"
    /// Cumulative provider errors (one line per provider).
    case providerErrors = "provider-errors"
    /// Cumulative drift found and repaired.
    case drift
    /// Cumulative engine writes and user changes: their ratio is the writes per change (J) over time.
    case writesPerChange = "writes-per-change"

    /// The plot's title.
    public var title: String {
        switch self {
        case .queueDepths: "Queue depths"
        case .providerCalls: "Provider calls (cumulative)"
        case .providerErrors: "Provider errors (cumulative)"
        case .drift: "Drift found and repaired (cumulative)"
        case .writesPerChange: "Writes per change: engine writes and user changes (cumulative)"
        }
    }
}
