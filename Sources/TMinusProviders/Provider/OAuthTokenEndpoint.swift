import TMinusCore

/// What every OAuth 2.0 token endpoint we call (Google, Microsoft identity platform) has in common
/// for a refresh (RFC 6749 §6): the form-encoded request, the token response, and the mapping of a
/// failed answer's status and `error` code to a ``ProviderError``.
///
/// The provider adapters keep what differs: the form fields, the bound on `expires_in`, which
/// `error` codes mean the refresh token is dead, and what goes into the error's reason (Graph adds
/// the AADSTS code). Pure: no I/O, the same input always gives the same output.
enum OAuthTokenEndpoint {
    /// The operation name in the errors of a refresh.
    static let operation = "oauth.token"

    /// `POST url` with `fields` form-encoded, in the order given, asking for a JSON answer.
    static func refreshRequest(url: String, fields: [(String, String)]) -> HTTPRequest {
        let form = fields.map { URLParts.percentEncode($0.0) + "=" + URLParts.percentEncode($0.1) }
            .joined(separator: "&")
        let headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"]
        return HTTPRequest(method: "POST", url: url, headers: headers, body: Array(form.utf8))
    }

    /// Parses a successful token response `{access_token, expires_in, scope?, token_type?,
    /// refresh_token?}`; an `expires_in` above `maximumLifetime` seconds is rejected as unusable,
    /// a `token_type` other than Bearer is rejected, and an empty `refresh_token` counts as none.
    static func grant(
        _ body: [UInt8], provider: ProviderKind, maximumLifetime: Int = .max
    ) throws(ProviderError) -> TokenGrant {
        try WirePayload.decode(body, provider: provider, operation: operation, status: 200) {
            json throws(WireDecodingError) in
            let token = try WireReader(json, path: "")
            let access = try token.string("access_token")
            guard let seconds = try token.optionalInt("expires_in"), seconds >= 0, seconds <= maximumLifetime else {
                throw WireDecodingError(path: "expires_in", expected: "a non-negative integer", found: "nothing usable")
            }
            if let type = try token.optionalString("token_type"), type.lowercased() != "bearer" {
                throw WireDecodingError(path: "token_type", expected: "Bearer", found: "another token type")
            }
            let scopes = (try token.optionalString("scope") ?? "").split(separator: " ").map(String.init).sorted()
            let rotated = try token.optionalString("refresh_token").flatMap { $0.isEmpty ? nil : ProviderSecret($0) }
            return TokenGrant(
                accessToken: ProviderSecret(access), expiresIn: .seconds(seconds), rotatedRefreshToken: rotated,
                scopes: scopes)
        }
    }

    /// The `error` code of a failed token response (at most 64 characters), nil when the body is not
    /// JSON or has no string `error`.
    static func errorCode(in json: WireJSON?) -> String? {
        guard case .string(let text)? = json?["error"] else { return nil }
        return String(text.prefix(64))
    }

    /// The taxonomy case of a failed token response: an `error` in `revokedCodes` →
    /// ``ProviderError/tokenRevoked(_:)`` whatever the status; otherwise 429 → rate limited (with
    /// its Retry-After), 5xx → transient, other 4xx → invalid request when its `error` code was
    /// read, anything else → malformed.
    ///
    /// A 4xx whose body could not be read (cut short, not JSON, no `error`) is malformed, which is
    /// retried: it says nothing about which failure it was, and the request that needed the token
    /// is not at fault. Taking it for an invalid request made the write consumer give up on a
    /// mirror for good when the answer was a revoked grant's `invalid_grant` cut short in transit
    /// (fuzz seed 24983); read on the next attempt, that grant asks for a relink instead.
    static func mapError(
        _ response: HTTPResponse, code: String?, revokedCodes: Set<String>, context: ProviderErrorContext
    ) -> ProviderError {
        if let code, revokedCodes.contains(code) { return .tokenRevoked(context) }
        switch response.status {
        case 429: return .rateLimited(retryAfter: RetryAfter.duration(in: response.headers), context)
        case 500...599: return .transient(context)
        case 400...499 where code != nil: return .invalidRequest(context)
        default: return .malformedResponse(context)
        }
    }
}
