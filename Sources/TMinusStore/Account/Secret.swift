/// A credential that must never reach a log, trace or error message.
///
/// Its `description` is redacted; only code that sends it to the provider reads ``revealed``.
public struct Secret: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The raw value; read it only to put it on the wire.
    public let revealed: String

    /// Wraps a credential.
    public init(_ value: String) { revealed = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
