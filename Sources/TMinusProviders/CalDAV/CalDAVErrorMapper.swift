import TMinusCore

/// Maps a failed CalDAV response to the ``ProviderError`` taxonomy (pure).
///
/// The `DAV:error` body decides before the status does, because servers disagree on statuses
/// (caldav-servers.md): an invalid sync token is 403 on Radicale and sabre/dav, 412 on Xandikos,
/// 409 on some others; a UID conflict is 409 on Radicale and 412 on Xandikos.
///
/// | HTTP | condition | → | fault row |
/// |---|---|---|---|
/// | 403 / 409 / 412 | `valid-sync-token` | `cursorInvalid` | 40, 50 |
/// | 415 | (sync-collection with a token, fruux) | `cursorInvalid` | 50 |
/// | 403 / 409 / 412 | `no-uid-conflict` | `alreadyExists` | 45 |
/// | 403 / 409 / 412 | `valid-calendar-data`, `supported-calendar-component`, … | `invalidRequest` | 46 |
/// | 403 | any other readable condition | `invalidRequest` | 46 |
/// | 403 | none: a plain answer (Radicale's `text/plain` refusal) | `forbidden` | |
/// | 403 | none readable from a body declared XML (cut short in transit) | `malformedResponse` (retried) | |
/// | 409 | none, on a PUT (the collection does not exist, RFC 4918 §9.7.1) | `notFound` | |
/// | 412 | none (If-Match / If-None-Match) | `preconditionFailed` | 43, 44 |
/// | 401 | | `unauthorized` (the exchange already retried once) | |
/// | 404 / 410 | | `notFound` / `gone` | |
/// | 429, 503 | | `rateLimited` with `Retry-After` | 49 |
/// | 507 | (whole request, `number-of-matches-within-limits`) | `transient` | 42 |
/// | 500, 502, 504, 423 | | `transient` | |
/// | other 4xx | | `invalidRequest` | |
///
/// Bodies that are not XML (Radicale's `text/plain` 412, an HTML proxy page) are fine: the status
/// decides then, except for a 403 that declares an XML body it does not hold: Radicale's invalid
/// sync token is a `text/xml` 403 whose `valid-sync-token` decides, and taking a damaged copy for a
/// refusal would give up on the request (the write consumer records a mirror as failed for good;
/// with a `Retry-After` it is a rate limit). Response bodies never reach the context (they can hold
/// event data).
public enum CalDAVErrorMapper: Sendable {
    /// The operation name of a sync-collection REPORT (its 415 means "token not accepted").
    public static let syncOperation = "sync-collection"

    /// PUT preconditions that say the data itself is wrong (fault row 46): permanent.
    static let invalidData: Set<DAVName> = [
        CalDAVNames.validCalendarData, CalDAVNames.validCalendarObjectResource, CalDAVNames.supportedCalendarComponent,
        CalDAVNames.supportedCalendarData,
    ]

    /// The taxonomy case of `response` (which is not 2xx) for `operation`.
    public static func map(_ response: HTTPResponse, operation: String) -> ProviderError {
        let conditions = self.conditions(in: response.body)
        let reason = conditions.first.map(\.name.local)
        let context = ProviderErrorContext(
            provider: .caldav, operation: operation, status: response.status, reason: reason)
        if [403, 409, 412].contains(response.status) {
            if conditions.contains(.validSyncToken) { return .cursorInvalid(context) }
            if conditions.contains(where: { $0.name == .noUIDConflict }) { return .alreadyExists(context) }
            if conditions.contains(where: { invalidData.contains($0.name) }) { return .invalidRequest(context) }
        }
        if response.status == 409, conditions.isEmpty, operation.hasPrefix("put") {
            // A resource cannot be created where its parent collection is missing (RFC 4918 §9.7.1):
            // the calendar itself is gone (a person deleted it), which the caller must check.
            var missing = context
            missing.detail = "the calendar collection does not exist"
            return .notFound(missing)
        }
        switch response.status {
        case 400: return .invalidRequest(context)
        case 401: return .unauthorized(context)
        case 403 where !conditions.isEmpty: return .invalidRequest(context)
        case 403 where isUnreadableXML(response): return .unreadableRefusal(response, context)
        case 403: return .forbidden(context)
        case 404: return .notFound(context)
        case 410: return .gone(context)
        case 412: return .preconditionFailed(context)
        case 415 where operation == syncOperation: return .cursorInvalid(context)
        case 429, 503: return .rateLimited(retryAfter: RetryAfter.duration(in: response.headers), context)
        case 423, 500, 502, 504, 507: return .transient(context)
        case 402, 405...499: return .invalidRequest(context)
        case 501: return .unsupported(context)
        default:
            var unexpected = context
            unexpected.detail = "unexpected HTTP status for a failure"
            return .malformedResponse(unexpected)
        }
    }

    /// Whether `response` says its body is XML (`Content-Type` `…/xml`) but no `DAV:error` can be
    /// read from it: a body cut short or damaged in transit, not a server's plain refusal.
    static func isUnreadableXML(_ response: HTTPResponse) -> Bool {
        guard let type = response.headers["Content-Type"]?.lowercased(), type.contains("xml") else { return false }
        return (try? DAVErrorBody.parse(response.body)) == nil
    }

    /// The conditions of a `DAV:error` body, or none when the body is absent or not one.
    public static func conditions(in body: [UInt8]) -> [DAVErrorBody.Condition] {
        guard body.contains(UInt8(ascii: "<")), let error = try? DAVErrorBody.parse(body) else { return [] }
        return error.conditions
    }
}
