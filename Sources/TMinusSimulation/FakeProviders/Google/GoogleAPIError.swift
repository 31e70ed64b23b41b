public import TMinusCore
public import TMinusProviders

/// One error answer of the fake Google Calendar API, rendered in Google's envelope (G-ERR §1.9):
/// `{"error":{"errors":[{"domain","reason","message","locationType","location"}],"code","message"}}`.
///
/// The catalogue below holds the exact domain/reason/message triples of providers.md §1.9; the
/// adapter decides on `reason`, so these strings must not drift.
public struct GoogleAPIError: Error, Hashable, Sendable, CustomStringConvertible {
    public var status: Int
    public var domain: String
    public var reason: String
    public var message: String
    /// `parameter` or `header`, when the error points at one.
    public var locationType: String?
    public var location: String?
    /// Seconds for a `Retry-After` header, when the server sends one.
    public var retryAfterSeconds: Int64?

    /// Creates an error.
    public init(
        status: Int, domain: String, reason: String, message: String, locationType: String? = nil,
        location: String? = nil, retryAfterSeconds: Int64? = nil
    ) {
        self.status = status
        self.domain = domain
        self.reason = reason
        self.message = message
        self.locationType = locationType
        self.location = location
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { "\(status) \(domain)/\(reason)" }

    /// The envelope as JSON.
    public var body: JSONValue {
        var detail: [String: JSONValue] = [
            "domain": .string(domain), "reason": .string(reason), "message": .string(message),
        ]
        if let locationType { detail["locationType"] = .string(locationType) }
        if let location { detail["location"] = .string(location) }
        return ["error": ["errors": [.object(detail)], "code": .int(Int64(status)), "message": .string(message)]]
    }

    /// The HTTP response carrying this error, stamped with the server's `date`.
    public func response(date: Timestamp) -> HTTPResponse {
        var headers = HTTPHeaders()
        if let retryAfterSeconds { headers.add("Retry-After", String(retryAfterSeconds)) }
        return FakeHTTP.json(status, body, date: date, headers: headers)
    }

    // MARK: The catalogue (providers.md §1.9)

    public static func parseError() -> GoogleAPIError {
        GoogleAPIError(status: 400, domain: "global", reason: "parseError", message: "Parse Error")
    }

    public static func required(_ field: String, message: String) -> GoogleAPIError {
        GoogleAPIError(status: 400, domain: "global", reason: "required", message: message)
    }

    public static func invalid(_ message: String, parameter: String? = nil) -> GoogleAPIError {
        GoogleAPIError(
            status: 400, domain: "global", reason: "invalid", message: message,
            locationType: parameter == nil ? nil : "parameter", location: parameter)
    }

    public static func timeRangeEmpty(location: String? = "timeMax") -> GoogleAPIError {
        GoogleAPIError(
            status: 400, domain: "calendar", reason: "timeRangeEmpty", message: "The specified time range is empty.",
            locationType: location == nil ? nil : "parameter", location: location)
    }

    /// 400 for a restricted parameter sent with `syncToken` (reason observed, G-QIITA).
    public static func syncTokenWithRequestRestrictions(_ parameter: String) -> GoogleAPIError {
        GoogleAPIError(
            status: 400, domain: "calendar", reason: "syncTokenWithRequestRestrictions",
            message: "Sync token cannot be used with other request restrictions.", locationType: "parameter",
            location: parameter)
    }

    public static func authError() -> GoogleAPIError {
        GoogleAPIError(
            status: 401, domain: "global", reason: "authError", message: "Invalid Credentials", locationType: "header",
            location: "Authorization")
    }

    public static func userRateLimitExceeded(retryAfter: Int64?) -> GoogleAPIError {
        GoogleAPIError(
            status: 403, domain: "usageLimits", reason: "userRateLimitExceeded", message: "User Rate Limit Exceeded",
            retryAfterSeconds: retryAfter)
    }

    /// 403 or 429 `rateLimitExceeded` (the project limit; Google uses both statuses).
    public static func rateLimitExceeded(status: Int, retryAfter: Int64?) -> GoogleAPIError {
        GoogleAPIError(
            status: status, domain: "usageLimits", reason: "rateLimitExceeded", message: "Rate Limit Exceeded",
            retryAfterSeconds: retryAfter)
    }

    public static func quotaExceeded() -> GoogleAPIError {
        GoogleAPIError(
            status: 403, domain: "usageLimits", reason: "quotaExceeded", message: "Calendar usage limits exceeded.")
    }

    public static func requiredAccessLevel() -> GoogleAPIError {
        GoogleAPIError(
            status: 403, domain: "calendar", reason: "requiredAccessLevel",
            message: "You need to have writer access to this calendar.")
    }

    public static func notFound() -> GoogleAPIError {
        GoogleAPIError(status: 404, domain: "global", reason: "notFound", message: "Not Found")
    }

    public static func duplicate() -> GoogleAPIError {
        GoogleAPIError(
            status: 409, domain: "global", reason: "duplicate", message: "The requested identifier already exists.")
    }

    public static func fullSyncRequired() -> GoogleAPIError {
        GoogleAPIError(
            status: 410, domain: "calendar", reason: "fullSyncRequired",
            message: "Sync token is no longer valid, a full sync is required.", locationType: "parameter",
            location: "syncToken")
    }

    public static func updatedMinTooLongAgo() -> GoogleAPIError {
        GoogleAPIError(
            status: 410, domain: "calendar", reason: "updatedMinTooLongAgo",
            message: "The requested minimum modification time lies too far in the past.", locationType: "parameter",
            location: "updatedMin")
    }

    public static func deleted() -> GoogleAPIError {
        GoogleAPIError(status: 410, domain: "global", reason: "deleted", message: "Resource has been deleted")
    }

    public static func conditionNotMet() -> GoogleAPIError {
        GoogleAPIError(
            status: 412, domain: "global", reason: "conditionNotMet", message: "Precondition Failed",
            locationType: "header", location: "If-Match")
    }

    public static func backendError(status: Int = 500) -> GoogleAPIError {
        GoogleAPIError(status: status, domain: "global", reason: "backendError", message: "Backend Error")
    }
}
