import TMinusCore

/// Google's OAuth 2.0 token endpoint for refreshes (pure request builder, parser, error mapping).
///
/// `POST https://oauth2.googleapis.com/token` with a form body; the answer is
/// `{access_token, expires_in, scope, token_type}` and only rarely a new `refresh_token` (which
/// the caller must store before using the access token). A dead refresh token answers
/// 400 `{"error": "invalid_grant"}` → ``ProviderError/tokenRevoked(_:)``.
public enum GoogleOAuth: Sendable {
    static let operation = OAuthTokenEndpoint.operation

    /// The refresh request.
    public static func refreshRequest(_ config: GoogleConfiguration, refreshToken: ProviderSecret) -> HTTPRequest {
        OAuthTokenEndpoint.refreshRequest(
            url: config.tokenURL,
            fields: [
                ("grant_type", "refresh_token"), ("client_id", config.oauthClientID),
                ("client_secret", config.oauthClientSecret.revealed), ("refresh_token", refreshToken.revealed),
            ])
    }

    /// Parses a successful token response.
    public static func grant(_ body: [UInt8]) throws(ProviderError) -> TokenGrant {
        try OAuthTokenEndpoint.grant(body, provider: .google)
    }

    /// The taxonomy case of a failed token response (RFC 6749 §5.2 `error` codes; the code is the
    /// reason, and `invalid_grant` means the refresh token is dead).
    public static func mapError(_ response: HTTPResponse, operation: String) -> ProviderError {
        let code = OAuthTokenEndpoint.errorCode(in: try? WireJSON.parse(response.body))
        let context = ProviderErrorContext(
            provider: .google, operation: operation, status: response.status, reason: code)
        return OAuthTokenEndpoint.mapError(response, code: code, revokedCodes: ["invalid_grant"], context: context)
    }
}
