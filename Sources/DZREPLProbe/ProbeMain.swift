import DZREPL
#if canImport(Glibc)
import Glibc
#endif

/// `dz-repl-probe`: the REPL terminal layer with an echo evaluator, for the pty tests.
/// An entry prints `=> <entry>`; `sleep` waits until Ctrl-C (then `error: Interrupted`);
/// `fail` prints an error; brackets open a continuation. Commands print `command: <command>`.
@main
struct ProbeMain {
    static func main() {
        Interrupt.install()
        let colors = ColorPolicy.enabled(forFileDescriptor: 1)
        let completion = WordCompletion(
            keywords: ["for", "if", "in", "return", "while"],
            builtins: { ["display", "define", "exp", "lambda", "load", "save", "sleep"] },
            userNames: { ["λx"] },
            attributes: { ["backward", "grad", "shape"] })
        var editor = makeLineEditor(completion: completion)
        let session = REPLSession(
            interactive: isInteractiveTerminal(),
            needsContinuation: ProbeLanguage.needsContinuation,
            evaluate: { ProbeLanguage.evaluate($0, colors: colors) },
            handleCommand: { .output("command: \($0)") })
        let ending = session.run(editor: &editor)
        exit(ending == .error ? 1 : 0)
    }
}
