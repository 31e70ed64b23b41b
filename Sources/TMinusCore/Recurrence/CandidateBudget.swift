/// A hard cap on the work one expansion may do, so a rule that never (or too often) matches
/// cannot hang the caller: every period visited and every candidate date examined costs one unit.
struct CandidateBudget: Sendable {
    let limit: Int
    private(set) var used = 0

    init(limit: Int) { self.limit = limit }

    /// Spends `units`, throwing ``RecurrenceError/candidateLimitExceeded(limit:)`` past the limit.
    mutating func spend(_ units: Int) throws(RecurrenceError) {
        used += units
        if used > limit { throw .candidateLimitExceeded(limit: limit) }
    }
}
