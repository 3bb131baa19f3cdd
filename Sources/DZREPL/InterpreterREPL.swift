import DZLanguage
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The REPL of dz: a ``REPLSession`` whose entries run in one ``Interpreter`` session, so
/// variables persist between lines, and whose commands (`:vars`, `:help`, ...) look into it.
public final class InterpreterREPL {
    public let interpreter: Interpreter
    let renderer: DiagnosticRenderer
    /// How many `:load`s are running inside each other; a file that loads itself stops at
    /// ``maxLoadDepth`` with an error instead of exhausting the stack.
    private var loadDepth = 0
    static let maxLoadDepth = 64

    /// Also installs the commands in `interpreter`'s programs (``handleCommandsInPrograms()``),
    /// so a file given to `:load` may use them too.
    public init(interpreter: Interpreter, renderer: DiagnosticRenderer) {
        self.interpreter = interpreter
        self.renderer = renderer
        handleCommandsInPrograms()
    }

    /// Tab completion over the session's names, builtins, keywords and attributes: after a
    /// bound name (`x.`, `model.l0.`) that value's own attributes, else every type's.
    public var completion: WordCompletion {
        let interpreter = self.interpreter
        return WordCompletion(keywords: Interpreter.keywords,
                              builtins: { Builtins.all.map(\.name) + ["pi", "e", "inf", "nan"] },
                              userNames: { Array(interpreter.globals.keys) },
                              attributes: { Interpreter.tensorAttributes + Interpreter.tensorMethods + interpreter.objectAttributeNames },
                              attributesOf: { interpreter.attributeNames(ofPath: $0) })
    }

    /// Runs the loop on `editor` until end of input, `:quit` or `exit()`; returns the exit
    /// code (`exit(status)`'s status). Echo binds `_` to the last value shown, as IPython's.
    public func run(editor: inout some LineEditor, interactive: Bool) -> Int32 {
        interpreter.isInterruptRequested = Interrupt.poll
        interpreter.bindsLastValue = true
        defer { interpreter.bindsLastValue = false }
        let session = REPLSession(interactive: interactive,
                                  needsContinuation: { needsContinuation($0) },
                                  evaluate: { [unowned self] in self.evaluate($0) },
                                  handleCommand: { [unowned self] in self.handle($0) })
        switch session.run(editor: &editor) {
        case .error: return 1
        case .endOfInput, .quit: return interpreter.exitRequest ?? 0
        }
    }

    /// Runs one entry; output has already been printed as it was produced. `exp?` and
    /// `?exp` show help instead (IPython's habit); `exit()` ends the session.
    public func evaluate(_ entry: String) -> REPLOutcome {
        if let topic = Self.helpQuery(entry) { return outcome(of: help(topic)) }
        fflush(stdout)
        defer { fflush(stdout) }
        switch interpreter.run(SourceFile(name: "<repl>", text: entry)) {
        case .completed: return interpreter.exitRequest == nil ? .nothing : .quit
        case .failed(let d, let file): return .error(renderer.render(d, in: file) + "\n")
        case .interrupted: return .error("interrupted\n")
        }
    }

    /// Runs a command typed at the prompt (`:quit` included).
    public func handle(_ command: REPLCommand) -> REPLOutcome {
        let result = perform(command, at: .prompt)
        if case .success(.clear) = result {
            // A terminal's screen is cleared (cursor home, erase); a pipe gets nothing.
            if isatty(STDOUT_FILENO) == 1 { StandardStreams.write("\u{1B}[H\u{1B}[2J", toError: false) }
            return .nothing
        }
        let shown = result.map(\.text)
        // `exit()` in a file given to :load (or timed by :time) leaves the REPL too.
        if interpreter.exitRequest != nil, case .success(let text) = shown { return REPLOutcome(output: text, quits: true) }
        return outcome(of: shown, quitting: command == .quit)
    }

