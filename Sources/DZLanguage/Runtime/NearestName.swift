/// The candidate closest to `name` by Damerau-Levenshtein distance (optimal string
/// alignment, case-insensitive), if it is close enough to be a plausible typo: none for names
/// of 1 or 2 characters (other than case), at most 1 edit
/// for names up to 5 characters, 2 up to 8, 3 beyond. Ties go to the candidate of the
/// nearest length, then the alphabetically first, so suggestions never depend on the order
/// of a dictionary.
public func nearestName(to name: String, in candidates: [String]) -> String? {
    let threshold = name.count <= 2 ? 0 : name.count <= 5 ? 1 : name.count <= 8 ? 2 : 3
    var best: (name: String, key: (Int, Int, String))? = nil
    for c in Set(candidates) where c != name {
        let d = editDistance(name, c)
        guard d <= threshold else { continue }
        let key = (d, Swift.abs(c.count - name.count), c)
        if best == nil || key < best!.key { best = (c, key) }
    }
    return best?.name
}

/// The optimal-string-alignment distance between two strings.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = Swift.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                d[i][j] = Swift.min(d[i][j], d[i - 2][j - 2] + 1)
            }
        }
    }
    return d[a.count][b.count]
}
