/// The longest name for which a suggestion is looked for; a longer one is no typo of a
/// known name, and measuring it would only cost time.
let maxSuggestedNameLength = 64

/// The candidate closest to `name` by Damerau-Levenshtein distance (optimal string
/// alignment, case-insensitive), if it is close enough to be a plausible typo: none for names
/// of 1 or 2 characters (other than case), at most 1 edit
/// for names up to 5 characters, 2 up to 8, 3 beyond. Ties go to the candidate of the
/// nearest length, then the alphabetically first, so suggestions never depend on the order
/// of a dictionary.
///
/// The search is linear in the candidates' total length: a candidate whose length differs
/// from the name's by more than the allowed distance is skipped unmeasured, the distance is
/// computed in a band of that width only, and names longer than ``maxSuggestedNameLength``
/// get no suggestion.
public func nearestName(to name: String, in candidates: [String]) -> String? {
    guard name.utf8.count <= 4 * maxSuggestedNameLength else { return nil }
    let count = name.count
    guard count <= maxSuggestedNameLength else { return nil }
    let threshold = count <= 2 ? 0 : count <= 5 ? 1 : count <= 8 ? 2 : 3
    let lowered = Array(name.lowercased())
    var best: (name: String, key: (Int, Int, String))? = nil
    for c in Set(candidates) where c != name {
        let length = c.count
        guard Swift.abs(length - count) <= threshold,
              let d = editDistance(lowered, Array(c.lowercased()), limit: threshold) else { continue }
        let key = (d, Swift.abs(length - count), c)
        if best == nil || key < best!.key { best = (c, key) }
    }
    return best?.name
}

/// The optimal-string-alignment distance between two strings.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    return editDistance(a, b, limit: Swift.max(a.count, b.count))!
}

/// The optimal-string-alignment distance between `a` and `b` if it is at most `limit`, else
/// nil; only the cells within `limit` of the diagonal are computed.
func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int? {
    if Swift.abs(a.count - b.count) > limit { return nil }
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    let far = limit + 1
    // Three rows: i - 2, i - 1 and i; cells outside the band stay `far`.
    var before = [Int](repeating: far, count: b.count + 1)
    var previous = [Int](repeating: far, count: b.count + 1)
    var row = [Int](repeating: far, count: b.count + 1)
    for j in 0...Swift.min(b.count, limit) { previous[j] = j }
    for i in 1...a.count {
        for j in 0...b.count { row[j] = far }
        if i <= limit { row[0] = i }
        var rowMin = row[0]
        let lo = Swift.max(1, i - limit), hi = Swift.min(b.count, i + limit)
        if lo <= hi {
            for j in lo...hi {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = Swift.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = Swift.min(d, before[j - 2] + 1)
                }
                row[j] = Swift.min(d, far)
                rowMin = Swift.min(rowMin, row[j])
            }
        }
        if rowMin > limit { return nil }
        (before, previous, row) = (previous, row, before)
    }
    let d = previous[b.count]
    return d <= limit ? d : nil
}
