import TMinusCore
import TMinusProviders
@testable import TMinusSimulation
import Testing

/// The fakes' wire fast paths give exactly what the code they replaced gave: base64url with
/// tables, the token codec without concatenated buffers, the remembered tokens, form bodies and
/// `Authorization` values split on bytes, CalDAV's remembered sync-token hashes and paths. Each is compared with the old code (kept below as
/// the reference) over seeded inputs, bad input included.
struct WireFastPathTests {
    @Test func base64URLEncodesAndDecodesAsTheOldCodeDid() {
        var random = Xoshiro256StarStar(seed: 41)
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let text = Base64URL.encode(bytes)
            #expect(text == OldBase64URL.encode(bytes), "length \(length)")
            #expect(Base64URL.decode(text) == bytes)
        }
        let pieces = ["A", "Q", "g", "w", "_", "-", "9", "=", "==", "+", "/", " ", "é", "\r\n", "AAAA", "QQ", "Qg"]
        let texts =
            ["", "=", "A", "AA", "AB", "AAA", "AAB", "AAAA", "A=A=", "QQ==", "Qg", "Q", "====", "é", "A\u{301}"]
            + Self.texts(of: pieces, upTo: 9, &random)
        for text in texts {
            #expect(Base64URL.decode(text) == OldBase64URL.decode(text), "\(text.debugDescription)")
        }
    }

    @Test(arguments: Array(1...12) as [UInt64])
    func tokensMintAndOpenAsTheOldCodecDid(seed: UInt64) {
        var random = Xoshiro256StarStar(seed: seed)
        var copy = random
        let codec = OpaqueTokenCodec(random: &random)
        let old = OldTokenCodec(secret: OpaqueTokenCodec.drawSecret(&copy))
        for round in 0..<40 {
            let fields = Self.fields(&random, long: round == 7)
            let token = codec.mint(fields)
            #expect(token == old.mint(fields), "seed \(seed) round \(round)")
            #expect(codec.open(token) == old.open(token))
            for edited in Self.edits(of: token, &random) {
                #expect(codec.open(edited) == old.open(edited), "\(edited)")
            }
        }
    }

    @Test(arguments: [1, 2, 3, 512] as [Int])
    func rememberedTokensOpenAsTheCodecDoes(capacity: Int) {
        var random = Xoshiro256StarStar(seed: UInt64(capacity) &+ 77)
        let codec = OpaqueTokenCodec(random: &random)
        var other = Xoshiro256StarStar(seed: 5)
        let foreign = OpaqueTokenCodec(random: &other)
        var memo = RememberingTokenCodec(codec, capacity: capacity)
        var known: [String] = []
        for round in 0..<300 {
            switch random.below(5) {
            case 0, 1:
                let fields = Self.fields(&random, long: round % 50 == 3)
                let token = memo.mint(fields)
                #expect(token == codec.mint(fields))
                known.append(token)
            case 2 where !known.isEmpty:
                let token = known[Int(random.below(UInt64(known.count)))]
                #expect(memo.open(token) == codec.open(token), "round \(round)")
                #expect(memo.open(token) == codec.open(token), "again")
            case 3 where !known.isEmpty:
                let token = known[Int(random.below(UInt64(known.count)))]
                for edited in Self.edits(of: token, &random) {
                    #expect(memo.open(edited) == codec.open(edited))
                }
            default:
                let token = foreign.mint(Self.fields(&random, long: false))
                #expect(memo.open(token) == nil && codec.open(token) == nil)
            }
            #expect(memo.count <= 2 * capacity)
        }
        let cut: [TokenField] = [.text("s"), .text(String(repeating: "é", count: 40_000)), .int(1)]
        let token = memo.mint(cut)
        #expect(codec.open(token) != cut, "a text longer than 65,535 bytes is cut")
        #expect(memo.open(token) == codec.open(token), "so it is not remembered as minted")
    }

    @Test func theMemoRemembersWhatItMintedAndOpened() {
        var random = Xoshiro256StarStar(seed: 3)
        var memo = RememberingTokenCodec(OpaqueTokenCodec(random: &random), capacity: 2)
        let first = memo.mint([.text("d"), .int(1)])
        #expect(memo.count == 1)
        _ = memo.open(first)
        #expect(memo.count == 1, "a known text is answered from memory")
        _ = memo.open("not a token")
        #expect(memo.count == 1, "a text that does not open is not remembered")
        _ = memo.mint([.text("d"), .int(2)])
        _ = memo.mint([.text("d"), .int(3)])
        #expect(memo.count == 3, "the older generation is kept")
        _ = memo.mint([.text("d"), .int(4)])
        _ = memo.mint([.text("d"), .int(5)])
        #expect(memo.count == 3, "and dropped when the next one fills")
        #expect(memo.open(first) == [.text("d"), .int(1)], "a forgotten text is opened again")
    }

    @Test func formBodiesSplitOnBytesAsOnCharacters() {
        var random = Xoshiro256StarStar(seed: 17)
        let pieces = ["&", "=", "a", "b", "%41", "%zz", "+", "%", "\r\n", "\r", "\n", "é", "\u{301}", "grant_type", "0.AXoA-_"]
        let bodies =
            ["", "&", "=", "&&", "a=b", "a=b=c", "=x", "a", "a=&=b&", "&\u{301}=x", "x=\r\n&y"]
            + Self.texts(of: pieces, upTo: 8, &random)
        for body in bodies {
            let bytes = Array(body.utf8)
            let fast = FakeHTTP.formFields(bytes)
            let slow = FakeHTTP.characterFormFields(bytes)
            #expect(fast.map(\.name) == slow.map(\.name) && fast.map(\.value) == slow.map(\.value), "\(body.debugDescription)")
        }
    }

    @Test func authorizationValuesSplitOnBytesAsOnCharacters() {
        var random = Xoshiro256StarStar(seed: 23)
        let pieces = [
            "Bearer", "bearer", "BEARER", "Basic", "basic", " ", "  ", "\t", "tok", "\r\n", "é", "\u{301}", "x y",
            "dTpw", "dTpwQA", "+/", "==", "Og",
        ]
        let values =
            ["Bearer abc", "bearer  abc ", " Bearer abc", "Bearer", "Bearer ", "Basic abc", "Bearer\tabc", "", "Basic dTpw"]
            + Self.texts(of: pieces, upTo: 5, &random)
        for value in values {
            let fast = FakeHTTP.authorizationParts(value)
            let slow = FakeHTTP.characterAuthorizationParts(value)
            #expect(fast?.scheme == slow?.scheme && fast?.credentials == slow?.credentials, "\(value.debugDescription)")
            #expect(FakeHTTP.bearerToken(authorization: value) == Self.oldBearerToken(value), "\(value.debugDescription)")
            let headers = HTTPHeaders([("Authorization", value)])
            let credential = CalDAVServerState.basicCredential(headers)
            let old = Self.oldBasicCredential(value)
            #expect(credential?.user == old?.user && credential?.password == old?.password, "\(value.debugDescription)")
        }
    }

    @Test func caldavSyncTokenHashesAndPathsAreTheOnesMadeFresh() {
        var state = CalDAVServerState(
            configuration: FakeCalDAVConfiguration(), random: RandomSource(seed: 8), trace: NullTraceSink())
        let paths = ["/ana/cal/", "/bo/cal/", "/ana/other/"]
        for path in paths {
            state.collections[path] = CalDAVCollectionRecord(
                path: path, owner: "ana", displayName: nil, components: [], created: Timestamp(secondsSinceEpoch: 0))
        }
        var random = Xoshiro256StarStar(seed: 8)
        for _ in 0..<600 {
            let path = paths[Int(random.below(UInt64(paths.count)))]
            if random.below(6) == 0 { state.collections[path]!.epoch += 1 }
            let position = random.below(4)
            let collection = state.collections[path]!
            let fresh = Self.oldStateHex(state.secret, collection, position: position, salt: "sync")
            #expect(collection.stateHex(state.secret, position: position, salt: "sync") == fresh)
            #expect(state.syncTokenHash(collection, position: position) == fresh)
        }
        let pieces = ["/", "//", "a", "%41", "%2F", ".", "..", "é", "%zz", "x y", "http://h"]
        for path in Self.texts(of: pieces, upTo: 6, &random) + Self.texts(of: pieces, upTo: 6, &random) {
            #expect(state.normalized(path) == DAVHref.normalize(path), "\(path.debugDescription)")
        }
    }

    /// `FakeHTTP.bearerToken` before it split on bytes.
    private static func oldBearerToken(_ value: String) -> String? {
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingSpaces
    }

    /// `CalDAVServerState.basicCredential` before it split and mapped bytes.
    private static func oldBasicCredential(_ value: String) -> (user: String, password: String)? {
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic" else { return nil }
        let urlSafe = String(parts[1]).map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 }
        guard let bytes = OldBase64URL.decode(String(urlSafe)), let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else {
            return nil
        }
        return (
            String(decoding: bytes[..<colon], as: UTF8.self),
            String(decoding: bytes[bytes.index(after: colon)...], as: UTF8.self)
        )
    }

    /// `CalDAVCollectionRecord.stateHex` before it took the digest's hex.
    private static func oldStateHex(
        _ secret: [UInt8], _ collection: CalDAVCollectionRecord, position: UInt64, salt: String
    ) -> String {
        var hasher = SHA256()
        hasher.update(secret)
        hasher.update(salt + "\u{0}" + collection.path + "\u{0}\(collection.epoch)\u{0}\(position)")
        return hasher.finalize().bytes.map { byte in
            let hex = Array("0123456789abcdef".utf8)
            return String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
        }.joined()
    }

    // MARK: Inputs

    /// 4,000 texts of up to `most` pieces drawn from `pieces`.
    private static func texts(of pieces: [String], upTo most: UInt64, _ random: inout Xoshiro256StarStar) -> [String] {
        (0..<4_000).map { _ in
            (0..<random.below(most + 1)).map { _ in pieces[Int(random.below(UInt64(pieces.count)))] }.joined()
        }
    }

    private static func fields(_ random: inout Xoshiro256StarStar, long: Bool) -> [TokenField] {
        var fields: [TokenField] = [.text(["s", "d", "k", "p"][Int(random.below(4))])]
        for _ in 0..<Int(random.below(9)) {
            if random.below(4) == 0 {
                let length = Int(random.below(70))
                fields.append(.text(String(repeating: ["a", "é", "🚀"][Int(random.below(3))], count: length)))
            } else {
                fields.append(.int(Int64(bitPattern: random.next())))
            }
        }
        if long { fields.append(.text(String(repeating: "x", count: 9_000))) }  // the keystream counter wraps
        return fields
    }

    /// The token with one character replaced, one removed, one added, cut short, and padded.
    private static func edits(of token: String, _ random: inout Xoshiro256StarStar) -> [String] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var characters = Array(token)
        let index = Int(random.below(UInt64(characters.count)))
        var replaced = characters
        replaced[index] = alphabet[Int(random.below(64))]
        characters.remove(at: index)
        return [
            String(replaced), String(characters), token + "A", String(token.prefix(Int(random.below(12)))), token + "=",
            "=" + token, token + "*",
        ]
    }
}

