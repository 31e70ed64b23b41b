public import TMinusCore
public import TMinusProviders

/// What the fault layer decided for one exchange before it starts: how long each leg takes, which
/// fault (if any) fires, and where a body fault cuts or corrupts.
///
/// Planning is pure given the configuration and the random stream, which keeps the network's draws
/// independent of server behaviour.
public struct ExchangePlan: Hashable, Sendable {
    /// Time from the client to the server.
    public var requestLeg: Duration
    /// Time from the server back to the client.
    public var responseLeg: Duration
    /// The fault that fires, or nil for a clean exchange.
    public var fault: NetworkFault?
    /// For body faults: a draw used to pick the byte position (reduced modulo the body length).
    public var bodyPositionDraw: UInt64

    /// Plans one exchange of `request` at `instant`.
    public static func plan(
        _ request: HTTPRequest, parts: URLParts, at instant: Timestamp, faults: NetworkFaults, random: RandomSource
    ) -> ExchangePlan {
        var latency = faults.latency.draw(random)
        var slow = false
        var chosen: NetworkFault?
        for rule in faults.rules where rule.window.contains(instant) {
            guard rule.target.matches(method: request.method, parts: parts) else { continue }
            if rule.fault == .slow {
                if !slow, let distribution = rule.latency, random.chance(rule.probability) {
                    latency = distribution.draw(random)
                    slow = true
                }
            } else if chosen == nil, random.chance(rule.probability) {
                chosen = rule.fault
            }
        }
        let needsPosition = chosen == .truncatedBody || chosen == .malformedBody
        let half = Duration.nanoseconds(latency.nanoseconds / 2)
        return ExchangePlan(
            requestLeg: half, responseLeg: latency - half, fault: chosen ?? (slow ? .slow : nil),
            bodyPositionDraw: needsPosition ? random.next() : 0)
    }

    /// The round-trip time, legs together.
    public var latency: Duration { requestLeg + responseLeg }
}
