import TMinusCore

/// Google's OAuth 2.0 token endpoint for refreshes (pure request builder, parser, error mapping).
///
/// `POST https://oauth2.googleapis.com/token` with a form body; the answer is
/// `{access_token, expires_in, scope, token_type}` and only rarely a new `refresh_token` (which
/// the caller must store before using the access token). A dead refresh token answers
/// 400 `{"error": "invalid_grant"}` → ``ProviderError/tokenRevoked(_:)``.
public enum GoogleOAuth: Sendable {
    static let operation = "oauth.token"

    /// The refresh request.
    public static func refreshRequest(_ config: GoogleConfiguration, refreshToken: ProviderSecret) -> HTTPRequest {
        let form = [
            ("grant_type", "refresh_token"), ("client_id", config.oauthClientID),
            ("client_secret", config.oauthClientSecret.revealed), ("refresh_token", refreshToken.revealed),
        ].map { URLParts.percentEncode($0.0) + "=" + URLParts.percentEncode($0.1) }.joined(separator: "&")
        let headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"]
        return HTTPRequest(method: "POST", url: config.tokenURL, headers: headers, body: Array(form.utf8))
    }

    /// Parses a successful token response.
    public static func grant(_ body: [UInt8]) throws(ProviderError) -> TokenGrant {
        try WirePayload.decode(body, provider: .google, operation: operation, status: 200) {
            json throws(WireDecodingError) in
            let token = try WireReader(json, path: "")
            let access = try token.string("access_token")
            guard let seconds = try token.optionalInt("expires_in"), seconds >= 0 else {
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

    /// The taxonomy case of a failed token response (RFC 6749 §5.2 `error` codes).
    public static func mapError(_ response: HTTPResponse, operation: String) -> ProviderError {
        var code: String?
        if let json = try? WireJSON.parse(response.body), case .string(let text)? = json["error"] {
            code = String(text.prefix(64))
        }
        let context = ProviderErrorContext(
            provider: .google, operation: operation, status: response.status, reason: code)
        switch (response.status, code) {
        case (_, "invalid_grant"): return .tokenRevoked(context)
        case (429, _): return .rateLimited(retryAfter: RetryAfter.duration(in: response.headers), context)
        case (500...599, _): return .transient(context)
        case (400...499, _): return .invalidRequest(context)
        default: return .malformedResponse(context)
        }
    }
}
