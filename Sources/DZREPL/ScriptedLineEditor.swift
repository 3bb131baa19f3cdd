/// A line editor that replays a fixed script of results and records what the loop did with it.
/// Runs out as `.eof`. For tests of `REPLSession` and of the interpreter facade.
public struct ScriptedLineEditor: LineEditor {
    /// What is still to be returned, first to last.
    public var script: [LineResult]
    /// Every prompt the loop asked with, in order.
    public private(set) var prompts: [String] = []
    /// Every entry the loop added to the history, in order.
    public private(set) var history: [String] = []

    public init(_ script: [LineResult]) { self.script = script }

    /// A script of plain lines, ending in `.eof`.
    public init(lines: [String]) { self.script = lines.map { .line($0) } }

    public mutating func readLine(prompt: String) -> LineResult {
        prompts.append(prompt)
        return script.isEmpty ? .eof : script.removeFirst()
    }

    public mutating func addHistory(_ entry: String) { history.append(entry) }
}
