import Testing
@testable import DZLanguage

/// The suggestion search: the banded, length-bounded distance agrees with the full one, and
/// long names are answered at once.
@Suite struct NearestNameTests {
    /// The full optimal-string-alignment table, as the oracle.
    func fullDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    @Test func bandedDistanceAgreesWithTheFullTable() {
        var rng = SystemRandomNumberGenerator()
        let letters: [Character] = ["a", "b", "c"]
        for _ in 0..<3000 {
            let a = (0..<Int.random(in: 0...7, using: &rng)).map { _ in letters.randomElement(using: &rng)! }
            let b = (0..<Int.random(in: 0...7, using: &rng)).map { _ in letters.randomElement(using: &rng)! }
            let full = fullDistance(a, b)
            for limit in 0...4 {
                let banded = editDistance(a, b, limit: limit)
                #expect(banded == (full <= limit ? full : nil), "\(String(a)) / \(String(b)) limit \(limit): \(String(describing: banded)) vs \(full)")
            }
        }
    }

    @Test func suggestionsAreUnchangedAndLongNamesGetNone() {
        #expect(nearestName(to: "lenght", in: ["length", "len", "print"]) == "length")
        #expect(nearestName(to: "sofmax", in: ["softmax", "softplus"]) == "softmax")
        #expect(nearestName(to: "xx", in: ["x", "xy"]) == nil)
        let long = String(repeating: "a", count: 65)
        #expect(nearestName(to: long, in: [String(repeating: "a", count: 64)]) == nil)
        #expect(nearestName(to: String(repeating: "a", count: 64), in: [String(repeating: "a", count: 63)]) == String(repeating: "a", count: 63))
        #expect(nearestName(to: String(repeating: "a", count: 1 << 20), in: ["a", "aa"]) == nil)
    }

    @Test func displayWidthTable() {
        #expect(displayWidth(of: "a") == 1)
        #expect(displayWidth(of: "日本") == 4)
        #expect(displayWidth(of: "ｘ") == 2)          // fullwidth
        #expect(displayWidth(of: "한") == 2)          // Hangul syllable
        #expect(displayWidth(of: "😀") == 2)
        #expect(displayWidth(of: "e\u{301}") == 1)    // combining acute
        #expect(displayWidth(of: "\u{200D}") == 0)    // zero-width joiner
        #expect(displayWidth(of: "é") == 1)
        #expect(displayWidth(of: "\u{FFFD}") == 1)
        #expect(displayWidth(of: "→") == 1)
    }

    @Test func namesAreShortenedToFortyCharacters() {
        #expect(shortenedName("abc") == "abc")
        #expect(shortenedName(String(repeating: "x", count: 40)) == String(repeating: "x", count: 40))
        #expect(shortenedName(String(repeating: "x", count: 41)) == String(repeating: "x", count: 40) + "…")
        #expect(shortenedName("日本語", limit: 2) == "日本…")
    }
}
