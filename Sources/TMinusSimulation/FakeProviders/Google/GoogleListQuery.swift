import TMinusCore
import TMinusProviders

/// The parameters of one `events.list` request, validated as Google does (G-DISC §1.2).
struct GoogleListQuery: Sendable {
    enum Order: Sendable { case startTime, updated }

    var maxResults = 250
    var pageToken: String?
    var syncToken: String?
    var showDeleted = false
    var singleEvents = false
    var timeMin: Timestamp?
    var timeMax: Timestamp?
    var updatedMin: Timestamp?
    var orderBy: Order?
    var text: String?
    var iCalUID: String?
    var privateFilters: [(name: String, value: String)] = []
    var sharedFilters: [(name: String, value: String)] = []

    /// Parameters that may not accompany a `syncToken` (G-SYNC), in the order they are checked.
    static let restrictedWithSyncToken = [
        "timeMin", "timeMax", "updatedMin", "orderBy", "q", "iCalUID", "privateExtendedProperty",
        "sharedExtendedProperty",
    ]

    /// Reads and validates the query of `parts`.
    /// - Throws: 400 `invalid` for malformed values, 400 `timeRangeEmpty` when `timeMin >= timeMax`,
    ///   400 `syncTokenWithRequestRestrictions` for a forbidden combination with `syncToken`.
    init(_ parts: URLParts) throws(GoogleAPIError) {
        syncToken = parts.queryValue("syncToken")
        pageToken = parts.queryValue("pageToken")
        if syncToken != nil {
            for name in GoogleListQuery.restrictedWithSyncToken where parts.queryValue(name) != nil {
                throw .syncTokenWithRequestRestrictions(name)
            }
            if parts.queryValue("showDeleted") == "false" { throw .syncTokenWithRequestRestrictions("showDeleted") }
        }
        if let text = parts.queryValue("maxResults") {
            guard let value = Int(text), value >= 1 else {
                throw .invalid(
                    "Invalid value '\(text)'. Values must be within the range: [1, 2500]", parameter: "maxResults")
            }
            maxResults = min(value, 2500)
        }
        showDeleted = try GoogleListQuery.flag(parts, "showDeleted")
        singleEvents = try GoogleListQuery.flag(parts, "singleEvents")
        timeMin = try GoogleListQuery.instant(parts, "timeMin")
        timeMax = try GoogleListQuery.instant(parts, "timeMax")
        updatedMin = try GoogleListQuery.instant(parts, "updatedMin")
        if let timeMin, let timeMax, timeMin >= timeMax { throw .timeRangeEmpty() }
        switch parts.queryValue("orderBy") {
        case nil: orderBy = nil
        case "updated"?: orderBy = .updated
        case "startTime"?:
            guard singleEvents else {
                throw .invalid(
                    "The requested ordering is not available for the particular query.", parameter: "orderBy")
            }
            orderBy = .startTime
        case let other?: throw .invalid("Invalid value '\(other)' for orderBy.", parameter: "orderBy")
        }
        text = parts.queryValue("q")
        iCalUID = parts.queryValue("iCalUID")
        privateFilters = try GoogleListQuery.filters(parts, "privateExtendedProperty")
        sharedFilters = try GoogleListQuery.filters(parts, "sharedExtendedProperty")
    }

    private static func flag(_ parts: URLParts, _ name: String) throws(GoogleAPIError) -> Bool {
        switch parts.queryValue(name) {
        case nil, "false"?: return false
        case "true"?: return true
        case let other?: throw .invalid("Invalid boolean value '\(other)'.", parameter: name)
        }
    }

    /// An RFC 3339 timestamp with a mandatory offset; milliseconds are ignored (G-DISC).
    private static func instant(_ parts: URLParts, _ name: String) throws(GoogleAPIError) -> Timestamp? {
        guard let text = parts.queryValue(name) else { return nil }
        guard GoogleListQuery.hasOffset(text),
            case .timed(let instant, _)? = try? EventDateTime.parse(
                dateTime: text, date: nil, timeZone: nil, field: name)
        else { throw .invalid("Bad Request", parameter: name) }
        return Timestamp(secondsSinceEpoch: instant.secondsSinceEpoch)
    }

    static func hasOffset(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let last = bytes.last else { return false }
        if last == UInt8(ascii: "Z") || last == UInt8(ascii: "z") { return true }
        guard bytes.count > 6 else { return false }
        let sign = bytes[bytes.count - 6]
        return (sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-")) && bytes[bytes.count - 3] == UInt8(ascii: ":")
    }

    private static func filters(_ parts: URLParts, _ name: String) throws(GoogleAPIError) -> [(
        name: String, value: String
    )] {
        var result: [(name: String, value: String)] = []
        for item in parts.query where item.name == name {
            let pieces = item.value.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else { throw .invalid("Invalid \(name) value '\(item.value)'.", parameter: name) }
            result.append((String(pieces[0]), String(pieces[1])))
        }
        return result
    }

    /// Whether any filter that only full listings may use is present.
    var restrictsItems: Bool {
        timeMin != nil || timeMax != nil || updatedMin != nil || text != nil || iCalUID != nil
            || !privateFilters.isEmpty
            || !sharedFilters.isEmpty
    }
}
