import TMinusCore
package import TMinusProviders

/// The Microsoft identity platform's v2.0 token endpoint for refreshes (M-RT): every answer
/// rotates the refresh token (the old one stays valid until it idles out), a refresh token unused
/// for 90 days answers `invalid_grant` AADSTS700082, a revoked grant `invalid_grant` AADSTS50173,
/// in the endpoint's own error shape (`error`, `error_description`, `error_codes`, …).
extension GraphServerState {
    static let apiHost = "graph.microsoft.com"
    static let tokenHost = "login.microsoftonline.com"
    static let grantedScope = "https://graph.microsoft.com/Calendars.ReadWrite https://graph.microsoft.com/User.Read"

    mutating func tokenEndpoint(_ request: HTTPRequest, parts: URLParts, now: Timestamp) -> HTTPResponse {
        let segments = parts.pathSegments
        guard request.method.uppercased() == "POST", segments.count == 4, segments[1] == "oauth2",
            segments[2] == "v2.0",
            segments[3] == "token"
        else { return oauthError(404, "invalid_request", 900561, "The endpoint only accepts POST requests.", now: now) }
        var form: [String: String] = [:]
        for field in FakeHTTP.formFields(request.body) where form[field.name] == nil { form[field.name] = field.value }
        guard form["client_id"] == configuration.clientID else {
            return oauthError(
                400, "unauthorized_client", 700016, "Application with identifier was not found in the directory.",
                now: now)
        }
        guard form["client_secret"] == configuration.clientSecret else {
            return oauthError(401, "invalid_client", 7000215, "Invalid client secret provided.", now: now)
        }
        guard form["grant_type"] == "refresh_token" else {
            return oauthError(
                400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.", now: now)
        }
        guard let presented = form["refresh_token"], let token = refreshTokens[presented],
            let account = accounts[token.account]
        else {
            return oauthError(
                400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.", now: now)
        }
        if account.revoked {
            trace.record(component: "graph", event: "oauth invalid_grant revoked")
            return oauthError(
                400, "invalid_grant", 50173,
                "The provided grant has expired due to it being revoked, a fresh auth token is needed.", now: now)
        }
        if now >= token.issuedAt.adding(configuration.refreshTokenIdleLifetime) {
            trace.record(component: "graph", event: "oauth invalid_grant idle")
            let days = configuration.refreshTokenIdleLifetime.components.seconds / 86_400
            return oauthError(
                400, "invalid_grant", 700082,
                "The refresh token has expired due to inactivity. The token was issued on "
                    + "\(CivilTime.rfc3339(token.issuedAt)) and was inactive for \(days).00:00:00.", now: now)
        }
        let access = mintAccessToken(for: token.account, now: now)
        let rotated = mintRefreshToken(for: token.account, now: now)
        let seconds = configuration.accessTokenLifetime.components.seconds
        let body: JSONValue = [
            "token_type": "Bearer", "scope": .string(GraphServerState.grantedScope), "expires_in": .int(seconds),
            "ext_expires_in": .int(seconds), "access_token": .string(access), "refresh_token": .string(rotated),
        ]
        return FakeHTTP.json(200, body, date: now, headers: HTTPHeaders([("Cache-Control", "no-store, no-cache")]))
    }

    private mutating func oauthError(_ status: Int, _ error: String, _ code: Int64, _ text: String, now: Timestamp)
        -> HTTPResponse
    {
        let traceID = GraphIdentifiers.guid(&streams.credentials)
        let correlation = GraphIdentifiers.guid(&streams.credentials)
        let stamp = String(CivilTime.rfc3339(now).prefix(19)).replacingT
        let body: JSONValue = [
            "error": .string(error),
            "error_description": .string(
                "AADSTS\(code): \(text) Trace ID: \(traceID) Correlation ID: \(correlation) Timestamp: \(stamp)Z"),
            "error_codes": [.int(code)], "timestamp": .string(stamp + "Z"), "trace_id": .string(traceID),
            "correlation_id": .string(correlation),
            "error_uri": .string("https://login.microsoftonline.com/error?code=\(code)"),
        ]
        return FakeHTTP.json(status, body, date: now)
    }

    /// A new access token for `account`, valid for the configured lifetime.
    mutating func mintAccessToken(for account: String, now: Timestamp) -> String {
        accessTokens.mint(
            for: account, prefix: "eyJ0eXAiOiJKV1QiLCJub25jZSI6", length: 120,
            lifetime: configuration.accessTokenLifetime, now: now, random: &streams.credentials)
    }

    /// A new refresh token for `account`, issued now.
    mutating func mintRefreshToken(for account: String, now: Timestamp) -> String {
        let token = CredentialMint.token(prefix: "0.AXoA", length: 180, random: &streams.credentials)
        refreshTokens[token] = GraphRefreshToken(account: account, issuedAt: now)
        return token
    }

    /// The account whose bearer token `request` carries, valid or not (``FakeServer/principal(of:)``).
    package func principal(of request: HTTPRequest) -> String? {
        FakeHTTP.bearerToken(request.headers).flatMap { accessTokens.account(issuedWith: $0) }
    }

    /// The account an `Authorization: Bearer` header belongs to.
    /// - Throws: 401 `InvalidAuthenticationToken` for a missing, unknown, expired or revoked token.
    func authenticate(_ headers: HTTPHeaders, now: Timestamp) throws(GraphAPIError) -> String {
        guard let token = FakeHTTP.bearerToken(headers), let account = accessTokens.account(holding: token, at: now),
            accounts[account]?.revoked == false
        else { throw .invalidAuthenticationToken() }
        return account
    }
}

extension String {
    /// `2026-03-02T08:00:00` → `2026-03-02 08:00:00` (the identity platform's timestamp form).
    var replacingT: String { String(map { $0 == "T" ? " " : $0 }) }
}
