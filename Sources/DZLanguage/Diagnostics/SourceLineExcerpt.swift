/// A source line as a diagnostic shows it, with the caret line under it, both in terminal
/// cells: control characters become their control pictures (`␀`), tabs are expanded to the
/// next multiple of ``tabWidth`` cells, wide characters take two cells and combining marks
/// none (``displayWidth(of:)``), so the caret stands under its character whatever the line
/// holds. A line wider than the limit is cut to a window around the caret, with `...` on each
/// side that was cut; the underline is cut to the window too.
struct SourceLineExcerpt {
    /// Cells per tab stop, as a terminal's default.
    static let tabWidth = 8

    /// The line as shown.
    let line: String
    /// Spaces up to the caret's cell.
    let caretPadding: String
    /// `^` then one `~` for each further cell of the range on the line.
    let marker: String

    /// - Parameters:
    ///   - text: the line, without its terminator.
    ///   - start: the byte offset in the line (UTF-8) where the caret goes; at or after the
    ///     end, the caret stands just past the last character.
    ///   - end: the byte offset where the underlined range ends on this line.
    ///   - maxWidth: the widest line shown whole, in cells.
    init(_ text: String, start: Int, end: Int, maxWidth: Int) {
        // Each scalar as the glyph drawn and the cell where it starts.
        var glyphs: [(text: String, cell: Int, width: Int)] = []
        var cell = 0, offset = 0
        var startCell: Int? = nil, endCell: Int? = nil
        for scalar in text.unicodeScalars {
            if startCell == nil && offset >= start { startCell = cell }
            if endCell == nil && offset >= end { endCell = cell }
            let glyph: String, width: Int
            if scalar == "\t" {
                width = Self.tabWidth - cell % Self.tabWidth
                glyph = String(repeating: " ", count: width)
            } else if scalar.value < 0x20 {
                glyph = String(Unicode.Scalar(0x2400 + scalar.value)!); width = 1
            } else if scalar.value == 0x7F {
                glyph = "\u{2421}"; width = 1
            } else {
                glyph = String(scalar); width = displayWidth(of: scalar)
            }
            glyphs.append((glyph, cell, width))
            cell += width
            offset += scalar.utf8.count
        }
        let total = cell
        let caret = startCell ?? total
        let rangeEnd = max(endCell ?? total, caret)

        // The window of cells shown: all of it, or `budget` cells around the caret.
        var lo = 0, hi = total
        let ellipsis = "..."
        if total > maxWidth {
            let budget = max(maxWidth - 2 * ellipsis.count, 8)
            lo = max(0, min(caret - budget / 2, total - budget))
            hi = lo + budget
        }
        // Whole characters only: a wide character cut by an edge is left out.
        let shown = glyphs.filter { $0.cell >= lo && $0.cell + $0.width <= hi }
        let first = shown.first?.cell ?? lo
        let last = shown.last.map { $0.cell + $0.width } ?? lo
        let cutBefore = first > 0, cutAfter = last < total
        line = (cutBefore ? ellipsis : "") + shown.map(\.text).joined() + (cutAfter ? ellipsis : "")
        let lead = cutBefore ? ellipsis.count : 0
        caretPadding = String(repeating: " ", count: lead + max(caret - first, 0))
        let underline = max(min(rangeEnd, cutAfter ? last : rangeEnd) - caret, 1)
        marker = "^" + String(repeating: "~", count: underline - 1)
    }
}
