import DZAutodiff

/// Output that a front end able to show more than text (the Jupyter kernel) may show in its
/// own way: a picture of a graph or chart, an HTML table, a progress display updated in
/// place. Each carries the text a terminal shows, which is what is printed when no
/// ``Interpreter/richOutput`` sink takes it.
public enum RichOutput {
    /// The value of a top-level expression statement (the echo); `text` ends in a newline.
    case result(Value, text: String)
    /// A computation graph drawn for a person: `show_graph(y)`, `graph(y, "-")`, `:graph`.
    case graph(Variable, text: String)
    /// A line chart: `plot(...)` without a file (`svg` is what `file="x.svg"` would write).
    case chart(svg: String, text: String)
    /// A table (`:vars`) as HTML and as the terminal's text.
    case table(html: String, text: String)
    /// The state of a `progress` loop: `id` is the same for every report of one loop, and
    /// `finished` is true for its last; `text` is the plain line (without a newline).
    case progress(id: Int, text: String, done: Int, total: Int?, finished: Bool)
    /// `:clear`: the screen (in Jupyter, the cell's output) is cleared.
    case clear
    /// Plain text (a REPL command's output); printed as it is.
    case text(String)

    /// What a terminal (or a file) shows for it.
    public var text: String {
        switch self {
        case .result(_, let text), .graph(_, let text), .chart(_, let text), .table(_, let text): text
        case .progress(_, let text, _, _, _): text + "\n"
        case .clear: ""
        case .text(let text): text
        }
    }
}

extension Interpreter {
    /// Shows `item` through ``richOutput`` when a sink is set and takes it, else prints its text.
    public func show(_ item: RichOutput) {
        if let richOutput, richOutput(item) { return }
        let text = item.text
        if !text.isEmpty { output(text) }
    }

    /// Whether a rich-output sink is set (progress loops then report through it).
    var showsRichOutput: Bool { richOutput != nil }

    /// The syntax error in `text`, or nil when it parses (for Jupyter's `is_complete`: an
    /// incomplete entry is checked with ``needsContinuation(_:)`` first).
    public static func syntaxError(in text: String) -> Diagnostic? {
        LargeStack.run {
            do throws(Diagnostic) {
                _ = try Parser.parseProgram(SourceFile(name: "<cell>", text: text))
                return nil
            } catch {
                return error
            }
        }
    }
}

extension String {
    /// With `&`, `<`, `>` and `"` as entities, for SVG and HTML text (charts, `:vars`).
    public var htmlEscaped: String {
        var out = ""
        for c in self {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
