/// Supplies Tab completions to `EditLineEditor`.
public protocol CompletionProvider {
    /// Candidates for the text around `cursor` in `line`.
    ///
    /// `cursor` and the returned `replaceFrom` are **UTF-8 byte offsets** into `line` (what
    /// libedit reports). The text `line[replaceFrom..<cursor]` is replaced by the chosen candidate;
    /// each candidate is the whole replacement (e.g. `examples/mlp.dz`, not just `mlp.dz`).
    func completions(for line: String, cursor: Int) -> (replaceFrom: Int, candidates: [String])
}

/// What a Tab press does to the line, decided from the provider's answer. Pure, so it is tested
/// without a terminal: one candidate replaces the word; several insert their longest common
/// prefix and are listed below the line; none beeps.
struct TabCompletionPlan: Equatable {
    /// Unicode scalars to delete before the cursor (libedit counts wide characters).
    var deleteCount = 0
    /// Text to insert at the cursor.
    var insert = ""
    /// Candidates to list below the line (empty: nothing to list).
    var listing: [String] = []
    /// Whether to ring the bell (no candidates).
    var beep = false

    init(deleteCount: Int = 0, insert: String = "", listing: [String] = [], beep: Bool = false) {
        self.deleteCount = deleteCount
        self.insert = insert
        self.listing = listing
        self.beep = beep
    }

    init(line: String, cursor: Int, replaceFrom: Int, candidates: [String]) {
        let bytes = Array(line.utf8)
        let end = min(max(cursor, 0), bytes.count)
        let start = min(max(replaceFrom, 0), end)
        let typed = Array(String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars)
        let unique = candidates.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard let first = unique.first else {
            self.init(beep: true)
            return
        }
        let target = unique.count == 1 ? Array(first.unicodeScalars) : Self.commonPrefix(unique)
        if target.starts(with: typed) {
            self.init(insert: String(String.UnicodeScalarView(target.dropFirst(typed.count))))
        } else if unique.count == 1 {
            self.init(deleteCount: typed.count, insert: first)
        } else {
            self.init()
        }
        if unique.count > 1 { listing = unique.map(Self.displayName) }
    }

    private static func commonPrefix(_ words: [String]) -> [Unicode.Scalar] {
        var prefix = Array(words[0].unicodeScalars)
        for word in words.dropFirst() {
            let scalars = Array(word.unicodeScalars)
            var n = 0
            while n < prefix.count, n < scalars.count, prefix[n] == scalars[n] { n += 1 }
            prefix.removeLast(prefix.count - n)
        }
        return prefix
    }

    /// A path lists as its last component (`data/a.npy` as `a.npy`, `data/sub/` as `sub/`).
    static func displayName(_ candidate: String) -> String {
        let trimmed = candidate.hasSuffix("/") ? String(candidate.dropLast()) : candidate
        guard let slash = trimmed.lastIndex(of: "/") else { return candidate }
        return String(candidate[candidate.index(after: slash)...])
    }

    /// `items` in columns, ordered down then across like `ls`, each line ending in a newline.
    static func columns(_ items: [String], width: Int) -> String {
        guard !items.isEmpty else { return "" }
        let columnWidth = (items.map(\.count).max() ?? 0) + 2
        let perRow = max(1, width / columnWidth)
        let rows = (items.count + perRow - 1) / perRow
        var text = ""
        for row in 0..<rows {
            var line = ""
            for column in 0..<perRow {
                let index = column * rows + row
                guard index < items.count else { break }
                let item = items[index]
                line += item + String(repeating: " ", count: columnWidth - item.count)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            text += line + "\n"
        }
        return text
    }
}
