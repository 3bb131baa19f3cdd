import Testing
import DZAutodiff
import DZLanguage
@testable import DZREPL

/// `:reset` in the REPL frees what the session made (graphs, functions, values), the REPL
/// keeps working after it, and the REPL object itself is not kept alive by its closures.
@Suite struct REPLMemoryTests {
    @Test func resetFreesSessionValuesAndTheREPLKeepsWorking() {
        var output = ""
        let repl = InterpreterREPL(interpreter: Interpreter(output: { output += $0 }), renderer: DiagnosticRenderer())
        weak var x: Variable?, y: Variable?, f: AnyObject?
        for entry in ["x = ones(100, 100)", "def f(v) { return tanh(v) @ v }", "y = f(x)", "backward(sum(y))"] {
            #expect(repl.evaluate(entry) == .nothing, "\(entry)")
        }
        if case .tensor(let v) = repl.interpreter.globals["x"] { x = v }
        if case .tensor(let v) = repl.interpreter.globals["y"] { y = v }
        if case .function(let g) = repl.interpreter.globals["f"] { f = g }
        #expect(x != nil && y != nil && f != nil)
        #expect(repl.handle(.reset) == .output("session reset: every name is forgotten\n"))
        #expect(x == nil)
        #expect(y == nil)
        #expect(f == nil)
        output = ""
        #expect(repl.evaluate("1 + 1") == .nothing)
        #expect(output == "2\n")
    }

    @Test func theREPLIsFreedAfterItsLoopEnds() {
        weak var weakREPL: InterpreterREPL?
        weak var weakInterpreter: Interpreter?
        do {
            let repl = InterpreterREPL(interpreter: Interpreter(output: { _ in }), renderer: DiagnosticRenderer())
            weakREPL = repl
            weakInterpreter = repl.interpreter
            var editor = ScriptedLineEditor(lines: ["x = ones(3); y = x * x", "backward(sum(y))", ":reset", "z = 2"])
            _ = repl.run(editor: &editor, interactive: false)
        }
        #expect(weakREPL == nil)
        #expect(weakInterpreter == nil)
    }
}
