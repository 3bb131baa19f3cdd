/// The name in `candidates` closest to `name` by Damerau-Levenshtein distance (optimal string
/// alignment: insertions, deletions, substitutions and adjacent transpositions, compared without
/// regard to case), if it is close enough to be a plausible typo: at most 1 edit for names up to
/// 5 characters, 2 up to 8, 3 beyond. Ties go to the earlier candidate.
public func nearestName(to name: String, in candidates: [String]) -> String? {
    let query = Array(name.lowercased())
    let threshold = query.count <= 5 ? 1 : query.count <= 8 ? 2 : 3
    var best: (name: String, distance: Int)?
    for candidate in candidates {
        let distance = editDistance(query, Array(candidate.lowercased()))
        if distance <= threshold, distance < (best?.distance ?? .max) { best = (candidate, distance) }
    }
    return best?.name
}

/// Optimal-string-alignment distance between two character arrays.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], previous2[j - 2] + 1)
            }
        }
        (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
}
