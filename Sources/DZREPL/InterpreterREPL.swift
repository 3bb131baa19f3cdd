import DZLanguage
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The REPL of dz: a ``REPLSession`` whose entries run in one ``Interpreter`` session, so
/// variables persist between lines, and whose commands (`:vars`, `:help`, ...) look into it.
public final class InterpreterREPL {
    public let interpreter: Interpreter
    let renderer: DiagnosticRenderer

    public init(interpreter: Interpreter, renderer: DiagnosticRenderer) {
        self.interpreter = interpreter
        self.renderer = renderer
    }

    /// Tab completion over the session's names, builtins, keywords, tensor attributes and
    /// the attributes of the session's objects (`model.l0`, `opt.update`).
    public var completion: WordCompletion {
        let interpreter = self.interpreter
        return WordCompletion(keywords: Interpreter.keywords,
                              builtins: { Builtins.all.map(\.name) + ["pi", "e", "inf", "nan"] },
                              userNames: { Array(interpreter.globals.keys) },
                              attributes: { Interpreter.tensorAttributes + Interpreter.tensorMethods + interpreter.objectAttributeNames })
    }

    /// Runs the loop on `editor` until end of input or `:quit`; returns the exit code.
    public func run(editor: inout some LineEditor, interactive: Bool) -> Int32 {
        interpreter.isInterruptRequested = Interrupt.poll
        let session = REPLSession(interactive: interactive,
                                  needsContinuation: { needsContinuation($0) },
                                  evaluate: { [unowned self] in self.evaluate($0) },
                                  handleCommand: { [unowned self] in self.handle($0) })
        switch session.run(editor: &editor) {
        case .error: return 1
        case .endOfInput, .quit: return 0
        }
    }

    /// Runs one entry; output has already been printed as it was produced.
    public func evaluate(_ entry: String) -> REPLOutcome {
        fflush(stdout)
        defer { fflush(stdout) }
        switch interpreter.run(SourceFile(name: "<repl>", text: entry)) {
        case .completed: return .nothing
        case .failed(let d, let file): return .error(renderer.render(d, in: file) + "\n")
        case .interrupted: return .error("interrupted\n")
        }
    }

    /// Runs a command other than `:quit`.
    public func handle(_ command: REPLCommand) -> REPLOutcome {
        switch command {
        case .help(let topic): return help(topic)
        case .vars: return .output(VariableTable.render(interpreter.globals))
        case .graph(let text):
            switch interpreter.evaluate(expression: text) {
            case .success(.tensor(let v)): return .output(GraphDrawing.draw(v))
            case .success(let other): return .error("a \(other.kindName) has no graph; :graph takes a tensor expression\n")
            case .failure(let f): return .error(renderer.render(f.diagnostic, in: f.source) + "\n")
            }
        case .time(let statement): return time(statement)
        case .load(let path):
            let bytes: [UInt8]
            do { bytes = try FileContents.read(path, limit: SourceFile.readingLimit) } catch {
                if error.interrupted { return .error("interrupted\n") }
                return .error("cannot open '\(path)': \(error.reason)\n")
            }
            let source: SourceFile
            do { source = try SourceFile.decoding(bytes, name: path) } catch { return .error("\(path): error: \(error.message)\n") }
            switch interpreter.run(source) {
            case .completed: return .nothing
            case .failed(let d, let file): return .error(renderer.render(d, in: file) + "\n")
            case .interrupted: return .error("interrupted\n")
            }
        case .reset:
            interpreter.reset()
            // The freed graphs are many small blocks that glibc keeps in its heap; hand
            // the free pages back so that :reset returns the memory (bench/rss).
            releaseFreeMemory()
            return .output("session reset: every name is forgotten\n")
        case .quit:
            return .quit
        }
    }

    func help(_ topic: String?) -> REPLOutcome {
        guard let topic, !topic.isEmpty else {
            var text = "Commands:\n"
            for info in REPLCommand.catalog { text += "  \(info.usage.padding(16))\(info.summary)\n" }
            text += "\nBuiltins (`:help NAME` describes one):\n"
            for (key, title) in Builtins.categories {
                let names = Builtins.all.filter { $0.category == key }.map(\.name)
                text += "  \(title):\n    " + names.joined(separator: " ") + "\n"
            }
            text += "\nKeys: Tab completes, Up/Down recall history, Ctrl-C drops the line or stops a computation, Ctrl-D exits.\n"
            return .output(text)
        }
        if let info = REPLCommand.catalog.first(where: { $0.name == topic || $0.name == ":" + topic }) {
            return .output("\(info.usage)\n  \(info.summary)\n")
        }
        do {
            return .output(try Builtins.helpText(for: .string(topic)) + "\n")
        } catch let e as BuiltinError {
            return .error(e.message.text + "\n")
        } catch {
            return .error("\(error)\n")
        }
    }

    /// Runs `statement` repeatedly (at least 3 times, up to about a second) and reports the median.
    func time(_ statement: String) -> REPLOutcome {
        switch interpreter.measure(SourceFile(name: "<repl>", text: statement)) {
        case .failure(let f):
            if f.diagnostic.id == "runtime.interrupted" { return .error("interrupted\n") }
            return .error(renderer.render(f.diagnostic, in: f.source) + "\n")
        case .success(var samples):
            samples.sort()
            return .output("median \(formatDuration(samples[samples.count / 2])) over \(samples.count) runs\n")
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
