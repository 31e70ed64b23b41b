public import TMinusCore

/// Turns a response body into a typed value, mapping every JSON or shape problem to
/// ``ProviderError/malformedResponse(_:)`` with the path and expectation as context (no payload
/// text). The one entry point adapters use for JSON bodies, so no parser can crash or leak.
public enum WirePayload: Sendable {
    /// Parses `body` and reads it with `read`.
    public static func decode<Value>(
        _ body: [UInt8], provider: ProviderKind, operation: String, status: Int? = nil,
        _ read: (WireJSON) throws(WireDecodingError) -> Value
    ) throws(ProviderError) -> Value {
        let json: WireJSON
        do {
            json = try WireJSON.parse(body)
        } catch {
            throw .malformedResponse(
                ProviderErrorContext(
                    provider: provider, operation: operation, status: status, detail: error.description))
        }
        do {
            return try read(json)
        } catch {
            throw .malformedResponse(
                ProviderErrorContext(
                    provider: provider, operation: operation, status: status, detail: error.description))
        }
    }
}
