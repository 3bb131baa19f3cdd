import Foundation
import Testing
import DZTestSupport

/// Errors that teach (issue 16, item 3), through the real dz: the call chain of an error
/// inside user functions, hints for Python constructs dz spells differently, `max(a, b)`,
/// no keyword suggestions for undefined names, and an echoed empty `.grad`.
@Suite struct TeachingErrorTests {
    func stderr(_ program: String) throws -> [String] {
        let r = try DZProcess.run(["-e", program])
        #expect(r.status == 1)
        return r.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func anErrorInsideFunctionsShowsTheCallChainInnermostLast() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dz-chain-\(UUID().uuidString).dz").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try """
            def g(x) {
              return x + "a"
            }
            def f(x) = g(x) * 2
            y = f(2.0)

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try DZProcess.run([path])
        #expect(r.status == 1)
        #expect(r.stderr == """
            \(path):2:10: error: unsupported operand types for +: tensor and string
              return x + "a"
                     ^~~~~~~
            call chain (most recent call last):
              \(path):5:5: at top level: y = f(2.0)
              \(path):4:12: in f: def f(x) = g(x) * 2
              \(path):2:10: in g: return x + "a"

            """)
    }

    @Test func aDeepChainIsCutToTwentyCalls() throws {
        let lines = try stderr("def r(n) = r(n + 1)\nr(0)")
        #expect(lines[0] == "<-e>:1:12: error: maximum recursion depth (1000) exceeded in 'r'")
        #expect(lines[3] == "call chain (most recent call last):")
        #expect(lines[4] == "  <-e>:2:1: at top level: r(0)")
        #expect(lines.contains("  ... 981 more calls"))
        #expect(lines.filter { $0.hasPrefix("  <-e>:1:12: in r: ") }.count == 19)
    }

    @Test func aUserFunctionsBadGradientNamesTheBackwardCall() throws {
        let lines = try stderr("""
            class F(Function) { def forward(self, x) = x; def backward(self, gy) = gy.T @ gy }
            y = F()(ones(2, 3))
            backward(y)
            """)
        #expect(lines[0] == "<-e>:1:72: error: F.backward: gradient 1 (x) has shape (3, 3), expected (2, 3)")
        #expect(lines[4] == "  <-e>:3:1: at top level: backward(y)")
        #expect(lines[5] == "  <-e>:1:72: in F.backward: class F(Function) { def forward(self, x) = x; def backward(self, gy) = gy.T @ gy }")
    }

    @Test func anErrorAtTopLevelHasNoChain() throws {
        let lines = try stderr("x = ones(2) + \"a\"")
        #expect(lines.count == 4)   // header, line, caret, and the final newline
    }

    @Test(arguments: [
        ("import numpy as np", "<-e>:1:1: error: dz has no modules to import: numpy's and DeZero's functions are builtins (np.exp is exp, F.relu is relu); ':load FILE' runs a dz file"),
        ("from dezero import Variable", "<-e>:1:1: error: dz has no modules to import: numpy's and DeZero's functions are builtins (np.exp is exp, F.relu is relu); ':load FILE' runs a dz file"),
        ("def f() {\n  global x\n}", "<-e>:2:3: error: dz has no 'global': a function reads globals but assigns locals; return the new value, or keep state in an object's attribute (self.x = ...)"),
        ("f = lambda x: x * 2", "<-e>:1:5: error: dz has no 'lambda': define a one-line function with 'def f(x) = x * 2' and pass f"),
        ("y = 1 if true else 2", "<-e>:1:7: error: dz has no conditional expression 'a if c else b': write where(c, a, b) for tensors, or an if statement"),
        ("with no_grad():\n  x = 1", "<-e>:1:1: error: dz writes 'with no_grad():' as a block: no_grad { ... }"),
        ("if true { } elif false { }", "<-e>:1:13: error: dz writes 'elif' as 'else if'"),
        ("elif x { }", "<-e>:1:1: error: dz writes 'elif' as 'else if'"),
        ("for i in range(3):\n  print(i)", "<-e>:1:18: error: expected '{' after the for loop's iterable; dz blocks are { ... }, not ':' and indentation"),
        ("a = ones(3); b = zeros(3); max(a, b)", "<-e>:1:28: error: max(): argument 'axis' must be an integer, got a tensor of shape (3,); for the elementwise maximum of two tensors use maximum(a, b)"),
        ("min(ones(2), ones(2))", "<-e>:1:1: error: min(): argument 'axis' must be an integer, got a tensor of shape (2,); for the elementwise minimum of two tensors use minimum(a, b)"),
        ("fore = 1; Foo", "<-e>:1:11: error: undefined name 'Foo'"),
        ("whle", "<-e>:1:1: error: undefined name 'whle'"),
    ])
    func pythonHabitsGetTheDzWay(program: String, expected: String) throws {
        #expect(try stderr(program).first == expected)
    }

    @Test func anEchoedEmptyGradSaysWhy() throws {
        let r = try DZProcess.run(["-e", "x = 2.0; y = x * x; x.grad; backward(y); x.grad; y.grad"])
        #expect(r.status == 0)
        let why = "none (no backward has reached this tensor yet, or it is not a leaf: only leaves keep their gradient, intermediates with retain_grad=true)"
        #expect(r.stdout == "\(why)\n4.0\n\(why)\n")
    }
}
