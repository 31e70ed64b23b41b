/// "Did you mean" for scenario files: the allowed word closest to a misspelt key or value.
///
/// The distance is the optimal-string-alignment edit distance (insertions, deletions,
/// substitutions and swaps of neighbours each cost 1), case-insensitive. A candidate is suggested
/// only when it is plausibly a typo: at most a third of the word's length away (at least 1, at most
/// 3 edits). Ties go to the earlier candidate, so the answer depends on the inputs alone. The CLI
/// has the same rule for command names (`TMinusCLI/CommandLine/EditDistance.swift`).
public enum SpellingSuggestion: Sendable {
    /// The candidate closest to `word`, if close enough.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let limit = max(1, min(3, word.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// Optimal-string-alignment distance between two words.
    /// - Complexity: O(m·n) for words of lengths m and n.
    public static func editDistance(_ source: String, _ target: String) -> Int {
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
                    table[(i - 1) * columns + j] + 1, table[i * columns + j - 1] + 1,
                    table[(i - 1) * columns + j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, table[(i - 2) * columns + j - 2] + 1)
                }
                table[i * columns + j] = best
            }
        }
        return table[a.count * columns + b.count]
    }
}
