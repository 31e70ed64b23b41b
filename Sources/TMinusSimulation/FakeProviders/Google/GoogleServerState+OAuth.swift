import TMinusCore
package import TMinusProviders

extension GoogleServerState {
    /// The OAuth scope every fake grant carries.
    static let calendarScope = "https://www.googleapis.com/auth/calendar"

    /// `POST https://oauth2.googleapis.com/token` with `grant_type=refresh_token` (G-OAUTH-WS):
    /// a new access token, or the OAuth error shapes (`invalid_grant` for a dead refresh token).
    mutating func tokenEndpoint(_ request: HTTPRequest, parts: URLParts, now: Timestamp) -> HTTPResponse {
        guard request.method.uppercased() == "POST", parts.path == "/token" else {
            return oauthError(404, "not_found", "Unknown endpoint.", now: now)
        }
        var form: [String: String] = [:]
        for field in FakeHTTP.formFields(request.body) where form[field.name] == nil { form[field.name] = field.value }
        guard let grant = form["grant_type"] else {
            return oauthError(400, "invalid_request", "Missing required parameter: grant_type", now: now)
        }
        guard grant == "refresh_token" else {
            return oauthError(400, "unsupported_grant_type", "Invalid grant_type: \(grant)", now: now)
        }
        guard form["client_id"] == configuration.clientID, form["client_secret"] == configuration.clientSecret else {
            return oauthError(401, "invalid_client", "Unauthorized", now: now)
        }
        guard let refreshToken = form["refresh_token"], !refreshToken.isEmpty else {
            return oauthError(400, "invalid_request", "Missing required parameter: refresh_token", now: now)
        }
        guard let account = refreshTokens[refreshToken], accounts[account]?.refreshTokenRevoked == false else {
            trace.record(component: "google", event: "oauth invalid_grant")
            return oauthError(400, "invalid_grant", "Token has been expired or revoked.", now: now)
        }
        let accessToken = mintAccessToken(for: account, now: now)
        let body: JSONValue = [
            "access_token": .string(accessToken),
            "expires_in": .int(configuration.accessTokenLifetime.nanoseconds / 1_000_000_000),
            "scope": .string(GoogleServerState.calendarScope), "token_type": "Bearer",
        ]
        return FakeHTTP.json(
            200, body, date: now,
            headers: HTTPHeaders([("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate")]))
    }

    private func oauthError(_ status: Int, _ error: String, _ description: String, now: Timestamp) -> HTTPResponse {
        FakeHTTP.json(status, ["error": .string(error), "error_description": .string(description)], date: now)
    }

    /// A new access token for `account`, valid for the configured lifetime.
    mutating func mintAccessToken(for account: String, now: Timestamp) -> String {
        accessTokens.mint(
            for: account, prefix: "ya29.", length: 120, lifetime: configuration.accessTokenLifetime, now: now,
            random: &streams.credentials)
    }

    /// The account whose bearer token `request` carries, valid or not (``FakeServer/principal(of:)``).
    package func principal(of request: HTTPRequest) -> String? {
        FakeHTTP.bearerToken(request.headers).flatMap { accessTokens.account(issuedWith: $0) }
    }

    /// The account an `Authorization: Bearer` header belongs to.
    /// - Throws: 401 `authError` for a missing, unknown, expired or revoked token.
    func authenticate(_ headers: HTTPHeaders, now: Timestamp) throws(GoogleAPIError) -> String {
        guard let token = FakeHTTP.bearerToken(headers), let account = accessTokens.account(holding: token, at: now),
            accounts[account]?.refreshTokenRevoked == false
        else { throw .authError() }
        return account
    }
}

extension GoogleServerState {
    /// Daily quota, then per-user and per-project sliding windows, then injected fault rules.
    /// - Throws: 403 `quotaExceeded`, 403 `userRateLimitExceeded`, 403/429 `rateLimitExceeded`,
    ///   500/503 `backendError` as configured.
    mutating func applyLimits(account: String, request: HTTPRequest, parts: URLParts, now: Timestamp)
        throws(GoogleAPIError)
    {
        guard dailyQuota.consume(0, at: now) else { throw .quotaExceeded() }
        if case .throttled(let wait) = userLimiter.admit(account, at: now) {
            throw .userRateLimitExceeded(retryAfter: drawRetryAfter(wait))
        }
        if case .throttled(let wait) = projectLimiter.admit(0, at: now) {
            let status = streams.limits.chance(configuration.rateLimitStatus429Share) ? 429 : 403
            throw .rateLimitExceeded(status: status, retryAfter: drawRetryAfter(wait))
        }
        if let (fault, retryAfter) = configuration.faults.firstFiring(
            method: request.method, parts: parts, at: now, random: &streams.faults)
        {
            trace.record(component: "google", event: "fault \(fault) \(request.method) \(parts.path)")
            throw fault.error(retryAfter: retryAfter?.wholeRetryAfterSeconds)
        }
    }

    /// `Retry-After` seconds for a throttled request, sometimes (``FakeGoogleConfiguration/retryAfterChance``).
    private mutating func drawRetryAfter(_ wait: Duration) -> Int64? {
        guard streams.limits.chance(configuration.retryAfterChance) else { return nil }
        return wait.wholeRetryAfterSeconds
    }
}
