import TMinusCore

/// Decides whether an existing Google event already equals a projection (pure), so an adopted
/// create is rewritten only when its content differs (fault row 9: "GET, and patch if content
/// differs").
enum GoogleAdoption {
    /// True when `record` is live and carries exactly the projected fields and markers.
    static func matches(_ record: ProviderEventRecord, projection: ProjectedEvent) -> Bool {
        guard !record.isDeletion, let content = record.delta.content else { return false }
        return content.title == projection.summary
            && content.description == projection.description
            && content.location == projection.location
            && content.start == projection.start
            && content.end == projection.end
            && content.status == .confirmed
            && content.transparency == projection.transparency
            && content.visibility.rawValue == projection.visibility.rawValue
            && record.delta.markers == projection.markers.evidence(for: .google)
    }
}
