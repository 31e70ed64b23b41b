/// A credential that must never reach a log, trace or error message: its descriptions are
/// redacted; only code that puts it on the wire reads ``revealed``.
public struct ProviderSecret: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The raw value.
    public let revealed: String

    /// Wraps a secret.
    public init(_ value: String) { revealed = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}

/// What authorizes a provider request: an OAuth bearer token (Google, Graph) or HTTP Basic with
/// an app password (most CalDAV servers).
public enum ProviderCredential: Hashable, Sendable, CustomStringConvertible {
    case bearer(ProviderSecret)
    case basic(user: String, password: ProviderSecret)

    /// The `Authorization` header value.
    public var authorizationHeader: String {
        switch self {
        case .bearer(let token): return "Bearer " + token.revealed
        case .basic(let user, let password):
            return "Basic " + Base64.encode(Array((user + ":" + password.revealed).utf8))
        }
    }

    public var description: String {
        switch self {
        case .bearer: return "bearer <redacted>"
        case .basic(let user, _): return "basic \(user):<redacted>"
        }
    }
}

/// Where an adapter gets its credential, owned by the account's unit.
///
/// The unit implements refresh single-flight per account, refreshes ahead of expiry, and stores a
/// rotated refresh token **before** using the new access token (engine rule 10). Adapters call
/// ``refreshedCredential(replacing:)`` at most once per request, after a 401.
public protocol CredentialSource: Sendable {
    /// The credential to use now.
    func credential() async throws(ProviderError) -> ProviderCredential
    /// A fresh credential after `rejected` got a 401. Throws ``ProviderError/tokenRevoked(_:)``
    /// when the refresh token is dead.
    func refreshedCredential(replacing rejected: ProviderCredential) async throws(ProviderError) -> ProviderCredential
}

/// A credential source that always answers the same credential and cannot refresh: for tests,
/// benchmarks and simulations that do not exercise token expiry.
public struct FixedCredentialSource: CredentialSource {
    public let fixed: ProviderCredential

    /// Creates a source.
    public init(_ credential: ProviderCredential) { fixed = credential }

    public func credential() async throws(ProviderError) -> ProviderCredential { fixed }

    public func refreshedCredential(replacing rejected: ProviderCredential) async throws(ProviderError)
        -> ProviderCredential
    {
        fixed
    }
}

/// The answer of an OAuth token endpoint to a refresh.
public struct TokenGrant: Hashable, Sendable {
    public var accessToken: ProviderSecret
    /// Lifetime as the server stated it; the caller computes expiry from its own clock and
    /// refreshes early (5 minutes before).
    public var expiresIn: Duration
    /// A new refresh token when the provider rotated it (Graph always; Google rarely): store it
    /// before using ``accessToken``.
    public var rotatedRefreshToken: ProviderSecret?
    /// Granted scopes, sorted.
    public var scopes: [String]

    /// Creates a grant.
    public init(
        accessToken: ProviderSecret, expiresIn: Duration, rotatedRefreshToken: ProviderSecret?, scopes: [String]
    ) {
        self.accessToken = accessToken
        self.expiresIn = expiresIn
        self.rotatedRefreshToken = rotatedRefreshToken
        self.scopes = scopes
    }
}

/// RFC 4648 base64 (with padding) for HTTP Basic credentials.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for position in 0..<4 {
                out.append(
                    position <= chunk.count
                        ? alphabet[Int((value >> (18 - 6 * UInt32(position))) & 63)] : UInt8(ascii: "="))
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
