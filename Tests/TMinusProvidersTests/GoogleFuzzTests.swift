import TMinusCore
import TMinusProviders
import Testing

/// Seeded fuzzing: thousands of mutated fixtures (truncated, bytes flipped, keys dropped or
/// duplicated, types swapped) fed to every Google parser. Each must either succeed with a
/// well-formed value or throw `malformedResponse` — never crash, never another error.
struct GoogleFuzzTests {
    static let iterations = 6000

    @Test(arguments: [UInt64(0x5EED_0001), 0x5EED_0002])
    func mutatedFixturesGiveValuesOrMalformedResponseOnly(seed: UInt64) {
        var random = Xoshiro256StarStar(seed: seed)
        let names = Fixtures.googleNames.filter { !$0.hasPrefix("push-") }
        let originals = names.map { Fixtures.google($0) }
        var outcomes = (succeeded: 0, malformed: 0)
        for _ in 0..<Self.iterations {
            let index = Int(random.below(UInt64(originals.count)))
            let mutated = FixtureMutator.mutate(originals[index], using: &random)
            for parse in Self.parsers {
                switch parse(mutated) {
                case .success: outcomes.succeeded += 1
                case .failure(let error):
                    #expect(error.kind == "malformedResponse", "\(names[index]): \(error)")
                    outcomes.malformed += 1
                }
            }
            for status in [400, 403, 404, 409, 410, 412, 429, 500] {
                let mapped = GoogleErrorMapper.map(
                    HTTPResponse(status: status, body: mutated), operation: "events.list")
                #expect((mapped.context.reason?.count ?? 0) <= 64)
                #expect(
                    GoogleOAuth.mapError(HTTPResponse(status: status, body: mutated), operation: "oauth.token").context
                        .status == status)
            }
        }
        // Both paths must really be exercised, or the fuzzer is not mutating anything useful.
        #expect(outcomes.succeeded > Self.iterations / 10)
        #expect(outcomes.malformed > Self.iterations / 10)
    }

    @Test func mutatedPagesThroughTheClientOnlyEverThrowTypedErrors() async {
        var random = Xoshiro256StarStar(seed: 0x5EED_0003)
        let page = Fixtures.google("events-page-last.json")
        for _ in 0..<500 {
            let body = FixtureMutator.mutate(page, using: &random)
            let transport = ScriptedTransport([.respond(HTTPResponse(status: 200, body: body))])
            let error = await providerFailure { () async throws(ProviderError) in
                try await GoogleTesting.provider(transport).changes(calendarID: "primary", since: SyncCursor("s"))
            }
            if let error {
                // A mutation can leave a valid page that ends with nextPageToken; the script then runs out.
                #expect(["malformedResponse", "invalidRequest"].contains(error.kind), "\(error)")
            }
        }
    }

    /// Every body parser, erased to "value or typed error", with the invariants a value must hold.
    static let parsers: [@Sendable ([UInt8]) -> Result<Void, ProviderError>] = [
        { body in
            Result { () throws(ProviderError) in
                let page = try GoogleResponses.eventsPage(body, calendarID: "primary")
                #expect((page.nextPageToken == nil) != (page.nextSyncToken == nil))
                page.records.forEach(checkRecord)
            }
        },
        { body in
            Result { () throws(ProviderError) in
                checkRecord(try GoogleResponses.event(body, calendarID: "p", operation: "events.get"))
            }
        },
        { body in
            Result { () throws(ProviderError) in
                #expect(try GoogleResponses.calendarListPage(body).entries.allSatisfy { !$0.calendar.id.isEmpty })
            }
        },
        { body in
            Result { () throws(ProviderError) in #expect(!(try GoogleResponses.insertedCalendar(body).id.isEmpty)) }
        },
        { body in
            Result { () throws(ProviderError) in
                #expect(!(try GoogleResponses.channel(body, calendarID: "p").channelID.isEmpty))
            }
        },
        { body in Result { () throws(ProviderError) in #expect(try GoogleOAuth.grant(body).expiresIn >= .zero) } },
    ]

    static func checkRecord(_ record: ProviderEventRecord) {
        #expect(!record.delta.providerEventID.isEmpty)
        #expect((record.delta.kind == .deleted) == (record.delta.content == nil))
    }
}

/// Seeded structural and byte-level mutations of a JSON payload.
enum FixtureMutator {
    static func mutate(_ bytes: [UInt8], using random: inout Xoshiro256StarStar) -> [UInt8] {
        switch random.below(7) {
        case 0: return Array(bytes.prefix(Int(random.below(UInt64(bytes.count + 1)))))
        case 1:
            var copy = bytes
            for _ in 0...random.below(4) where !copy.isEmpty {
                copy[Int(random.below(UInt64(copy.count)))] ^= UInt8(truncatingIfNeeded: 1 << random.below(8))
            }
            return copy
        case 2:
            var copy = bytes
            let at = Int(random.below(UInt64(copy.count + 1)))
            let structural = Array(#"{}[]",:0-."#.utf8)
            copy.insert(structural[Int(random.below(UInt64(structural.count)))], at: at)
            return copy
        default:
            guard let json = try? WireJSON.parse(bytes) else { return bytes }
            var tree = json
            let operations = Int(random.below(3)) + 1
            for _ in 0..<operations { tree = mutateTree(tree, using: &random) }
            return tree.serialized
        }
    }

    /// Descends to a random node and drops, duplicates or retypes a member or element there.
    static func mutateTree(_ value: WireJSON, using random: inout Xoshiro256StarStar) -> WireJSON {
        switch value {
        case .object(var members) where !members.isEmpty:
            let index = Int(random.below(UInt64(members.count)))
            switch random.below(5) {
            case 0: members.remove(at: index)
            case 1: members.append(WireMember(members[index].key, randomValue(using: &random)))
            case 2: members[index].value = randomValue(using: &random)
            default: members[index].value = mutateTree(members[index].value, using: &random)
            }
            return .object(members)
        case .array(var elements) where !elements.isEmpty:
            let index = Int(random.below(UInt64(elements.count)))
            switch random.below(4) {
            case 0: elements.remove(at: index)
            case 1: elements.append(elements[index])
            case 2: elements[index] = randomValue(using: &random)
            default: elements[index] = mutateTree(elements[index], using: &random)
            }
            return .array(elements)
        default:
            return random.below(2) == 0 ? randomValue(using: &random) : value
        }
    }

    static func randomValue(using random: inout Xoshiro256StarStar) -> WireJSON {
        switch random.below(9) {
        case 0: return .null
        case 1: return .bool(random.below(2) == 0)
        case 2: return .number("-1.5e300")
        case 3: return .number(String(random.next()))
        case 4: return .string("")
        case 5: return .string("2026-13-45T99:99:99Z")
        case 6: return .array([.number("1"), .string("x")])
        case 7: return .object([])
        default: return .string("cancelled")
        }
    }
}
