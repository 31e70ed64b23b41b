/// The fault layer's configuration: a default latency, the client's timeout, and a list of rules.
///
/// Evaluation for one exchange, in this order, drawing from the network stream only:
/// 1. the default latency is drawn (two draws);
/// 2. the rules that match the request and the instant, in list order: a ``NetworkFault/slow``
///    rule draws a chance until one slow rule has fired (which replaces the latency: two more
///    draws); any other rule draws a chance until one has fired (that is the exchange's fault);
/// 3. a fault that needs a position (truncation, corruption) draws it.
///
/// So the draws depend only on the request sequence and the configuration, never on the server.
public struct NetworkFaults: Hashable, Sendable {
    /// Latency of exchanges no slow rule claims.
    public var latency: LatencyDistribution
    /// How long the client waits before a lost request or response turns into a timeout.
    public var timeout: Duration
    /// The rules, evaluated in order.
    public var rules: [NetworkFaultRule]

    /// Creates a configuration.
    public init(
        latency: LatencyDistribution = .typical, timeout: Duration = .seconds(30), rules: [NetworkFaultRule] = []
    ) {
        self.latency = latency
        self.timeout = timeout
        self.rules = rules
    }

    /// A perfect network with typical latency.
    public static let none = NetworkFaults()

    /// A perfect network with zero latency (unit tests).
    public static let instant = NetworkFaults(latency: .instant)
}
