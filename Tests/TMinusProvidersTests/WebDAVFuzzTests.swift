import TMinusCore
import TMinusProviders
import Testing

/// Seeded mutation fuzzing of the recorded bodies: whatever the bytes, reading ends in a value or a
/// typed error, never a crash or a hang.
struct WebDAVFuzzTests {
    static func mutate(_ input: [UInt8], _ random: inout Xoshiro256StarStar, alphabet: [UInt8]) -> [UInt8] {
        var bytes = input
        let edits = 1 + Int(random.below(8))
        for _ in 0..<edits where !bytes.isEmpty {
            let position = Int(random.below(UInt64(bytes.count)))
            switch random.below(6) {
            case 0: bytes.remove(at: position)
            case 1: bytes.insert(alphabet[Int(random.below(UInt64(alphabet.count)))], at: position)
            case 2: bytes[position] = alphabet[Int(random.below(UInt64(alphabet.count)))]
            case 3: bytes[position] = UInt8(truncatingIfNeeded: random.next())
            case 4:
                let end = min(bytes.count, position + Int(random.below(64)))
                bytes.removeSubrange(position..<end)
            default:
                let length = Int(random.below(32))
                let start = Int(random.below(UInt64(bytes.count)))
                bytes.insert(contentsOf: bytes[start..<min(bytes.count, start + length)], at: position)
            }
        }
        return bytes
    }

    @Test func mutatedMultistatusAndErrorBodiesNeverCrash() {
        var random = Xoshiro256StarStar(seed: 0x5EED_DA7A)
        let names = CalDAVFixtures.names(endingWith: "-response.xml") + ["radicale-13-response-reconstructed.xml"]
        let alphabet = Array("<>/=\"':&;# \nDAV:xmlns!-[]?".utf8)
        var parsed = 0
        var rejected = 0
        for round in 0..<1_500 {
            let original = CalDAVFixtures.bytes(names[round % names.count])
            let input = Self.mutate(original, &random, alphabet: alphabet)
            do {
                _ = try DAVMultistatus.parse(input)
                parsed += 1
            } catch {
                #expect(!error.description.isEmpty)
                rejected += 1
            }
            _ = try? DAVErrorBody.parse(input)
        }
        #expect(
            parsed > 0 && rejected > 0, "the mutations should both keep and break documents (\(parsed)/\(rejected))")
    }

    @Test func reportBodiesReadFromTheirDocumentElementLikeFromTheirBytes() {
        var random = Xoshiro256StarStar(seed: 43)
        let names = CalDAVFixtures.names(endingWith: "-request.xml")
        let alphabet = Array("<>/=\"D:C:sync-tokenhref ".utf8)
        for round in 0..<600 {
            let fixture = CalDAVFixtures.bytes(names[round % names.count])
            let input = round < names.count ? fixture : Self.mutate(fixture, &random, alphabet: alphabet)
            #expect(Self.outcome { () throws(WebDAVError) in try DAVSyncCollection.parse(input) }
                == Self.outcome { () throws(WebDAVError) in
                    try DAVSyncCollection.parse(root: DAVXMLReader.document(input, expecting: .syncCollection))
                })
            #expect(Self.outcome { () throws(WebDAVError) in try DAVCalendarQuery.parse(input) }
                == Self.outcome { () throws(WebDAVError) in
                    try DAVCalendarQuery.parse(root: DAVXMLReader.document(input, expecting: .calendarQuery))
                })
            if let root = try? DAVXMLReader.document(input) {
                #expect(Self.outcome { () throws(WebDAVError) in try DAVSyncCollection.parse(root: root) }
                    == Self.outcome { () throws(WebDAVError) in try DAVSyncCollection.parse(input) })
                #expect(Self.outcome { () throws(WebDAVError) in try DAVCalendarQuery.parse(root: root) }
                    == Self.outcome { () throws(WebDAVError) in try DAVCalendarQuery.parse(input) })
            }
        }
    }

    private static func outcome<Value: Equatable>(_ body: () throws(WebDAVError) -> Value) -> Result<Value, WebDAVError> {
        do { return .success(try body()) } catch { return .failure(error) }
    }

    @Test func mutatedRequestBodiesNeverCrashTheFakeServerSide() {
        var random = Xoshiro256StarStar(seed: 42)
        let names = CalDAVFixtures.names(endingWith: "-request.xml")
        let alphabet = Array("<>/=\"D:C:sync-tokenhref ".utf8)
        for round in 0..<800 {
            let input = Self.mutate(CalDAVFixtures.bytes(names[round % names.count]), &random, alphabet: alphabet)
            _ = try? DAVSyncCollection.parse(input)
            _ = try? DAVCalendarMultiget.parse(input)
            _ = try? DAVCalendarQuery.parse(input)
            _ = try? DAVPropfind.parse(input)
            _ = try? DAVMkcalendar.parse(input)
        }
    }
}
