import TMinusCore

/// The rules for what a client may write into an event: which fields are the server's, how a
/// patch merges, what makes a body invalid, and Google's silent extended-property limits (G-XP).
enum GoogleEventContent {
    /// Fields the server owns; a client's values for them are ignored.
    static let serverFields: Set<String> = [
        "kind", "etag", "id", "htmlLink", "created", "updated", "creator", "organizer", "iCalUID", "sequence",
        "recurringEventId", "originalStartTime", "privateCopy", "locked", "hangoutLink",
    ]

    /// Longest extended-property key kept (longer keys are dropped silently).
    static let maximumKeyLength = 44
    /// Longest extended-property value kept (longer values are truncated silently).
    static let maximumValueLength = 1024

    /// The client-writable fields of a request body.
    static func writable(_ body: [String: JSONValue]) -> [String: JSONValue] {
        body.filter { !serverFields.contains($0.key) && $0.value != .null }
    }

    /// A patch applied to stored content (G-PATCH, G-XP): supplied fields replace, `null` removes,
    /// arrays replace whole, and extended properties merge key by key (a `null` value deletes a key).
    static func merge(_ patch: [String: JSONValue], into content: [String: JSONValue]) -> [String: JSONValue] {
        var result = content
        for (key, value) in patch where !serverFields.contains(key) {
            if value == .null {
                result.removeValue(forKey: key)
            } else if key == "extendedProperties", case .object(let groups) = value {
                result[key] = mergeProperties(groups, into: result[key])
            } else {
                result[key] = value
            }
        }
        return result
    }

    private static func mergeProperties(_ patch: [String: JSONValue], into stored: JSONValue?) -> JSONValue {
        var groups: [String: JSONValue] = [:]
        if case .object(let existing)? = stored { groups = existing }
        for (kind, value) in patch {
            // JSONValue is nil-literal expressible, so removal must be spelled out: `= nil` would store null.
            guard case .object(let entries) = value else {
                if value == .null { groups.removeValue(forKey: kind) } else { groups[kind] = value }
                continue
            }
            var map: [String: JSONValue] = [:]
            if case .object(let existing)? = groups[kind] { map = existing }
            for (name, entry) in entries {
                if entry == .null { map.removeValue(forKey: name) } else { map[name] = entry }
            }
            groups[kind] = .object(map)
        }
        return .object(groups)
    }

    /// Checks the content a write would store and returns it with Google's limits applied.
    /// - Throws: Google's 400 answers for missing or invalid times, an empty range, a recurring
    ///   event without a time zone, `DTSTART` in `recurrence`, or non-string property values.
    static func validated(_ content: [String: JSONValue]) throws(GoogleAPIError) -> [String: JSONValue] {
        var result = content
        let start = try GoogleDateTime.require(content["start"], field: "start")
        let end = try GoogleDateTime.require(content["end"], field: "end")
        guard start.isAllDay == end.isAllDay else { throw .invalid("Invalid end time.") }
        if end.instant < start.instant { throw .timeRangeEmpty(location: nil) }
        if case .string(let status)? = content["status"], !["confirmed", "tentative", "cancelled"].contains(status) {
            throw .invalid("Invalid value for: status")
        }
        if let recurrence = content["recurrence"] {
            guard case .array(let lines) = recurrence else { throw .invalid("Invalid recurrence rule.") }
            for line in lines {
                guard case .string(let text) = line, !text.uppercased().hasPrefix("DTSTART"),
                    !text.uppercased().hasPrefix("DTEND")
                else { throw .invalid("Invalid recurrence rule.") }
            }
            if !lines.isEmpty, case .timed(_, nil) = start {
                throw .invalid("Missing time zone definition for start time.")
            }
        }
        if let properties = content["extendedProperties"] {
            result["extendedProperties"] = try limited(properties)
        }
        return result
    }

    /// Extended properties after the silent limits: keys over 44 characters dropped, values over
    /// 1024 characters truncated. Characters are counted in UTF-16 code units (Google is a Java
    /// shop; the docs do not say) and truncation never splits a surrogate pair [I].
    static func limited(_ properties: JSONValue) throws(GoogleAPIError) -> JSONValue {
        guard case .object(let groups) = properties else { throw .invalid("Invalid extendedProperties.") }
        var result: [String: JSONValue] = [:]
        for (kind, group) in groups.sorted(by: { $0.key < $1.key }) {
            guard kind == "private" || kind == "shared", case .object(let entries) = group else {
                throw .invalid("Invalid extendedProperties.\(kind).")
            }
            var kept: [String: JSONValue] = [:]
            for (key, value) in entries.sorted(by: { $0.key < $1.key }) where key.utf16.count <= maximumKeyLength {
                guard case .string(let text) = value else {
                    throw .invalid("Invalid extendedProperties.\(kind).\(key).")
                }
                kept[key] = .string(truncated(text))
            }
            result[kind] = .object(kept)
        }
        return .object(result)
    }

    static func truncated(_ text: String) -> String {
        guard text.utf16.count > maximumValueLength else { return text }
        var out = ""
        var units = 0
        for scalar in text.unicodeScalars {
            let width = scalar.utf16.count
            guard units + width <= maximumValueLength else { break }
            out.unicodeScalars.append(scalar)
            units += width
        }
        return out
    }
}
