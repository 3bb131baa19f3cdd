@preconcurrency import DZLanguage
import DZREPL
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Runs dz programs outside the REPL: a file, stdin or `-e`, stopping at the first error.
final class ScriptSession {
    /// The running session, kept alive until the process exits.
    nonisolated(unsafe) static var current: ScriptSession?

    let interpreter: Interpreter
    let renderer: DiagnosticRenderer
    /// The REPL's commands, which scripts, `-e` and stdin accept at the start of a line too.
    let commands: InterpreterREPL

    init(noColor: Bool) {
        var environment: [String: String] = [:]
        if let v = getenv("NO_COLOR") { environment["NO_COLOR"] = String(cString: v) }
        let colored = DiagnosticRenderer.shouldUseColor(isTerminal: isatty(STDERR_FILENO) == 1,
                                                        environment: environment, noColorFlag: noColor)
        renderer = DiagnosticRenderer(useColor: colored)
        interpreter = Interpreter(output: { text in StandardStreams.writeOutput(text) })
        interpreter.isTerminal = isatty(STDOUT_FILENO) == 1
        Interrupt.install()
        interpreter.isInterruptRequested = Interrupt.poll
        interpreter.flushOutput = { StandardStreams.flushOutput() }
        commands = InterpreterREPL(interpreter: interpreter, renderer: renderer)
    }

    /// Runs `source`; returns the exit code (0, `exit(status)`'s, 1, or 130 when interrupted).
    func run(_ source: SourceFile) -> Int32 {
        let outcome = interpreter.run(source)
        StandardStreams.flushOutput()
        switch outcome {
        case .completed:
            return interpreter.exitRequest ?? 0
        case .failed(let diagnostic, let file):
            fputs(renderer.render(diagnostic, in: file) + "\n", stderr)
            return 1
        case .interrupted(let diagnostic, let file):
            fputs(renderer.render(diagnostic, in: file) + "\n", stderr)
            return 130
        }
    }

    func runFile(_ path: String) -> Int32 {
        do {
            return runBytes(try FileContents.read(path, limit: SourceFile.readingLimit), name: path)
        } catch where error.interrupted {
            return reportInterruptedRead(name: path)
        } catch {
            fputs("dz: error: cannot open '\(path)': \(error.reason)\n", stderr)
            return 2
        }
    }

    /// The script on stdin, read whole before any of it runs: Ctrl-C while it is read (a
    /// stalled producer, or `cmd | dz` where the same Ctrl-C ends `cmd` and so the input)
    /// runs nothing and exits with 130.
    func runStandardInput() -> Int32 {
        do {
            return runBytes(try FileContents.readAll(STDIN_FILENO, name: "<stdin>", limit: SourceFile.readingLimit),
                            name: "<stdin>")
        } catch where error.interrupted {
            return reportInterruptedRead(name: "<stdin>")
        } catch {
            fputs("dz: error: cannot read the script from stdin: \(error.reason)\n", stderr)
            return 2
        }
    }

    /// `NAME: error: interrupted` for a script whose reading Ctrl-C stopped; exit status 130.
    func reportInterruptedRead(name: String) -> Int32 {
        fputs("\(name): error: interrupted\n", stderr)
        return 130
    }

    func runBytes(_ bytes: [UInt8], name: String) -> Int32 {
        do {
            return run(try SourceFile.decoding(bytes, name: name))
        } catch {
            fputs(error.rendered(by: renderer) + "\n", stderr)
            return 1
        }
    }

    /// The REPL (a terminal on stdin): libedit when stdout is a terminal too.
    func runInteractive() -> Int32 {
        let repl = commands
        var editor = makeLineEditor(completion: repl.completion)
        return repl.run(editor: &editor, interactive: isInteractiveTerminal())
    }
}
