import CSHA256

/// SHA-256 as specified by FIPS 180-4, written here so hashes depend on nothing but this file
/// (and, on an x86-64 CPU with the SHA extensions, `CSHA256`'s block function, which gives the same
/// state for every block; `SHA256HardwareTests` compares the two).
///
/// It is a streaming hasher: feed bytes with `update(_:)` in pieces
/// of any size, then call ``finalize()`` once. Splitting the input differently never changes the
/// digest. Input is buffered in one fixed 64-byte block, so hashing allocates nothing per byte.
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update("ab".utf8)
/// hasher.update("c".utf8)
/// hasher.finalize().hex  // "ba7816bf…"
/// ```
public struct SHA256: Sendable {
    /// The eight 32-bit working hash values H0…H7.
    private var state: InlineArray<8, UInt32> = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
        0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    /// Bytes of the current, not yet complete block.
    private var block = InlineArray<64, UInt8>(repeating: 0)
    /// How many bytes of `block` are filled (always below 64 between calls).
    private var blockCount = 0
    /// Total message length in bytes, for the final length field.
    private var messageLength: UInt64 = 0
    /// Whether blocks go to the CPU's SHA instructions (``hardwareAvailable``) or the Swift rounds.
    private let usesHardware: Bool

    /// Creates a hasher with the FIPS 180-4 initial hash value.
    public init() { usesHardware = Self.hardwareAvailable }

    /// A hasher that uses the Swift rounds even where the CPU has SHA instructions (tests compare
    /// the two).
    package init(softwareOnly: Bool) { usesHardware = !softwareOnly && Self.hardwareAvailable }

    /// True when this CPU has the SHA extensions `CSHA256` uses (read once).
    package static let hardwareAvailable = csha256_hardware_available() != 0

    /// Feeds raw bytes. This is the fast path every other `update` ends in.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        messageLength &+= UInt64(bytes.count)
        var offset = 0
        if blockCount > 0 {
            let take = min(64 - blockCount, bytes.count)
            bufferBytes(UnsafeRawBufferPointer(rebasing: bytes[0..<take]))
            offset = take
            guard blockCount == 64 else { return }
            compressBufferedBlock()
        }
        let blocks = (bytes.count - offset) / 64
        if blocks > 0 {
            compressBlocks(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 64 * blocks]))
            offset += 64 * blocks
        }
        bufferBytes(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
    }

    /// Feeds a sequence of bytes. Contiguous collections (`[UInt8]`, `ArraySlice`, `String.UTF8View`
    /// of a native string, buffer pointers) are hashed in place; anything else is copied byte by
    /// byte into the block buffer, still without allocating.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(UnsafeRawBufferPointer(buffer))
        }
        if handled != nil { return }
        for byte in bytes {
            block[blockCount] = byte
            blockCount += 1
            messageLength &+= 1
            if blockCount == 64 { compressBufferedBlock() }
        }
    }

    /// Feeds the UTF-8 encoding of `text`.
    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Pads the message, processes the last block(s) and returns the digest. Consumes the hasher:
    /// a finalized hasher cannot be fed again.
    public consuming func finalize() -> SHA256Digest {
        let bitLength = messageLength &* 8
        block[blockCount] = 0x80
        blockCount += 1
        if blockCount > 56 {
            for index in blockCount..<64 { block[index] = 0 }
            compressBufferedBlock()
        }
        for index in blockCount..<56 { block[index] = 0 }
        for index in 0..<8 { block[56 + index] = UInt8(truncatingIfNeeded: bitLength >> (56 - 8 * index)) }
        compressBufferedBlock()

        var digest = [UInt8]()
        digest.reserveCapacity(32)
        for index in 0..<8 {
            let word = state[index]
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return SHA256Digest(validatedBytes: digest)
    }

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: [UInt8]) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of the UTF-8 encoding of `text`.
    public static func hash(_ text: String) -> SHA256Digest {
        var hasher = SHA256()
        hasher.update(text)
        return hasher.finalize()
    }

    /// Appends `bytes` (at most what the block has room for) to the buffered block.
    private mutating func bufferBytes(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        precondition(bytes.count <= 64 - blockCount, "more bytes than the block holds")
        let start = blockCount
        withUnsafeMutableBytes(of: &block) { target in
            (target.baseAddress! + start).copyMemory(from: source, byteCount: bytes.count)
        }
        blockCount += bytes.count
    }

    private mutating func compressBufferedBlock() {
        let copy = block
        withUnsafeBytes(of: copy) { compressBlocks($0) }
        blockCount = 0
    }

    /// Compresses whole 64-byte blocks into `state`, with the CPU's SHA instructions when used.
    private mutating func compressBlocks(_ blocks: UnsafeRawBufferPointer) {
        let count = blocks.count / 64
        guard count > 0 else { return }
        if usesHardware, let base = blocks.baseAddress {
            withUnsafeMutableBytes(of: &state) { words in
                SHA256.roundConstants.withUnsafeBufferPointer { constants in
                    csha256_compress(
                        words.baseAddress!.assumingMemoryBound(to: UInt32.self), base.assumingMemoryBound(to: UInt8.self),
                        count, constants.baseAddress!)
                }
            }
            return
        }
        for index in 0..<count {
            SHA256.compress(&state, UnsafeRawBufferPointer(rebasing: blocks[(64 * index)..<(64 * index + 64)]))
        }
    }
}

