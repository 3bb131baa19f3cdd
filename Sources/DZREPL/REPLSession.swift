/// The read-evaluate-print loop, free of any terminal: input comes through a `LineEditor`,
/// output goes through a `REPLWriter`, and the language plugs in through three closures.
///
/// Lines accumulate into one entry while `needsContinuation(entry)` is true (prompt `...> `).
/// A line starting with `:` on a fresh prompt is a `REPLCommand`; `:quit` ends the session, and
/// the others go to `handleCommand`. Each complete, non-blank entry goes to the history as one
/// entry before it is evaluated. `.interrupted` drops a partial entry, and so does `.eof` in an
/// interactive session while an entry is open (Ctrl-D on a `...> ` line). An error never ends an
/// interactive session; a non-interactive one (a script on stdin) stops at the first error.
public struct REPLSession {
    /// How `run` ended.
    public enum Ending: Equatable, Sendable {
        /// End of input (Ctrl-D, end of file).
        case endOfInput
        /// `:quit`, or an outcome with `quits`.
        case quit
        /// A non-interactive session stopped at its first error.
        case error
    }

    public var prompt = "dz> "
    public var continuationPrompt = "...> "
    /// Interactive sessions print a newline after Ctrl-D and keep going after errors.
    public var interactive: Bool
    /// Whether an error ends the session (default: when not interactive).
    public var stopsOnError: Bool
    /// True while `entry` is incomplete: open brackets, string or `{` block.
    public var needsContinuation: (String) -> Bool
    /// Runs one complete entry.
    public var evaluate: (String) -> REPLOutcome
    /// Runs a parsed command other than `:quit`.
    public var handleCommand: (REPLCommand) -> REPLOutcome
    public var writer: REPLWriter

    public init(interactive: Bool,
                needsContinuation: @escaping (String) -> Bool,
                evaluate: @escaping (String) -> REPLOutcome,
                handleCommand: @escaping (REPLCommand) -> REPLOutcome = { command in
                    .error("\(command.name) is not available")
                },
                writer: REPLWriter = .standard) {
        self.interactive = interactive
        self.stopsOnError = !interactive
        self.needsContinuation = needsContinuation
        self.evaluate = evaluate
        self.handleCommand = handleCommand
        self.writer = writer
    }

    /// Reads, evaluates and prints until end of input, `:quit`, or (when `stopsOnError`) an error.
    public func run(editor: inout some LineEditor) -> Ending {
        var pending: [String] = []
        while true {
            switch editor.readLine(prompt: pending.isEmpty ? prompt : continuationPrompt) {
            case .interrupted:
                pending.removeAll()
            case .eof:
                if interactive && !pending.isEmpty {
                    // Ctrl-D on an empty continuation line cancels the open entry, as Ctrl-C
                    // does; only Ctrl-D at the primary prompt leaves. (A terminal that went
                    // away keeps reading EOF, so the next read ends the session.)
                    pending.removeAll()
                    writer.output("\n")
                    continue
                }
                if interactive {
                    writer.output("\n")
                } else if !pending.isEmpty {
                    // An unfinished entry at the end of a script: let the language report it.
                    if report(run(entry: pending.joined(separator: "\n"), editor: &editor)) { return .error }
                }
                return .endOfInput
            case .line(let line):
                if pending.isEmpty {
                    if isBlank(line) { continue }
                    if REPLCommand.isCommand(line) {
                        editor.addHistory(line)
                        let outcome = runCommand(line)
                        if outcome.quits { print(outcome); return .quit }
                        if report(outcome) { return .error }
                        continue
                    }
                }
                pending.append(line)
                let entry = pending.joined(separator: "\n")
                if needsContinuation(entry) { continue }
                pending.removeAll()
                let outcome = run(entry: entry, editor: &editor)
                if outcome.quits { print(outcome); return .quit }
                if report(outcome) { return .error }
            }
        }
    }

    private func run(entry: String, editor: inout some LineEditor) -> REPLOutcome {
        editor.addHistory(entry)
        Interrupt.clear()
        return evaluate(entry)
    }

    private func runCommand(_ line: String) -> REPLOutcome {
        switch REPLCommand.parse(line) {
        case .success(.quit):
            return .quit
        case .success(let command):
            Interrupt.clear()
            return handleCommand(command)
        case .failure(let error):
            return .error(error.message)
        }
    }

    /// Prints the outcome; returns true when the session must stop because of an error.
    private func report(_ outcome: REPLOutcome) -> Bool {
        print(outcome)
        return outcome.failed && stopsOnError
    }

    private func print(_ outcome: REPLOutcome) {
        if !outcome.output.isEmpty { writer.output(terminated(outcome.output)) }
        if !outcome.error.isEmpty { writer.error(terminated(outcome.error)) }
    }

    private func terminated(_ text: String) -> String { text.hasSuffix("\n") ? text : text + "\n" }

    private func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }
}
