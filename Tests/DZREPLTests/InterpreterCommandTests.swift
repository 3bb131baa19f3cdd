import Testing
@testable import DZREPL
import DZLanguage

/// The REPL commands that look into the interpreter session.
@Suite struct InterpreterCommandTests {
    func repl() -> InterpreterREPL {
        InterpreterREPL(interpreter: Interpreter(output: { _ in }), renderer: DiagnosticRenderer())
    }

    @Test func varsListsKindsShapesAndGradients() {
        let r = repl()
        #expect(r.handle(.vars).output == "no variables yet\n")
        _ = r.evaluate("x = ones(2, 3); W = ones(3, 4); y = x @ W; backward(y); def f(a) = a")
        #expect(r.handle(.vars).output == """
            name kind              shape  dtype   grad
            W    tensor            (3, 4) float64 yes (3, 4)
            f    function          f(a)   -       -
            x    tensor            (2, 3) float64 yes (2, 3)
            y    tensor (computed) (2, 4) float64 -

            """)
    }

    @Test func varsSummarizesObjects() {
        let r = repl()
        _ = r.evaluate("model = MLP((10, 3)); y = model(ones(2, 2)); opt = SGD(0.1)")
        let rows = r.handle(.vars).output.split(separator: "\n").map(String.init)
        let model = rows.first { $0.hasPrefix("model ") }
        #expect(model?.contains("MLP") == true)
        #expect(model?.contains("l0.W (2, 10)") == true)
        #expect(rows.first { $0.hasPrefix("opt ") }?.contains("SGD") == true)
    }

    @Test func timeReportsTheMedianAndKeepsTheSession() {
        let r = repl()
        _ = r.evaluate("n = 0")
        let out = r.handle(.time(statement: "n = n + 1")).output
        #expect(out.hasPrefix("median "))
        #expect(out.hasSuffix(" runs\n"))
        // The statement ran as many times as reported.
        let runs = Int(out.split(separator: " ").dropLast().last!)!
        guard case .tensor(let n) = r.interpreter.globals["n"] else { Issue.record("n is gone"); return }
        #expect(n.data.scalar == Double(runs))
        #expect(r.handle(.time(statement: "nope")).error.contains("undefined name 'nope'"))
    }

    @Test func helpResetAndLoad() {
        let r = repl()
        #expect(r.handle(.help(topic: nil)).output.contains(":vars"))
        #expect(r.handle(.help(topic: "matmul")).output.hasPrefix("matmul(a, b)"))
        #expect(r.handle(.help(topic: "matmull")).error.contains("did you mean 'matmul'?"))
        _ = r.evaluate("w = 1")
        _ = r.handle(.reset)
        #expect(r.interpreter.globals["w"] == nil)
        #expect(r.handle(.load(path: "/nonexistent.dz")).error == "cannot open '/nonexistent.dz': No such file or directory\n")
        // A NUL byte would cut the name short (the C library would open /tmp): refused.
        #expect(r.handle(.load(path: "/tmp\0/x.dz")).error == "cannot open '/tmp\\0/x.dz': a file name cannot contain a NUL byte\n")
    }
}

@Suite struct DeepValueTests {
    @Test func resetFreesADeeplyNestedValueWithoutOverflowingTheStack() {
        let r = InterpreterREPL(interpreter: Interpreter(output: { _ in }), renderer: DiagnosticRenderer())
        #expect(r.evaluate("t = ()\nfor i in range(200000) { t = (t,) }").error == "")
        _ = r.handle(.reset)
        #expect(r.interpreter.globals["t"] == nil)
    }
}
