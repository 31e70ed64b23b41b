/// Edit distance between words, used to suggest the name a user probably meant: command names and
/// options in the CLI (`tminus verison` → "did you mean 'version'?") and keys and values in scenario
/// files. Comparison in `closest` is case-insensitive.
///
/// Counts insertions, deletions, substitutions and swaps of two adjacent characters (the
/// "optimal string alignment" distance), so a transposed pair costs 1, as a typist would expect.
public enum EditDistance: Sendable {
    /// The number of single-character edits that turn `source` into `target`.
    /// - Complexity: O(m·n) time and O(m·n) space for words of length m and n.
    public static func between(_ source: String, _ target: String) -> Int {
        let a = Array(source)
        let b = Array(target)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let columns = b.count + 1
        var table = [Int](repeating: 0, count: (a.count + 1) * columns)
        for i in 0...a.count { table[i * columns] = i }
        for j in 0...b.count { table[j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(
                    table[(i - 1) * columns + j] + 1,
                    table[i * columns + j - 1] + 1,
                    table[(i - 1) * columns + j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, table[(i - 2) * columns + j - 2] + 1)
                }
                table[i * columns + j] = best
            }
        }
        return table[a.count * columns + b.count]
    }

    /// The candidate closest to `word`, if it is close enough to be a plausible typo: at most
    /// a third of the word's length away, and never more than 3 edits (but 1 edit is always allowed).
    /// Ties go to the earlier candidate, so the answer does not depend on anything but the inputs.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let limit = max(1, min(3, word.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = between(word.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }
}
