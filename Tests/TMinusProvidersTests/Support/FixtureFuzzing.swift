import TMinusCore
import TMinusProviders
import Testing

/// The seeded fuzzing loops the providers' fuzz suites share (GoogleFuzzTests, GraphFuzzTests):
/// mutated fixtures fed to parsers and error mappers, and mutated pages served through a client.
/// Both guarantee that a parser either succeeds or throws `malformedResponse`, never crashes.
enum FixtureFuzzing {
    /// A body parser erased to "value or typed error", checking the invariants a value must hold.
    typealias Parser = @Sendable ([UInt8]) -> Result<Void, ProviderError>

    /// Feeds `iterations` mutations of `fixtures` (drawn from `seed`) to every parser, and for each
    /// of `statuses` an error response with the mutated body to `mapErrors`. Every failure must be
    /// `malformedResponse`, and both outcomes must be common, or the fuzzer reaches nothing.
    static func parsersGiveValuesOrMalformedResponse(
        seed: UInt64, iterations: Int, fixtures: [(name: String, bytes: [UInt8])], parsers: [Parser],
        statuses: [Int], mapErrors: (HTTPResponse) -> Void, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var random = Xoshiro256StarStar(seed: seed)
        var outcomes = (succeeded: 0, malformed: 0)
        for _ in 0..<iterations {
            let fixture = fixtures[Int(random.below(UInt64(fixtures.count)))]
            let mutated = FixtureMutator.mutate(fixture.bytes, using: &random)
            for parse in parsers {
                switch parse(mutated) {
                case .success: outcomes.succeeded += 1
                case .failure(let error):
                    #expect(error.kind == "malformedResponse", "\(fixture.name): \(error)", sourceLocation: sourceLocation)
                    outcomes.malformed += 1
                }
            }
            for status in statuses { mapErrors(HTTPResponse(status: status, body: mutated)) }
        }
        #expect(outcomes.succeeded > iterations / 10, sourceLocation: sourceLocation)
        #expect(outcomes.malformed > iterations / 10, sourceLocation: sourceLocation)
    }

    /// Serves `count` mutations of `page` (drawn from `seed`), one per scripted transport, to
    /// `fetch`: it may only fail with `malformedResponse`, or `invalidRequest` when a mutation
    /// leaves a valid page that asks for a next one and the script runs out.
    static func mutatedPagesOnlyThrowTypedErrors(
        seed: UInt64, page: [UInt8], count: Int,
        fetch: (ScriptedTransport) async throws(ProviderError) -> Void, sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        var random = Xoshiro256StarStar(seed: seed)
        for _ in 0..<count {
            let body = FixtureMutator.mutate(page, using: &random)
            let transport = ScriptedTransport([.respond(HTTPResponse(status: 200, body: body))])
            if let error = await providerFailure({ () async throws(ProviderError) in try await fetch(transport) }) {
                #expect(["malformedResponse", "invalidRequest"].contains(error.kind), "\(error)", sourceLocation: sourceLocation)
            }
        }
    }

    /// What every parsed event record must hold.
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
