extension ProjectedEvent {
    /// Whether `other` is equal and every text of both is also equal byte for byte (`==` on
    /// `String` accepts a differently normalized text, which hashes differently): what a memo of
    /// projection hashes must compare before it hands out a remembered hash.
    public func hasSameBytes(as other: ProjectedEvent) -> Bool {
        guard self == other else { return false }
        func same(_ x: String?, _ y: String?) -> Bool {
            switch (x, y) {
            case (nil, nil): return true
            case (let x?, let y?): return x.hasSameUTF8(as: y)
            default: return false
            }
        }
        func zone(_ time: EventDateTime) -> String? {
            if case .timed(_, let zone) = time { return zone }
            return nil
        }
        return same(summary, other.summary) && same(description, other.description) && same(location, other.location)
            && same(zone(start), zone(other.start)) && same(zone(end), zone(other.end))
            && same(markers.canonicalEventID, other.markers.canonicalEventID)
            && same(markers.originAccountID, other.markers.originAccountID)
    }
}
