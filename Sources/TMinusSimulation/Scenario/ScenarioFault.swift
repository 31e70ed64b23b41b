public import TMinusCore

/// One entry of a scenario's `faults[]`: a kind from the catalogue, where it applies, when, how
/// often, and its kind-specific parameters.
///
/// Validated on load: the timing, target fields and parameters are the ones the kind accepts
/// (``FaultKind``), windows lie inside the run, referenced accounts exist. Every fault stops when
/// the run's fault phase ends (the scenario's `duration`); then the system heals and must converge.
public struct ScenarioFault: Hashable, Sendable {
    /// When the fault happens.
    public enum Timing: Hashable, Sendable, CustomStringConvertible {
        /// Active in `[from, to)`, offsets from the scenario's start.
        case window(from: Duration, to: Duration)
        /// Happens once, at this offset from the start.
        case at(Duration)

        public var description: String {
            switch self {
            case .window(let from, let to): "[\(ISO8601Duration.format(from)), \(ISO8601Duration.format(to)))"
            case .at(let offset): "at \(ISO8601Duration.format(offset))"
            }
        }
    }

    /// What goes wrong.
    public var kind: FaultKind
    /// Where.
    public var target: FaultTarget
    /// When.
    public var timing: Timing
    /// How often it fires among eligible operations inside the window (1 for instant faults).
    public var probability: Ratio
    /// Kind-specific settings.
    public var parameters: FaultParameters

    /// Creates a fault.
    public init(
        kind: FaultKind, target: FaultTarget = .any, timing: Timing, probability: Ratio = .always,
        parameters: FaultParameters = FaultParameters()
    ) {
        self.kind = kind
        self.target = target
        self.timing = timing
        self.probability = probability
        self.parameters = parameters
    }

    /// Whether the fault is active at `offset` (for an instant fault: exactly then).
    public func isActive(at offset: Duration) -> Bool {
        switch timing {
        case .window(let from, let to): offset >= from && offset < to
        case .at(let instant): offset == instant
        }
    }
}

/// The kind-specific settings of a fault; only those the kind accepts are ever set.
public struct FaultParameters: Hashable, Sendable {
    /// Latency range of a `latency` fault.
    public var latency: DelayRange?
    /// Delay range of `push-delay`, `push-reorder` and `eventual-consistency`.
    public var delay: DelayRange?
    /// `Retry-After` range of `rate-limit` and `server-errors`; nil means no header.
    public var retryAfter: DelayRange?
    /// HTTP status of `rate-limit` (429 or 403) and `server-errors` (500, 502, 503, 504).
    public var status: Int?
    /// Signed clock offset of `clock-skew`.
    public var offset: Duration?
    /// Signed drift in parts per million of `clock-skew`.
    public var driftPartsPerMillion: Int64?
    /// Signed step of `clock-jump`.
    public var by: Duration?
    /// Where a `crash` strikes; nil means between steps.
    public var crashSite: CrashSite?

    /// No parameters.
    public init(
        latency: DelayRange? = nil, delay: DelayRange? = nil, retryAfter: DelayRange? = nil, status: Int? = nil,
        offset: Duration? = nil, driftPartsPerMillion: Int64? = nil, by: Duration? = nil, crashSite: CrashSite? = nil
    ) {
        self.crashSite = crashSite
        self.latency = latency
        self.delay = delay
        self.retryAfter = retryAfter
        self.status = status
        self.offset = offset
        self.driftPartsPerMillion = driftPartsPerMillion
        self.by = by
    }
}

/// Where a `crash` fault strikes (`"where"`).
public enum CrashSite: String, Hashable, Sendable, CaseIterable {
    /// The process is killed between two of the world's steps (no handler is running).
    case betweenSteps = "between-steps"
    /// The process dies inside a handler of the targeted component, at one of the engine's crash
    /// points (after a listing, after a commit before the cursor, after a provider write before
    /// the mirror state, before an acknowledgement, …); `probability` is per point reached.
    case insideHandler = "inside-handler"
}
