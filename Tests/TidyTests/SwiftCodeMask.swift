/// Blanks out comments and the literal text of string literals in Swift source, keeping code,
/// string interpolations and the line structure, so that banned-API patterns are matched only
/// where they would actually run.
///
/// A small state machine, not a parser: it knows `//` and nested `/* */` comments, `"…"`, `"""…"""`
/// and raw `#"…"#` strings, escapes, and `\( … )` interpolations (which are code). That is enough
/// for this package's sources; anything stranger errs on the side of scanning more text.
enum SwiftCodeMask {
    private enum Context {
        case code(parenDepth: Int)
        case string(hashes: Int, multiline: Bool)
    }

    /// The lines of `source` with comments and literal string contents replaced by spaces.
    static func codeLines(of source: String) -> [String] {
        var output: [String] = []
        var stack: [Context] = [.code(parenDepth: 0)]
        var blockDepth = 0
        for rawLine in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let chars = Array(rawLine)
            var masked = [Character](repeating: " ", count: chars.count)
            var index = 0
            while index < chars.count {
                if blockDepth > 0 {
                    if matches(chars, index, "*/") {
                        blockDepth -= 1
                        index += 2
                    } else if matches(chars, index, "/*") {
                        blockDepth += 1
                        index += 2
                    } else {
                        index += 1
                    }
                    continue
                }
                switch stack[stack.count - 1] {
                case .code(let depth):
                    index = scanCode(
                        chars, index, depth: depth, stack: &stack, blockDepth: &blockDepth, masked: &masked)
                case .string(let hashes, let multiline):
                    index = scanString(chars, index, hashes: hashes, multiline: multiline, stack: &stack)
                }
            }
            // A single-line string cannot continue past the end of its line.
            if case .string(_, false) = stack[stack.count - 1] { stack.removeLast() }
            output.append(String(masked))
        }
        return output
    }

    /// Handles one step in code; returns the next index.
    private static func scanCode(
        _ chars: [Character], _ index: Int, depth: Int, stack: inout [Context], blockDepth: inout Int,
        masked: inout [Character]
    ) -> Int {
        let char = chars[index]
        if matches(chars, index, "//") { return chars.count }
        if matches(chars, index, "/*") {
            blockDepth += 1
            return index + 2
        }
        var hashes = 0
        while index + hashes < chars.count, chars[index + hashes] == "#" { hashes += 1 }
        if index + hashes < chars.count, chars[index + hashes] == "\"" {
            let quoteStart = index + hashes
            let multiline = matches(chars, quoteStart, "\"\"\"")
            stack.append(.string(hashes: hashes, multiline: multiline))
            return quoteStart + (multiline ? 3 : 1)
        }
        masked[index] = char
        if char == "(" {
            stack[stack.count - 1] = .code(parenDepth: depth + 1)
        } else if char == ")" {
            if depth == 0, stack.count > 1 {
                masked[index] = " "
                stack.removeLast()  // end of an interpolation: back into the string
            } else {
                stack[stack.count - 1] = .code(parenDepth: max(0, depth - 1))
            }
        }
        return index + 1
    }

    /// Handles one step inside a string literal; returns the next index.
    private static func scanString(
        _ chars: [Character], _ index: Int, hashes: Int, multiline: Bool, stack: inout [Context]
    ) -> Int {
        let closing = (multiline ? "\"\"\"" : "\"") + String(repeating: "#", count: hashes)
        if matches(chars, index, closing) {
            stack.removeLast()
            return index + closing.count
        }
        let escape = "\\" + String(repeating: "#", count: hashes)
        if matches(chars, index, escape) {
            let after = index + escape.count
            if after < chars.count, chars[after] == "(" {
                stack.append(.code(parenDepth: 0))
                return after + 1
            }
            return after + 1  // an escaped character
        }
        return index + 1
    }

    private static func matches(_ chars: [Character], _ index: Int, _ text: String) -> Bool {
        var position = index
        for expected in text {
            guard position < chars.count, chars[position] == expected else { return false }
            position += 1
        }
        return true
    }
}
