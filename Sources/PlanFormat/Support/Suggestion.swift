/// "Did you mean" suggestions by edit distance.
public enum Suggestion {
    /// The longest word a suggestion is looked for: a longer one is no typo of a name.
    public static let longestWord = 64
    /// Candidates whose length differs from the word's by more than this are not compared.
    public static let lengthSlack = 3

    /// The candidate closest to `word`, if it is close enough to be a plausible typo.
    ///
    /// - Complexity: O(n × m) for n candidates and a word of length m ≤ 64: only candidates
    ///   within ``lengthSlack`` characters of the word's length are compared, each in a band of
    ///   the allowed distance.
    public static func nearest(to word: String, among candidates: [String]) -> String? {
        let target = Array(word.lowercased().unicodeScalars)
        guard target.count <= longestWord else { return nil }
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let letters = Array(candidate.lowercased().unicodeScalars)
            guard abs(letters.count - target.count) <= lengthSlack else { continue }
            let allowed = max(2, letters.count / 3)
            let bound = min(allowed, best.map { $0.distance } ?? allowed)
            guard let found = distance(target, letters, atMost: bound) else { continue }
            if best == nil || found < best!.distance || (found == best!.distance && candidate < best!.candidate) {
                best = (candidate, found)
            }
        }
        return best?.candidate
    }

    /// The Levenshtein distance between two strings.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        return distance(a, b, atMost: max(a.count, b.count))!
    }

    /// The Levenshtein distance if it is at most `limit`, else nil; only the diagonal band of
    /// width 2 × limit + 1 is computed.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let outside = limit + 1
        var previous = (0...b.count).map { $0 <= limit ? $0 : outside }
        var current = [Int](repeating: outside, count: b.count + 1)
        for i in 1...a.count {
            let low = max(1, i - limit), high = min(b.count, i + limit)
            current[0] = i <= limit ? i : outside
            if low > 1 { current[low - 1] = outside }
            var rowBest = current[0]
            for j in low...high {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                let value = min(previous[j] + 1, current[j - 1] + 1, substitution)
                current[j] = min(value, outside)
                rowBest = min(rowBest, current[j])
            }
            if high < b.count { current[high + 1] = outside }
            if rowBest > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
