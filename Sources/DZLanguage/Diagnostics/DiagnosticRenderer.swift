/// Turns a ``Diagnostic`` into the text users see:
///
/// ```
/// script.dz:1:9: error: expected an expression after '+'
/// x = (1 +
///         ^
/// ```
///
/// The first line is `FILE:LINE:COL: SEVERITY: MESSAGE`; then the source line; then a
/// caret under the column, with `~` under the rest of the range on that line. Columns
/// count Unicode scalars from 1; tabs before the caret are copied so it stays aligned.
/// Control characters in the shown line are drawn as their Unicode control pictures
/// (`␀`). ANSI colors are added only when ``useColor`` is true: the caller decides, see
/// ``shouldUseColor(isTerminal:environment:noColorFlag:)``.
public struct DiagnosticRenderer: Sendable {
    /// Whether to add ANSI escapes (bold location, bold red `error:`, green caret).
    public var useColor: Bool

    public init(useColor: Bool = false) { self.useColor = useColor }

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
        let shown = displayLine(source.text(ofLine: line))

        // Caret: copy tabs from the line prefix, spaces for everything else.
        let prefixScalars = source.text(of: SourceRange(lineBytes.lowerBound, min(diagnostic.range.start.offset,
                                                                                    lineBytes.upperBound)))
            .unicodeScalars
        var pad = ""
        for scalar in prefixScalars { pad.append(scalar == "\t" ? "\t" : " ") }
        // Pad for a caret placed past the end of the line (an empty range at the end).
        let caretEnd = min(max(diagnostic.range.end.offset, diagnostic.range.start.offset), lineBytes.upperBound)
        let rangeScalars = diagnostic.range.start.offset < caretEnd
            ? source.scalarCount(diagnostic.range.start.offset..<caretEnd) : 0
        let marker = "^" + String(repeating: "~", count: max(rangeScalars - 1, 0))
        return header + "\n" + shown + "\n" + pad + style(marker, .caret)
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

    /// The line with C0 controls (except tab) and DEL replaced by control pictures, one
    /// scalar for one, so columns are unchanged.
    private func displayLine(_ line: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            if scalar.value < 0x20 && scalar != "\t" {
                out.append(Unicode.Scalar(0x2400 + scalar.value)!)
            } else if scalar.value == 0x7F {
                out.append(Unicode.Scalar(0x2421)!)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
