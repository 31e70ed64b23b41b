import TMinusCore

/// The Microsoft identity platform v2.0 token endpoint for refreshes (pure request builder,
/// parser, error mapping).
///
/// `POST …/oauth2/v2.0/token` with a form body (`grant_type=refresh_token`, `client_id`,
/// `client_secret` for confidential clients, `refresh_token`, `scope`). Every answer carries a
/// **new** refresh token (M-RT): it is surfaced as ``TokenGrant/rotatedRefreshToken`` and must be
/// stored before the access token is used (engine rule 10). A dead chain answers 400
/// `invalid_grant` — `AADSTS700082` after 90 days without use, `AADSTS50173` and friends after a
/// revocation — which maps to ``ProviderError/tokenRevoked(_:)`` with the AADSTS code as reason.
public enum GraphOAuth: Sendable {
    static let operation = OAuthTokenEndpoint.operation

    /// The refresh request.
    public static func refreshRequest(_ config: GraphConfiguration, refreshToken: ProviderSecret) -> HTTPRequest {
        var fields = [("client_id", config.oauthClientID)]
        if let secret = config.oauthClientSecret { fields.append(("client_secret", secret.revealed)) }
        fields += [
            ("grant_type", "refresh_token"), ("refresh_token", refreshToken.revealed),
            ("scope", config.oauthScopes.joined(separator: " ")),
        ]
        return OAuthTokenEndpoint.refreshRequest(url: config.tokenURL, fields: fields)
    }

    /// Parses a successful token response (an `expires_in` beyond a year is unusable).
    public static func grant(_ body: [UInt8]) throws(ProviderError) -> TokenGrant {
        try OAuthTokenEndpoint.grant(body, provider: .microsoft, maximumLifetime: 86_400 * 366)
    }

    /// The taxonomy case of a failed token response (RFC 6749 §5.2 `error`, plus the AADSTS
    /// code of `error_codes` / `error_description` as the reason).
    public static func mapError(_ response: HTTPResponse, operation: String) -> ProviderError {
        let json = try? WireJSON.parse(response.body)
        let code = OAuthTokenEndpoint.errorCode(in: json)
        var aadsts: String?
        if case .array(let numbers)? = json?["error_codes"], case .number(let first)? = numbers.first {
            aadsts = "AADSTS" + String(first.prefix(12))
        } else if case .string(let description)? = json?["error_description"], description.hasPrefix("AADSTS") {
            aadsts = String(description.prefix { $0 != ":" && $0 != " " }.prefix(20))
        }
        let reason = [code, aadsts].compactMap { $0 }.joined(separator: " ")
        let context = ProviderErrorContext(
            provider: .microsoft, operation: operation, status: response.status, reason: reason.isEmpty ? nil : reason)
        return OAuthTokenEndpoint.mapError(
            response, code: code, revokedCodes: ["invalid_grant", "interaction_required"], context: context)
    }
}
