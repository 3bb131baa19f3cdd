import Testing
import DZAutodiff
@testable import DZLanguage

/// A literal makes a leaf, signs included (`-2.0`, `-(2.0)`, `[-1.0, 2.0]`), and the
/// constants `pi e inf nan` give a new leaf at each use, as literals do.
@Suite struct LiteralLeafTests {
    func output(_ text: String) -> String {
        var out = ""
        let interpreter = Interpreter(output: { out += $0 })
        if case .failed(let d, _) = interpreter.run(SourceFile(name: "<t>", text: text)) { return "error: \(d.message)" }
        return out
    }

    @Test(arguments: [
        ("x = -2.0; backward(x * x); x.grad", "-4.0\n"),
        ("x = -(2.0); backward(x * x); x.grad", "-4.0\n"),
        ("x = -1e3; backward(x * x); x.grad", "-2000.0\n"),
        ("x = +-3.0; backward(x * x); x.grad", "-6.0\n"),
        ("x = -inf; x.grad; backward(x * 2); x.grad", "none (no backward has reached this tensor yet, or it is not a leaf: only leaves keep their gradient, intermediates with retain_grad=true)\n2.0\n"),
        ("x = -pi; backward(x * 2); x.grad", "2.0\n"),
        ("x = [-1.0, 2.0]; backward(x * x); x.grad", "[-2.  4.]\n"),
        ("x = [[-1.0], [-(2.0)]]; backward(x * x); x.grad", "[[-2.]\n [-4.]]\n"),
        ("x = -[1.0, -2.0]; backward(x * x); x.grad; x", "[-2.  4.]\n[-1.  2.]\n"),
        ("x = +-[[3.0]]; backward(x * x); x.grad", "[[-6.]]\n"),
        ("def f() { x = -2.0; backward(x * x); return x.grad }; f()", "-4.0\n"),
    ])
    func signedLiteralsAreLeaves(program: String, expected: String) {
        #expect(output(program) == expected, "\(program)")
    }

    @Test func aNegatedNameIsNotALiteral() {
        #expect(output("a = 2.0; x = -a; backward(x * x); x.grad; a.grad") == "none (no backward has reached this tensor yet, or it is not a leaf: only leaves keep their gradient, intermediates with retain_grad=true)\n4.0\n")
        // A rebound constant is a variable like any other.
        #expect(output("pi = 2.0; x = -pi; backward(x * x); x.grad; pi.grad") == "none (no backward has reached this tensor yet, or it is not a leaf: only leaves keep their gradient, intermediates with retain_grad=true)\n4.0\n")
        #expect(output("def f(pi) = -pi; y = 1.0; backward(f(y)); y.grad") == "-1.0\n")
    }

    @Test func constantsAreFreshLeavesAtEachUse() {
        #expect(output("x = pi; backward(sin(x)); z = pi; backward(z * z); z.grad; z.name; x.name")
                == "6.283185307179586\n\"z\"\n\"x\"\n")
        #expect(output("a = e; b = e; backward(a * 3); b.grad; a.grad") == "none (no backward has reached this tensor yet, or it is not a leaf: only leaves keep their gradient, intermediates with retain_grad=true)\n3.0\n")
        #expect(output("a = nan; b = nan; a.name; b.name") == "\"a\"\n\"b\"\n")
        #expect(output("def f() { x = inf; backward(x * 0.5); return x.grad }; f(); f()") == "0.5\n0.5\n")
    }
}
