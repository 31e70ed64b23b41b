/// The two body faults of the fault layer, as pure functions of the body and a drawn number.
public enum BodyCorruption: Sendable {
    /// The byte inserted by ``malform(_:draw:)``: U+0001 is invalid everywhere in JSON (control
    /// characters must be escaped inside strings) and in XML 1.0 documents.
    public static let poisonByte: UInt8 = 0x01

    /// The body cut at a position in `0..<count` (so at least one byte is lost); empty stays empty.
    public static func truncate(_ body: [UInt8], draw: UInt64) -> [UInt8] {
        guard !body.isEmpty else { return body }
        return Array(body.prefix(Int(draw % UInt64(body.count))))
    }

    /// The body with ``poisonByte`` inserted at a position in `0...count`.
    public static func malform(_ body: [UInt8], draw: UInt64) -> [UInt8] {
        var out = body
        out.insert(poisonByte, at: Int(draw % UInt64(body.count + 1)))
        return out
    }
}
