public import TMinusCore
import TMinusProviders

/// A provider-neutral kind of server fault: what a scenario or the world asks for, before each
/// fake maps it to its own answer (Google 500 `backendError`, Graph 503, CalDAV 503, …).
public enum NeutralServerFault: Hashable, Sendable {
    /// A 5xx server error.
    case serverError
    /// A 429 rate limit.
    case rateLimit
    /// A 412 on an event write, as after a concurrent edit.
    case preconditionFailure
}

/// What every fake server's own fault enum offers the shared rule machinery: its answer to each
/// neutral kind and where a 412 applies.
public protocol FakeServerFault: Hashable, Sendable, CustomStringConvertible {
    /// This server's fault for a neutral kind, answering with `status` where the server has a
    /// fault with that status (nil, or one it has none for: its usual answer).
    init(neutral: NeutralServerFault, status: Int?)
    /// The event writes a 412 targets, one pattern per write method, in a fixed order.
    static var preconditionTargets: [RequestPattern] { get }
}

/// One injected-fault rule of a fake server: answer matching requests with `fault` during `window`
/// (on the server's clock) with probability `probability`; a burst is a rule with a short window
/// and a high probability. The server evaluates its rules in order; the first that fires answers.
public struct ServerFaultRule<Fault: FakeServerFault>: Hashable, Sendable, CustomStringConvertible {
    public var fault: Fault
    /// Which requests (method and path glob over the server's paths; a token endpoint is never
    /// targeted).
    public var target: RequestPattern
    public var window: TimeWindow
    public var probability: Ratio
    /// When set, the answer carries `Retry-After` with a whole number of seconds drawn from it.
    public var retryAfter: DelayRange?

    /// Creates a rule.
    public init(
        _ fault: Fault, target: RequestPattern = .any, window: TimeWindow = .always, probability: Ratio,
        retryAfter: DelayRange? = nil
    ) {
        self.fault = fault
        self.target = target
        self.window = window
        self.probability = probability
        self.retryAfter = retryAfter
    }

    /// Creates a rule for this server's answer to a neutral kind (with `status` where it has one).
    public init(
        kind: NeutralServerFault, status: Int? = nil, target: RequestPattern = .any, window: TimeWindow = .always,
        probability: Ratio, retryAfter: DelayRange? = nil
    ) {
        self.init(
            Fault(neutral: kind, status: status), target: target, window: window, probability: probability,
            retryAfter: retryAfter)
    }

    public var description: String { "\(fault) \(target) \(window) p=\(probability)" }
}

/// The fake Google server's fault rules (path globs over `/calendar/v3/…`).
public typealias GoogleFaultRule = ServerFaultRule<GoogleServerFault>
/// The fake Graph server's fault rules (path globs over `/v1.0/…`).
public typealias GraphFaultRule = ServerFaultRule<GraphServerFault>
/// The fake CalDAV server's fault rules (method and path glob over the server's paths).
public typealias CalDAVFaultRule = ServerFaultRule<CalDAVServerFault>

extension Array {
    /// The first rule that fires for a request at `now`, with its `Retry-After` drawn (one draw from
    /// `random` per rule whose window and target match, plus one for the `Retry-After`).
    func firstFiring<Fault>(
        method: String, parts: URLParts, at now: Timestamp, random: inout Xoshiro256StarStar
    ) -> (fault: Fault, retryAfter: Duration?)? where Element == ServerFaultRule<Fault> {
        for rule in self where rule.window.contains(now) && rule.target.matches(method: method, parts: parts) {
            guard random.chance(rule.probability) else { continue }
            return (rule.fault, rule.retryAfter.map { $0.draw(&random) })
        }
        return nil
    }
}

extension Duration {
    /// The wait rounded up to whole seconds, at least 1 (what Google's and Graph's `Retry-After` carry).
    var wholeRetryAfterSeconds: Int64 { max(1, (nanoseconds + 999_999_999) / 1_000_000_000) }
}
