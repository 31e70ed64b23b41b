/// The seam through which a simulation makes the message broker misbehave the way real queues do
/// (at-least-once delivery): an acknowledgement that never reaches the broker, so the message is
/// delivered again when its lease expires although its handler already ran to the end.
///
/// The queue consults it on every acknowledgement; the engine never knows. Live mode uses
/// ``ReliableDelivery``.
public protocol DeliveryFaults: Sendable {
    /// True when the acknowledgement of a message of `queue` is lost.
    func losesAcknowledgement(onQueue queue: String) -> Bool
}

/// The live (and default) broker: every acknowledgement arrives.
public struct ReliableDelivery: DeliveryFaults {
    /// Creates the seam.
    public init() {}
    public func losesAcknowledgement(onQueue queue: String) -> Bool { false }
}