    /// What the prompt shows for a command's result.
    func outcome(of result: Result<String, CommandProblem>, quitting: Bool = false) -> REPLOutcome {
        switch result {
        case .success(let text): return quitting ? .quit : .output(text)
        case .failure(.message(let text)): return .error(text + "\n")
        case .failure(.failure(let f)):
            if f.diagnostic.id == "runtime.interrupted" { return .error("interrupted\n") }
            return .error(renderer.render(f.diagnostic, in: f.source) + "\n")
        }
    }

    /// Runs `command` and returns what it shows (its text, or a table, graph or clearing that
    /// a rich front end shows as such); shared by the prompt and by scripts, so a command
    /// prints the same in both. Errors in the argument point into `site`.
    func perform(_ command: REPLCommand, at site: CommandSite) -> Result<RichOutput, CommandProblem> {
        switch command {
        case .help(let topic): return help(topic).map { .text($0) }
        case .vars:
            let globals = interpreter.globals
            return .success(.table(html: VariableTable.html(globals), text: VariableTable.render(globals)))
        case .graph(let text):
            let source = site.source(for: text)
            switch interpreter.evaluate(expression: text, name: source.name) {
            case .success(.tensor(let v)): return .success(.graph(v, text: GraphDrawing.draw(v)))
            case .success(let other): return .failure(.message("a \(other.kindName) has no graph; :graph takes a tensor expression"))
            case .failure(let f): return .failure(.failure(site.locate(f, from: source)))
            }
        case .time(let statement): return time(statement, at: site).map { .text($0) }
        case .load(let typed):
            let path = PathExpansion.expandingTilde(typed)
            let bytes: [UInt8]
            do { bytes = try FileContents.read(path, limit: SourceFile.readingLimit) } catch {
                if error.interrupted {
                    // As an interrupt anywhere else: `interrupted` at the prompt, status 130 in a script.
                    let diagnostic = Diagnostic(RuntimeMessage.interrupted(), at: site.argumentRange)
                    return .failure(.failure(EvaluationFailure(diagnostic, in: site.file ?? site.source(for: typed))))
                }
                return .failure(.message("cannot open '\(error.path)': \(error.reason)"))
            }
            let source: SourceFile
            do { source = try SourceFile.decoding(bytes, name: path) } catch {
                return .failure(.message(error.rendered(by: renderer)))
            }
            guard loadDepth < Self.maxLoadDepth else {
                return .failure(.message(":load is nested \(Self.maxLoadDepth) deep (does '\(typed)' load itself?)"))
            }
            loadDepth += 1
            defer { loadDepth -= 1 }
            switch interpreter.run(source) {
            case .completed: return .success(.text(""))
            case .failed(let d, let file), .interrupted(let d, let file):
                return .failure(.failure(EvaluationFailure(d, in: file)))
            }
        case .reset:
            interpreter.reset()
            // The freed graphs are many small blocks that glibc keeps in its heap; hand
            // the free pages back so that :reset returns the memory (bench/rss).
            releaseFreeMemory()
            return .success(.text("session reset: every name is forgotten\n"))
        case .clear:
            return .success(.clear)
        case .quit:
            return .success(.text(""))
        }
    }

    /// Runs `statement` repeatedly (at least 3 times, up to about a second) and reports the
    /// median of the evaluation alone: a top-level value is not formatted while timing.
    func time(_ statement: String, at site: CommandSite) -> Result<String, CommandProblem> {
        let source = site.source(for: statement)
        switch interpreter.measure(source) {
        case .failure(let f):
            return .failure(.failure(site.locate(f, from: source)))
        case .success(var samples):
            samples.sort()
            return .success("median \(formatDuration(samples[samples.count / 2])) over \(samples.count) runs\n")
        }
    }
}

/// `12.3 µs`, `4.56 ms`, `1.23 s`.
func formatDuration(_ seconds: Double) -> String {
    func fixed(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
    if seconds < 1e-3 { return "\(fixed(seconds * 1e6)) µs" }
    if seconds < 1 { return "\(fixed(seconds * 1e3)) ms" }
    return "\(fixed(seconds)) s"
}

extension String {
    /// Left-aligned in a column of `width` characters.
    func padding(_ width: Int) -> String { count >= width ? self + " " : self + String(repeating: " ", count: width - count) }
}
