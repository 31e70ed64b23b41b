/// A destination for a command's text output: the process's standard streams in real use, a
/// memory buffer in tests (``CapturedOutput``).
///
/// Implementations must be safe to call from any thread and must keep the order of writes.
public protocol OutputWriter: Sendable {
    /// Appends `text` exactly as given (no newline is added).
    func write(_ text: String)
    /// Pushes any buffered text to its destination.
    func flush()
}
