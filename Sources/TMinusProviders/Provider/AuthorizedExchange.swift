public import TMinusCore

/// The I/O half shared by every adapter: send one request through the injected transport with
/// the account's credential, refresh the credential once on a 401 and resend, and turn anything
/// but a 2xx into a ``ProviderError`` with the adapter's own mapping. No other retries.
public struct AuthorizedExchange: Sendable {
    public let provider: ProviderKind
    public let transport: any HTTPTransport
    public let credentials: any CredentialSource
    /// Maps a non-2xx response of an operation to the taxonomy (pure).
    public let mapError: @Sendable (HTTPResponse, String) -> ProviderError

    /// Creates an exchange.
    public init(
        provider: ProviderKind, transport: any HTTPTransport, credentials: any CredentialSource,
        mapError: @escaping @Sendable (HTTPResponse, String) -> ProviderError
    ) {
        self.provider = provider
        self.transport = transport
        self.credentials = credentials
        self.mapError = mapError
    }

    /// Sends the request `build` makes for a credential; returns a 2xx response or throws.
    public func send(_ operation: String, _ build: (ProviderCredential) -> HTTPRequest) async throws(ProviderError)
        -> HTTPResponse
    {
        let credential = try await credentials.credential()
        var response = try await deliver(build(credential), operation: operation)
        if response.status == 401 {
            let refreshed = try await credentials.refreshedCredential(replacing: credential)
            response = try await deliver(build(refreshed), operation: operation)
        }
        guard response.isSuccess else { throw mapError(response, operation) }
        return response
    }

    /// Sends without a credential (token endpoints authenticate in the body), mapping failures
    /// with `mapTokenError` (token endpoints have their own error shape).
    public func sendUnauthenticated(
        _ operation: String, _ request: HTTPRequest, mapTokenError: (HTTPResponse, String) -> ProviderError
    ) async throws(ProviderError) -> HTTPResponse {
        let response = try await deliver(request, operation: operation)
        guard response.isSuccess else { throw mapTokenError(response, operation) }
        return response
    }

    private func deliver(_ request: HTTPRequest, operation: String) async throws(ProviderError) -> HTTPResponse {
        do {
            return try await transport.send(request)
        } catch {
            throw Self.map(error, provider: provider, operation: operation)
        }
    }

    /// The taxonomy case of a transport failure: timeouts and resets are transient (the server
    /// may have applied the request), a bad request is ours, cancellation is not a failure.
    public static func map(_ error: TransportError, provider: ProviderKind, operation: String) -> ProviderError {
        let context = ProviderErrorContext(provider: provider, operation: operation, detail: error.description)
        switch error {
        case .timedOut, .connectionReset: return .transient(context)
        case .invalidRequest: return .invalidRequest(context)
        case .cancelled: return .cancelled(context)
        }
    }
}
