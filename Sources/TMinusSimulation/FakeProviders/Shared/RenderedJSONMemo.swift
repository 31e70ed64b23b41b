import TMinusCore

/// Remembers the stable JSON bytes a fake rendered for an input, so a listing that shows the same
/// event version again (a full round after a reset, each page of a replayed round, every day's
/// reconcile) serializes it once.
///
/// Exact by construction: `Input` holds everything the rendering reads and its `==` compares all
/// of it, so a remembered answer is only reused for an input equal in every field, and rendering
/// is a pure function of its input. What is remembered never reaches behaviour or output other
/// than as those bytes, so forgetting (past ``capacity`` entries it starts over) changes nothing.
struct RenderedJSONMemo<Input: Hashable & Sendable>: Sendable {
    /// How many renderings are kept before the memo starts over.
    let capacity: Int
    private var bytes: [Input: [UInt8]] = [:]

    /// An empty memo keeping at most `capacity` renderings.
    init(capacity: Int = 8_192) { self.capacity = capacity }

    /// How many renderings are remembered now.
    var count: Int { bytes.count }

    /// `StableJSON.serializedBytes(render(input))`, remembered.
    mutating func serialized(_ input: Input, render: (Input) -> JSONValue) -> [UInt8] {
        if let known = bytes[input] { return known }
        let rendered = StableJSON.serializedBytes(render(input))
        if bytes.count >= capacity { bytes.removeAll(keepingCapacity: true) }
        bytes[input] = rendered
        return rendered
    }
}