extension SHA256 {
    /// The 64 round constants: the first 32 bits of the fractional parts of the cube roots of the
    /// first 64 primes (FIPS 180-4 §4.2.2).
    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    /// Processes one 64-byte block (FIPS 180-4 §6.2.2) into `state`.
    ///
    /// The message schedule lives in a stack buffer read through unchecked pointers (every index is
    /// a constant range below 64), so the 64 rounds run without bounds checks or allocation.
    private static func compress(_ state: inout InlineArray<8, UInt32>, _ block: UnsafeRawBufferPointer) {
        precondition(block.count >= 64, "a SHA-256 block has 64 bytes")
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            let w = schedule.baseAddress!
            for index in 0..<16 {
                w[index] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
            }
            for index in 16..<64 {
                let w15 = w[index - 15]
                let w2 = w[index - 2]
                let sigma0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >> 3)
                let sigma1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >> 10)
                w[index] = w[index - 16] &+ sigma0 &+ w[index - 7] &+ sigma1
            }
            var a = state[0], b = state[1], c = state[2], d = state[3]
            var e = state[4], f = state[5], g = state[6], h = state[7]
            roundConstants.withUnsafeBufferPointer { constants in
                let k = constants.baseAddress!
                // Eight rounds per pass with the working variables' roles rotated in the arguments
                // (FIPS 180-4 §6.2.2 step 3), so no round moves the eight values along.
                for index in stride(from: 0, to: 64, by: 8) {
                    round(a, b, c, &d, e, f, g, &h, k[index] &+ w[index])
                    round(h, a, b, &c, d, e, f, &g, k[index + 1] &+ w[index + 1])
                    round(g, h, a, &b, c, d, e, &f, k[index + 2] &+ w[index + 2])
                    round(f, g, h, &a, b, c, d, &e, k[index + 3] &+ w[index + 3])
                    round(e, f, g, &h, a, b, c, &d, k[index + 4] &+ w[index + 4])
                    round(d, e, f, &g, h, a, b, &c, k[index + 5] &+ w[index + 5])
                    round(c, d, e, &f, g, h, a, &b, k[index + 6] &+ w[index + 6])
                    round(b, c, d, &e, f, g, h, &a, k[index + 7] &+ w[index + 7])
                }
            }
            state[0] &+= a
            state[1] &+= b
            state[2] &+= c
            state[3] &+= d
            state[4] &+= e
            state[5] &+= f
            state[6] &+= g
            state[7] &+= h
        }
    }

    /// One round: `h` becomes the next `a` (T1 + T2) and `d` the next `e` (d + T1); the caller
    /// passes the other six in their next roles.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
        _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ constantAndWord: UInt32
    ) {
        let bigSigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
        let choose = g ^ (e & (f ^ g))
        let t1 = h &+ bigSigma1 &+ choose &+ constantAndWord
        let bigSigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
        let majority = (a & b) | (c & (a | b))
        d &+= t1
        h = t1 &+ bigSigma0 &+ majority
    }

    @inline(__always)
    private static func rotr(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value >> count) | (value << (32 - count))
    }
}
