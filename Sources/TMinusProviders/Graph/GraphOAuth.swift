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
    static let operation = "oauth.token"

    /// The refresh request.
    public static func refreshRequest(_ config: GraphConfiguration, refreshToken: ProviderSecret) -> HTTPRequest {
        var fields = [("client_id", config.oauthClientID)]
        if let secret = config.oauthClientSecret { fields.append(("client_secret", secret.revealed)) }
        fields += [
            ("grant_type", "refresh_token"), ("refresh_token", refreshToken.revealed),
            ("scope", config.oauthScopes.joined(separator: " ")),
        ]
        let form = fields.map { URLParts.percentEncode($0.0) + "=" + URLParts.percentEncode($0.1) }
            .joined(separator: "&")
        let headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"]
        return HTTPRequest(method: "POST", url: config.tokenURL, headers: headers, body: Array(form.utf8))
    }

    /// Parses a successful token response.
    public static func grant(_ body: [UInt8]) throws(ProviderError) -> TokenGrant {
        try WirePayload.decode(body, provider: .microsoft, operation: operation, status: 200) {
            json throws(WireDecodingError) in
            let token = try WireReader(json, path: "")
            let access = try token.string("access_token")
            guard let seconds = try token.optionalInt("expires_in"), seconds >= 0, seconds <= 86_400 * 366 else {
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

    /// The taxonomy case of a failed token response (RFC 6749 §5.2 `error`, plus the AADSTS
    /// code of `error_codes` / `error_description` as the reason).
    public static func mapError(_ response: HTTPResponse, operation: String) -> ProviderError {
        var code: String?
        var aadsts: String?
        if let json = try? WireJSON.parse(response.body) {
            if case .string(let text)? = json["error"] { code = String(text.prefix(64)) }
            if case .array(let numbers)? = json["error_codes"], case .number(let first)? = numbers.first {
                aadsts = "AADSTS" + String(first.prefix(12))
            } else if case .string(let description)? = json["error_description"], description.hasPrefix("AADSTS") {
                aadsts = String(description.prefix { $0 != ":" && $0 != " " }.prefix(20))
            }
        }
        let reason = [code, aadsts].compactMap { $0 }.joined(separator: " ")
        let context = ProviderErrorContext(
            provider: .microsoft, operation: operation, status: response.status, reason: reason.isEmpty ? nil : reason)
        switch (response.status, code) {
        case (_, "invalid_grant"), (_, "interaction_required"): return .tokenRevoked(context)
        case (429, _): return .rateLimited(retryAfter: RetryAfter.duration(in: response.headers), context)
        case (500...599, _): return .transient(context)
        case (400...499, _): return .invalidRequest(context)
        default: return .malformedResponse(context)
        }
    }
}
