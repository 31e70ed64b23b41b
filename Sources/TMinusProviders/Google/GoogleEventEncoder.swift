public import TMinusCore

/// Encodes a ``ProjectedEvent`` as the body of Google `events.insert` / `events.update` (PUT).
///
/// The body is the **whole** projected field set: PUT replaces the event, so a field the
/// projection leaves nil (a BUSY downgrade's description) is really cleared. Mirrors carry no
/// attendees, organizer or conference data, no default reminders (a busy block must not ring a
/// second time), `status: confirmed` (which also restores a cancelled mirror that is adopted),
/// and our markers as private extended properties, checked against Google's limits first.
public enum GoogleEventEncoder: Sendable {
    /// Google's extended-property limits (longer keys are silently dropped and longer values
    /// silently truncated by the server, so they are rejected here instead).
    public enum Limits: Sendable {
        public static let maximumKeyLength = 44
        public static let maximumValueLength = 1024
        public static let maximumProperties = 300
        public static let maximumTotalBytes = 32 * 1024
    }

    /// The JSON body; `id` is included for inserts only.
    /// - Throws: ``ProviderError/invalidRequest(_:)`` when a marker breaks Google's limits.
    public static func body(for projection: ProjectedEvent, id: String?, operation: String) throws(ProviderError)
        -> [UInt8]
    {
        let properties = try privateProperties(projection.markers, operation: operation)
        var members: [WireMember] = []
        if let id { members.append(WireMember("id", .string(id))) }
        members.append(WireMember("summary", .string(projection.summary)))
        if let description = projection.description { members.append(WireMember("description", .string(description))) }
        if let location = projection.location { members.append(WireMember("location", .string(location))) }
        members += [
            WireMember("start", dateTime(projection.start)),
            WireMember("end", dateTime(projection.end)),
            WireMember("status", .string("confirmed")),
            WireMember("transparency", .string(projection.transparency.rawValue)),
            WireMember("visibility", .string(projection.visibility.rawValue)),
            WireMember("reminders", .object([WireMember("useDefault", .bool(false))])),
            WireMember(
                "extendedProperties",
                .object([WireMember("private", .object(properties.map { WireMember($0.key, .string($0.value)) }))])),
        ]
        return WireJSON.object(members).serialized
    }

    /// Google's `{date}` / `{dateTime, timeZone}` form: instants are written in UTC, with the
    /// original IANA zone alongside.
    public static func dateTime(_ value: EventDateTime) -> WireJSON {
        switch value {
        case .allDay(let date):
            return .object([WireMember("date", .string(date.description))])
        case .timed(let instant, let zone):
            var members = [WireMember("dateTime", .string(CivilTime.rfc3339(instant)))]
            if let zone { members.append(WireMember("timeZone", .string(zone))) }
            return .object(members)
        }
    }

    /// Our markers as sorted private extended properties, validated against ``Limits``.
    public static func privateProperties(_ markers: ManagedMarkers, operation: String) throws(ProviderError)
        -> [(key: String, value: String)]
    {
        guard case .google(let properties) = markers.evidence(for: .google) else { return [] }
        let sorted = properties.sorted { $0.key < $1.key }
        if let problem = violation(of: sorted) {
            throw .invalidRequest(ProviderErrorContext(provider: .google, operation: operation, detail: problem))
        }
        return sorted.map { (key: $0.key, value: $0.value) }
    }

    /// Why `properties` would be mangled by Google, or nil when they fit. Lengths are counted in
    /// UTF-8 bytes, never fewer than Google's characters, so the check errs on the safe side.
    public static func violation(of properties: [(key: String, value: String)]) -> String? {
        if properties.count > Limits.maximumProperties {
            return "\(properties.count) extended properties; Google keeps at most \(Limits.maximumProperties)"
        }
        var total = 0
        for (key, value) in properties {
            if key.utf8.count > Limits.maximumKeyLength {
                return
                    "extended property key of \(key.utf8.count) bytes; Google drops keys over \(Limits.maximumKeyLength)"
            }
            if value.utf8.count > Limits.maximumValueLength {
                return "extended property '\(key)' value of \(value.utf8.count) bytes; Google truncates over "
                    + "\(Limits.maximumValueLength)"
            }
            total += key.utf8.count + value.utf8.count
        }
        if total > Limits.maximumTotalBytes {
            return "extended properties total \(total) bytes; Google allows \(Limits.maximumTotalBytes)"
        }
        return nil
    }
}
