public import TMinusCore

/// One entry of ``NetworkFaults``: inject `fault` into matching exchanges during `window` with
/// probability `probability`.
///
/// For ``NetworkFault/slow`` the rule's ``latency`` replaces the default distribution; other faults
/// ignore it.
public struct NetworkFaultRule: Hashable, Sendable, CustomStringConvertible {
    /// What to do to the exchange.
    public var fault: NetworkFault
    /// Which requests the rule applies to.
    public var target: RequestPattern
    /// When the rule is active, on the network's clock.
    public var window: TimeWindow
    /// How often it fires among matching exchanges inside the window.
    public var probability: Ratio
    /// The latency of a ``NetworkFault/slow`` exchange.
    public var latency: LatencyDistribution?

    /// Creates a rule.
    /// - Precondition: a ``NetworkFault/slow`` rule carries a latency.
    public init(
        _ fault: NetworkFault, target: RequestPattern = .any, window: TimeWindow = .always,
        probability: Ratio, latency: LatencyDistribution? = nil
    ) {
        precondition(fault != .slow || latency != nil, "a slow-network rule needs a latency distribution")
        self.fault = fault
        self.target = target
        self.window = window
        self.probability = probability
        self.latency = latency
    }

    public var description: String { "\(fault) \(target) \(window) p=\(probability)" }
}
