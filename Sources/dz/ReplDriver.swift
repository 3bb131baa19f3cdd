@preconcurrency import DZLanguage
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A minimal interactive loop until the libedit REPL lands: reads entries from stdin,
/// keeps the session's variables, reports errors without ending the session.
struct ReplDriver {
    let interpreter: Interpreter
    let renderer: DiagnosticRenderer

    func run() -> Int32 {
        var pending = ""
        while true {
            fputs(pending.isEmpty ? "dz> " : "...> ", stdout)
            fflush(stdout)
            guard let line = readLine(strippingNewline: true) else {
                fputs("\n", stdout)
                return 0
            }
            pending += pending.isEmpty ? line : "\n" + line
            if needsContinuation(pending) { continue }
            let entry = pending
            pending = ""
            Interrupts.clear()
            switch interpreter.run(SourceFile(name: "<repl>", text: entry)) {
            case .completed: break
            case .failed(let d, let f): fputs(renderer.render(d, in: f) + "\n", stderr)
            case .interrupted: fputs("interrupted\n", stderr)
            }
            fflush(stdout)
        }
    }
}
