import DZLanguage

extension InterpreterREPL {
    /// Makes `:commands` at the start of a line work in every program this interpreter runs
    /// (a script, `-e`, stdin, a file given to `:load`), with the REPL's own implementation:
    /// the same output, and errors as positioned diagnostics (so a script exits with 1).
    public func handleCommandsInPrograms() {
        interpreter.commandHandler = { [weak self] command in
            guard let self else { return .proceed }
            return try self.run(command)
        }
    }

    /// Runs one command line of a program; throws its error pointing into the program.
    func run(_ command: ScriptCommand) throws -> ScriptCommand.Continuation {
        let line = Array(command.line.utf8)
        let isBlank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let nameEnd = line.firstIndex(where: isBlank) ?? line.count
        var argumentStart = nameEnd
        while argumentStart < line.count, isBlank(line[argumentStart]) { argumentStart += 1 }
        var argumentEnd = line.count
        while argumentEnd > argumentStart, isBlank(line[argumentEnd - 1]) { argumentEnd -= 1 }
        let base = command.range.start.offset
        let nameRange = SourceRange(base, base + nameEnd)
        let argumentRange = argumentStart < argumentEnd ? SourceRange(base + argumentStart, base + argumentEnd)
                                                        : .empty(at: base + line.count)

        func problem(_ text: String, at range: SourceRange) -> EvaluationFailure {
            EvaluationFailure(Diagnostic(severity: .error, id: "repl.command", message: text, range: range), in: command.source)
        }
        let parsed: REPLCommand
        switch REPLCommand.parse(command.line) {
        case .success(let c): parsed = c
        case .failure(let error):
            switch error {
            case .unknown, .notACommand: throw problem(error.message, at: nameRange)
            case .missingArgument, .unexpectedArgument: throw problem(error.message, at: argumentRange)
            }
        }
        if parsed == .quit { return .quit }
        switch perform(parsed, at: CommandSite(file: command.source, argumentRange: argumentRange)) {
        case .success(.text(let text)):
            if !text.isEmpty { interpreter.output(text.hasSuffix("\n") ? text : text + "\n") }
            // `exit()` in a file given to :load ends the program that loaded it too.
            return interpreter.exitRequest == nil ? .proceed : .quit
        case .success(.clear):
            // In a script `:clear` clears a terminal's screen only; Jupyter clears the cell.
            if interpreter.richOutput?(.clear) != true, interpreter.isTerminal {
                interpreter.output("\u{1B}[H\u{1B}[2J")
            }
            return .proceed
        case .success(let shown):
            interpreter.show(shown)
            return interpreter.exitRequest == nil ? .proceed : .quit
        case .failure(.message(let text)):
            throw problem(text, at: argumentRange)
        case .failure(.failure(let f)):
            throw f
        }
    }
}
