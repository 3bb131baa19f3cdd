import Testing
@testable import DZREPL
import DZLanguage

/// `:graph EXPR` draws the graph in the terminal.
@Suite struct GraphCommandTests {
    @Test func graphCommandDrawsTheTree() {
        let repl = InterpreterREPL(interpreter: Interpreter(output: { _ in }), renderer: DiagnosticRenderer())
        _ = repl.evaluate("x = ones(2, 3); W = ones(3, 4)")
        let text = repl.handle(.graph(expression: "x @ W + x @ W")).output
        #expect(text == """
            [1] (2, 4) = Add
            ├── [2] (2, 4) = MatMul
            │   ├── [3] x (2, 3)
            │   └── [4] W (3, 4)
            └── [5] (2, 4) = MatMul
                ├── ↑ see [3] x
                └── ↑ see [4] W

            """)
        #expect(repl.handle(.graph(expression: "(1, 2)")).error.contains("has no graph"))
    }
}
