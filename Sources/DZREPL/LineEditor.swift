/// What one read from a line editor produced.
public enum LineResult: Equatable, Sendable {
    /// A line of input, without its trailing newline.
    case line(String)
    /// The user pressed Ctrl-C while editing: drop whatever entry is pending.
    case interrupted
    /// End of input: Ctrl-D on an empty line, end of a file or pipe, or the terminal went away.
    case eof
}

/// A source of input lines for `REPLSession`: libedit on a terminal, plain stdin otherwise,
/// or a script in tests.
public protocol LineEditor {
    /// Shows `prompt` (if the editor shows prompts) and reads one line.
    mutating func readLine(prompt: String) -> LineResult
    /// Records one complete entry (possibly several lines joined by `\n`) in the history.
    mutating func addHistory(_ entry: String)
}

/// Whether the REPL should use the interactive line editor: both stdin and stdout are terminals.
public func isInteractiveTerminal() -> Bool {
    isatty(0) == 1 && isatty(1) == 1
}

/// The editor for this process: `EditLineEditor` (with history at `HistoryFile.defaultPath()`)
/// when `isInteractiveTerminal()`, else `PlainLineEditor`.
public func makeLineEditor(completion: (any CompletionProvider)? = nil) -> any LineEditor {
    if isInteractiveTerminal() {
        return EditLineEditor(historyPath: HistoryFile.defaultPath(), completion: completion)
    }
    return PlainLineEditor()
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
