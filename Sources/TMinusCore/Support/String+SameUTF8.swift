extension String {
    /// Whether `self` and `other` hold the same UTF-8 bytes.
    ///
    /// `==` on `String` is canonical equivalence: it also accepts a differently normalized text,
    /// whose bytes (and so its hash, its serialization) differ. Memos that hand out a remembered
    /// value for an equal input, and the statement cache's keys, compare with this instead. Native
    /// strings are compared eight bytes at a time in their contiguous storage (one storage is equal
    /// to itself at once); others byte by byte.
    public func hasSameUTF8(as other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        let compared = utf8.withContiguousStorageIfAvailable { mine in
            other.utf8.withContiguousStorageIfAvailable { theirs in
                mine.baseAddress == theirs.baseAddress
                    || Self.sameBytes(UnsafeRawBufferPointer(mine), UnsafeRawBufferPointer(theirs))
            }
        }
        if let compared = compared ?? nil { return compared }
        return utf8.elementsEqual(other.utf8)
    }

    /// Whether two buffers of the same length hold the same bytes.
    private static func sameBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset + 8 <= a.count {
            if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                return false
            }
            offset += 8
        }
        while offset < a.count {
            if a[offset] != b[offset] { return false }
            offset += 1
        }
        return true
    }
}
