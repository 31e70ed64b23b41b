public import TMinusCore
public import TMinusProviders

/// One error answer of the fake Microsoft Graph API, rendered in Graph's envelope (M-ERR):
/// `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`.
///
/// The catalogue holds the codes and messages of providers.md §2 (documented or observed on the
/// wire); the adapter decides on `code`, so these strings must not drift.
public struct GraphAPIError: Error, Hashable, Sendable, CustomStringConvertible {
    public var status: Int
    public var code: String
    public var message: String
    /// A nested `innerError.code` (Graph's 429 carries `"429"` there), when the answer has one.
    public var innerCode: String?
    /// Seconds for a `Retry-After` header, when the server sends one.
    public var retryAfterSeconds: Int64?
    /// A `Location` header (the 410 sync-reset variant, M-DQO).
    public var location: String?
    /// True for answers with no body at all.
    public var emptyBody: Bool

    /// Creates an error.
    public init(
        status: Int, code: String, message: String, innerCode: String? = nil, retryAfterSeconds: Int64? = nil,
        location: String? = nil, emptyBody: Bool = false
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.innerCode = innerCode
        self.retryAfterSeconds = retryAfterSeconds
        self.location = location
        self.emptyBody = emptyBody
    }

    public var description: String { "\(status) \(code)" }

    /// The envelope as JSON; `requestID` fills `request-id` (seeded by the server).
    public func body(date: Timestamp, requestID: String) -> JSONValue {
        var inner: [String: JSONValue] = [
            "date": .string(String(CivilTime.rfc3339(date).prefix(19))), "request-id": .string(requestID),
            "client-request-id": .string(requestID),
        ]
        if let innerCode { inner["code"] = .string(innerCode) }
        return ["error": ["code": .string(code), "message": .string(message), "innerError": .object(inner)]]
    }

    /// The HTTP response carrying this error, stamped with the server's `date`.
    public func response(date: Timestamp, requestID: String) -> HTTPResponse {
        var headers = HTTPHeaders()
        if let retryAfterSeconds { headers.add("Retry-After", String(retryAfterSeconds)) }
        if let location { headers.add("Location", location) }
        headers.add("request-id", requestID)
        if emptyBody { return HTTPResponse(status: status, headers: headers) }
        return FakeHTTP.json(status, body(date: date, requestID: requestID), date: date, headers: headers)
    }

    // MARK: The catalogue (providers.md §2)

    public static func badRequest(_ message: String) -> GraphAPIError {
        GraphAPIError(status: 400, code: "BadRequest", message: message)
    }

    public static func invalidRequest(_ message: String) -> GraphAPIError {
        GraphAPIError(status: 400, code: "ErrorInvalidRequest", message: message)
    }

    /// 400 for a `timeZone` Outlook does not know.
    public static func timeZoneNotSupported(_ zone: String) -> GraphAPIError {
        GraphAPIError(
            status: 400, code: "TimeZoneNotSupportedException",
            message:
                "A valid TimeZone value must be specified. The following TimeZone value is not supported: '\(zone)'.")
    }

    /// 400 for `$expand`/`$select` on calendarView delta (observed 2018–2024, M-DELTA says unsupported).
    public static func deltaQueryOptionUnsupported() -> GraphAPIError {
        badRequest("Parsing OData Select and Expand failed: Value cannot be null. (Parameter 'initialState')")
    }

    public static func invalidAuthenticationToken() -> GraphAPIError {
        GraphAPIError(
            status: 401, code: "InvalidAuthenticationToken", message: "Access token has expired or is not yet valid.")
    }

    public static func accessDenied() -> GraphAPIError {
        GraphAPIError(
            status: 403, code: "ErrorAccessDenied", message: "Access is denied. Check credentials and try again.")
    }

    public static func itemNotFound() -> GraphAPIError {
        GraphAPIError(
            status: 404, code: "ErrorItemNotFound", message: "The specified object was not found in the store.")
    }

    public static func resourceNotFound(_ what: String) -> GraphAPIError {
        GraphAPIError(status: 404, code: "ResourceNotFound", message: "Resource not found for the segment '\(what)'.")
    }

    public static func folderExists() -> GraphAPIError {
        GraphAPIError(
            status: 409, code: "ErrorFolderExists", message: "A folder with the specified name already exists.")
    }

    /// 410 for an expired delta token, PascalCase as observed (M-I2350).
    public static func syncStateNotFound(generation: Int64, highest: Int64) -> GraphAPIError {
        GraphAPIError(
            status: 410, code: "SyncStateNotFound",
            message:
                "The sync state generation is not found; generation=\(generation);[highest=\(highest)][\(highest)].")
    }

    /// 410 `resyncRequired` (M-ERR).
    public static func resyncRequired() -> GraphAPIError {
        GraphAPIError(
            status: 410, code: "resyncRequired",
            message: "The delta token is no longer valid, and the app must reset the sync state.")
    }

    /// 410 with `Location` holding the initial query and an empty `$deltatoken` (M-DQO).
    public static func syncReset(location: String) -> GraphAPIError {
        GraphAPIError(status: 410, code: "", message: "", location: location, emptyBody: true)
    }

    /// 412 for a stale change key (M-I1201).
    public static func irresolvableConflict() -> GraphAPIError {
        GraphAPIError(
            status: 412, code: "ErrorIrresolvableConflict",
            message: "The send or update operation could not be performed because the change key passed in the "
                + "request does not match the current change key for the item.")
    }

    /// 429 for the per-mailbox request rate (M-THR).
    public static func tooManyRequests(retryAfter: Int64?) -> GraphAPIError {
        GraphAPIError(
            status: 429, code: "TooManyRequests", message: "Please retry again later.", innerCode: "429",
            retryAfterSeconds: retryAfter)
    }

    /// 429 for more than the allowed concurrent requests on one mailbox (observed body).
    public static func mailboxConcurrency(retryAfter: Int64?) -> GraphAPIError {
        GraphAPIError(
            status: 429, code: "ApplicationThrottled", message: "Application is over its MailboxConcurrency limit.",
            retryAfterSeconds: retryAfter)
    }

    public static func serviceUnavailable(retryAfter: Int64?) -> GraphAPIError {
        GraphAPIError(
            status: 503, code: "ServiceUnavailable", message: "Service Unavailable", retryAfterSeconds: retryAfter)
    }

    public static func gatewayTimeout() -> GraphAPIError {
        GraphAPIError(status: 504, code: "UnknownError", message: "")
    }

    /// 400 when the notification endpoint failed the validation handshake (observed).
    public static func validationFailed(mismatch: Bool) -> GraphAPIError {
        GraphAPIError(
            status: 400, code: "ValidationError",
            message: mismatch
                ? "Subscription validation request failed. Response must exactly match validationToken query parameter."
                : "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request."
        )
    }

    /// 400 when the endpoint did not answer the handshake in time (observed).
    public static func validationTimedOut() -> GraphAPIError {
        GraphAPIError(status: 400, code: "InvalidRequest", message: "Subscription validation request timed out.")
    }

    public static func subscriptionInvalid(_ message: String) -> GraphAPIError {
        GraphAPIError(status: 400, code: "InvalidRequest", message: message)
    }
}
