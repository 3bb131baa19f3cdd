/// A REPL command met in a program (a `:` line at top level of a script, `-e` or stdin).
///
/// DZLanguage only recognizes the line (see ``Lexer``); what the command does lives in the
/// REPL module, which the interpreter reaches through ``Interpreter/commandHandler``, so the
/// REPL and scripts share one implementation of every command.
public struct ScriptCommand: Sendable {
    /// The whole line from the `:` (e.g. `:time x @ W`).
    public let line: String
    /// Where the line is in ``source``.
    public let range: SourceRange
    /// The file being run.
    public let source: SourceFile

    public init(line: String, range: SourceRange, source: SourceFile) {
        self.line = line
        self.range = range
        self.source = source
    }

    /// What a command asks of the program after it ran.
    public enum Continuation: Sendable {
        /// Run the next statement.
        case proceed
        /// Stop the program as if it had ended (`:quit`).
        case quit
    }
}

/// Thrown by `:quit`, `exit()` and `quit()` in a program: caught where the program runs,
/// which then completes.
struct QuitRequest: Error {
    /// The status `exit(status)` asked for; nil for `:quit`, which ends only the program
    /// it is in (a `:load`ed file).
    var exitStatus: Int32?
}

extension RuntimeMessage {
    static func commandUnavailable(_ line: String) -> Self {
        let name = line.prefix(while: { $0 != " " && $0 != "\t" })
        return .init(id: "command-unavailable", "'\(name)' is a REPL command, and this session has no command handler")
    }
}

extension EvaluationFailure {
    /// A failure at `diagnostic`'s range in `source`.
    public init(_ diagnostic: Diagnostic, in source: SourceFile) {
        self.init(diagnostic: diagnostic, source: source)
    }
}
