/// Turns a ``Diagnostic`` into the text users see:
///
/// ```
/// script.dz:1:9: error: expected an expression after '+'
/// x = (1 +
///         ^
/// ```
///
/// The first line is `FILE:LINE:COL: SEVERITY: MESSAGE`; then the source line; then a
/// caret under the column, with `~` under the rest of the range on that line. Columns in
/// the header count Unicode scalars from 1; the caret is placed in terminal cells (tabs
/// expanded, wide characters two cells, combining marks none; see ``SourceLineExcerpt``),
/// and a line wider than ``maxLineWidth`` is shown as a window around the caret.
/// Control characters in the shown line are drawn as their Unicode control pictures
/// (`␀`). ANSI colors are added only when ``useColor`` is true: the caller decides, see
/// ``shouldUseColor(isTerminal:environment:noColorFlag:)``.
public struct DiagnosticRenderer: Sendable {
    /// Whether to add ANSI escapes (bold location, bold red `error:`, green caret).
    public var useColor: Bool
    /// The widest source line shown whole, in terminal cells; a wider one is shown as a
    /// window around the caret with `...` where it was cut.
    public var maxLineWidth: Int

    public init(useColor: Bool = false, maxLineWidth: Int = 100) {
        self.useColor = useColor
        self.maxLineWidth = maxLineWidth
    }

    /// Colors only on a terminal, never when `NO_COLOR` is set (non-empty) or with `--no-color`.
    public static func shouldUseColor(isTerminal: Bool, environment: [String: String],
                                      noColorFlag: Bool) -> Bool {
        if noColorFlag || !isTerminal { return false }
        if let value = environment["NO_COLOR"], !value.isEmpty { return false }
        return true
    }

    /// The rendered diagnostic: three lines, without a trailing newline.
    public func render(_ diagnostic: Diagnostic, in source: SourceFile) -> String {
        let (line, column) = source.lineAndColumn(of: diagnostic.range.start)
        let header = style("\(source.name):\(line):\(column):", .bold) + " "
            + style("\(diagnostic.severity.rawValue):", severityStyle(diagnostic.severity)) + " "
            + style(diagnostic.message, .bold)

        let lineBytes = source.byteRange(ofLine: line)
        let start = min(max(diagnostic.range.start.offset, lineBytes.lowerBound), lineBytes.upperBound)
        let end = min(max(diagnostic.range.end.offset, start), lineBytes.upperBound)
        let excerpt = SourceLineExcerpt(source.text(ofLine: line), start: start - lineBytes.lowerBound,
                                        end: end - lineBytes.lowerBound, maxWidth: maxLineWidth)
        return header + "\n" + excerpt.line + "\n" + excerpt.caretPadding + style(excerpt.marker, .caret)
            + renderCallChain(diagnostic.callChain)
    }

    /// The most calls a chain shows: the outermost and innermost halves, `... N more` between.
    public static let maxCallChain = 20

    /// A call's source line without its indentation, cut to a window around the call.
    private func shownLine(_ e: CallChainEntry) -> String {
        let text = SourceLineExcerpt(e.line, start: e.offsetInLine, end: e.offsetInLine, maxWidth: maxLineWidth).line
        return String(text.drop(while: { $0 == " " }))
    }

    /// `call chain (most recent call last):` and one line per call, after the caret.
    func renderCallChain(_ chain: [CallChainEntry]) -> String {
        guard chain.count > 1 else { return "" }
        var shown = chain.map { "  " + style("\($0.location):", .bold) + " \($0.context): " + shownLine($0) }
        if shown.count > Self.maxCallChain {
            let half = Self.maxCallChain / 2
            let hidden = shown.count - 2 * half
            shown = Array(shown.prefix(half)) + ["  ... \(hidden) more call\(hidden == 1 ? "" : "s")"] + Array(shown.suffix(half))
        }
        return "\ncall chain (most recent call last):\n" + shown.joined(separator: "\n")
    }

    /// Renders several diagnostics, one after another, separated by newlines.
    public func render(_ diagnostics: [Diagnostic], in source: SourceFile) -> String {
        diagnostics.map { render($0, in: source) }.joined(separator: "\n")
    }

    // MARK: - Helpers

    private enum Style { case bold, error, warning, note, caret }

    private func severityStyle(_ severity: Severity) -> Style {
        switch severity {
        case .error: .error
        case .warning: .warning
        case .note: .note
        }
    }

    private func style(_ text: String, _ style: Style) -> String {
        guard useColor else { return text }
        let code = switch style {
        case .bold: "1"
        case .error: "1;31"
        case .warning: "1;35"
        case .note: "1;36"
        case .caret: "1;32"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