/// The base64url code the tables replaced.
private enum OldBase64URL {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << UInt32(16 - 8 * $1.offset) }
            for position in 0...chunk.count { out.append(alphabet[Int(value >> UInt32(18 - 6 * position) & 63)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt32] = []
        for byte in text.utf8 where byte != UInt8(ascii: "=") {
            guard let index = alphabet.firstIndex(of: byte) else { return nil }
            values.append(UInt32(index))
        }
        guard values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index < values.count {
            let group = Array(values[index..<min(index + 4, values.count)])
            let value = group.enumerated().reduce(UInt32(0)) { $0 | $1.element << UInt32(18 - 6 * $1.offset) }
            let unusedMask = (UInt32(1) << UInt32(24 - 8 * (group.count - 1))) - 1
            guard value & unusedMask == 0 else { return nil }
            for position in 0..<(group.count - 1) {
                out.append(UInt8(truncatingIfNeeded: value >> UInt32(16 - 8 * position)))
            }
            index += 4
        }
        return out
    }
}

/// The token codec before it hashed from a keyed hasher: concatenated buffers per hash.
private struct OldTokenCodec {
    let secret: [UInt8]

    func mint(_ fields: [TokenField]) -> String {
        let payload = TokenPayload.encode(fields)
        let mac = Array(SHA256.hash(secret + payload).bytes.prefix(8))
        return OldBase64URL.encode(xor(payload, mac: mac) + mac)
    }

    func open(_ token: String) -> [TokenField]? {
        guard let bytes = OldBase64URL.decode(token), bytes.count >= 8 else { return nil }
        let mac = Array(bytes.suffix(8))
        let payload = xor(Array(bytes.dropLast(8)), mac: mac)
        guard Array(SHA256.hash(secret + payload).bytes.prefix(8)) == mac else { return nil }
        return TokenPayload.decode(payload)
    }

    private func xor(_ bytes: [UInt8], mac: [UInt8]) -> [UInt8] {
        var out = bytes
        var block = SHA256.hash(secret + mac + [0]).bytes
        var counter: UInt8 = 0
        for index in out.indices {
            if index > 0 && index % block.count == 0 {
                counter &+= 1
                block = SHA256.hash(secret + mac + [counter]).bytes
            }
            out[index] ^= block[index % block.count]
        }
        return out
    }
}
