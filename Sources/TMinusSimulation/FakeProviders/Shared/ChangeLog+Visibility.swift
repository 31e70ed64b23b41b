extension ChangeLog {
    /// The position a listing (or delta round) starting now may promise in its token, under
    /// eventual consistency: the head, or just before the lowest position `firstInvisible` reports
    /// for a key the log still serves (a version the listing cannot see yet), so that change is
    /// never skipped by a token that claims to cover it.
    func snapshotPosition(firstInvisible: (Key) -> UInt64?) -> UInt64 {
        var lowest: UInt64?
        for key in keys(changedAfter: horizon > 0 ? horizon - 1 : 0) {
            if let position = firstInvisible(key) { lowest = min(lowest ?? position, position) }
        }
        guard let lowest else { return head }
        return lowest - 1
    }
}
