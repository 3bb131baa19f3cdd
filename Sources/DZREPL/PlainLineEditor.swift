/// Reads lines from stdin with no prompt, no escapes and no history: for pipes, files and
/// any case where stdin or stdout is not a terminal.
public struct PlainLineEditor: LineEditor {
    public init() {}

    public mutating func readLine(prompt: String) -> LineResult {
        guard let line = Swift.readLine(strippingNewline: true) else { return .eof }
        return .line(line)
    }

    public mutating func addHistory(_ entry: String) {}
}
