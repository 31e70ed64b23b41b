/// Google's rules for client-supplied event ids (G-DISC §1.8): lowercase base32hex (`0-9`, `a-v`,
/// RFC 2938 §3.1.2), 5 to 1024 characters.
enum GoogleIDRules {
    static func isValid(_ id: String) -> Bool {
        let bytes = id.utf8
        guard (5...1024).contains(bytes.count) else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "v")).contains(byte)
        }
    }
}
