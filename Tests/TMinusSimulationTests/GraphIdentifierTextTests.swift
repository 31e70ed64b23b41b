import TMinusCore
@testable import TMinusSimulation
import Testing

/// GUIDs and iCalendar UIDs are built as bytes; they must be the text the same random draws gave
/// when built scalar by scalar (the fakes' identifiers reach every trace digest).
struct GraphIdentifierTextTests {
    private static func scalarGUID(_ random: inout Xoshiro256StarStar) -> String {
        var text = ""
        for (index, length) in [8, 4, 4, 4, 12].enumerated() {
            if index > 0 { text += "-" }
            for _ in 0..<length {
                text.unicodeScalars.append(Unicode.Scalar(Array("0123456789abcdef".utf8)[Int(random.below(16))]))
            }
        }
        return text
    }

    private static func scalarICalUID(_ random: inout Xoshiro256StarStar) -> String {
        var text = "040000008200E00074C5B7101A82E00800000000"
        for _ in 0..<32 {
            text.unicodeScalars.append(Unicode.Scalar(Array("0123456789ABCDEF".utf8)[Int(random.below(16))]))
        }
        return text
    }

    @Test(arguments: UInt64(1)...32)
    func identifiersAreTheTextTheSameDrawsGaveBefore(seed: UInt64) {
        var random = Xoshiro256StarStar(seed: seed)
        var reference = Xoshiro256StarStar(seed: seed)
        for _ in 0..<20 {
            #expect(GraphIdentifiers.guid(&random) == Self.scalarGUID(&reference))
            #expect(GraphIdentifiers.iCalUID(&random) == Self.scalarICalUID(&reference))
        }
        #expect(random.next() == reference.next())
    }
}
