public import TMinusCore

/// A half-open interval of time `[from, to)` during which a fault rule is active.
///
/// `nil` bounds are open: `TimeWindow(from: nil, to: nil)` is "always". Which clock the instants
/// are read on is up to the rule's owner: the network's clock for ``NetworkFaultRule``, the fake
/// server's own (possibly skewed) clock for server-side faults.
public struct TimeWindow: Hashable, Sendable, CustomStringConvertible {
    /// The first instant inside the window, or nil for "since the beginning".
    public var from: Timestamp?
    /// The first instant after the window, or nil for "forever".
    public var to: Timestamp?

    /// Creates a window.
    /// - Precondition: `from < to` when both are given.
    public init(from: Timestamp? = nil, to: Timestamp? = nil) {
        if let from, let to { precondition(from < to, "TimeWindow \(from) ..< \(to) is empty") }
        self.from = from
        self.to = to
    }

    /// Always active.
    public static let always = TimeWindow()

    /// True when `instant` lies inside the window.
    public func contains(_ instant: Timestamp) -> Bool {
        if let from, instant < from { return false }
        if let to, instant >= to { return false }
        return true
    }

    public var description: String {
        "[\(from.map(\.description) ?? "-∞") ..< \(to.map(\.description) ?? "+∞"))"
    }
}
