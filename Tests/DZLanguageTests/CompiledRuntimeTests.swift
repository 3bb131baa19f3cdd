import Testing
@testable import DZLanguage

/// What a program prints, with its error and call chain, run compiled or by the tree walker.
private func transcript(_ source: String, compiles: Bool) -> String {
    var output = ""
    let interpreter = Interpreter(output: { output += $0 })
    interpreter.compiles = compiles
    interpreter.random.seed(0)
    switch interpreter.run(SourceFile(name: "<test>", text: source)) {
    case .completed: break
    case .failed(let d, let f), .interrupted(let d, let f):
        let (line, column) = f.lineAndColumn(of: d.range.start)
        output += "error \(line):\(column): \(d.message)\n"
        for entry in d.callChain { output += "  \(entry.location) \(entry.context)\n" }
    }
    return output
}

/// The compiled runtime (closures, registers, unboxed scalars) against the tree walker, its
/// reference: the same output, graphs, gradients, names and errors, for the cases where an
/// unboxed scalar could be told apart from a Variable.
@Suite struct CompiledRuntimeTests {
    static let programs: [String] = [
        // `s = s op literal` computed in the slot: the name it takes, int64 wrapping, bool
        // and comparison results, a local, a tensor (not a scalar) and errors.
        "no_grad { def g() { t = 4; return t }; s = g(); print(s.name); s = s + 1; print(s.name, s) }\ny = s * 2\nbackward(y)\nprint(s.grad, graph(y))",
        "no_grad { s = 9223372036854775807; s = s + 1; b = true; b = b + 1; f = 2.5; f = f // 0; c = 3; c = c < 2 }\nprint(s, b, f, c, s.dtype, b.dtype, c.dtype)",
        "no_grad { def h(n) { a = 0; for i in range(n) { a = a + 2 }; a = a * 0.5; return a }; r = h(4) }\nprint(r, r.name, r.dtype)",
        "no_grad { v = ones(2); v = v + 1 }\nprint(v, v.name)",
        "no_grad { k = 2; k = k ** -1 }",
        "no_grad { q = q + 1 }",
        "no_grad { def u() { w = w + 1; return w }; u() }",
        "s = 1.0\nfor i in range(3) { s = s + 1 }\nbackward(s)\nprint(graph(s))",
        // Two names for one leaf made in no_grad, then one of them in a graph.
        "no_grad { a = 2.0 }\nb = a\ny = a * 3.0\nbackward(y)\nprint(a.grad, b.grad, a.name, b.name)",
        "no_grad { a = 2.0; b = a }\ny = b * a\nbackward(y)\nprint(a.grad, b.grad)",
        // A loop counter joining a graph after the loop.
        "for i in range(3) { }\ny = i * 2.0\nbackward(y)\nprint(i.grad, i.name, y)",
        "x = 2.0\nfor i in range(3) { x = x * 1.5 }\nbackward(x)\nprint(x, graph(x))",
        // A leaf returned through a parameter; an operand-only parameter given the caller's scalar.
        "no_grad { def id(x) = x; a = 1.5; b = id(a) }\ny = a * b\nbackward(y)\nprint(a.grad, b.grad, b.name)",
        "no_grad { def f(x) = x * 2 + 1; i = 3.0; r = f(i) }\ny = i * i\nbackward(y)\nprint(i.grad, r, r.name, i.name)",
        "def f(x) = x * 2 + 1\ni = 3.0\nr = f(i)\nbackward(r)\nprint(i.grad, r.grad, graph(r))",
        // Returned locals keep the name they were bound to; parameters are not named.
        "def g() { t = 4.0; return t }\nu = g()\nprint(u.name)\nno_grad { v = g() }\nprint(v.name)",
        "def p(k) { return k }\nw = p(5)\nprint(w.name)\nno_grad { z = p(2 + 3) }\nprint(z.name, z)",
        // Graphs and names of recorded scalars and literals (constants are shared per literal).
        "x = 2.0\ns = x\nfor i in range(3) { s = s * x + 0.5 }\nprint(graph(s))\nbackward(s)\nprint(x.grad)",
        "x = 3.0\nn = 2.0\ny = x * n - -n + -2.5\nbackward(y)\nprint(x.grad, n.grad, graph(y))",
        "a = 1.0\na += a\nprint(a, a.name)\nb = 2.0\nb *= 3\nbackward(b)\nprint(b, graph(b))",
        "x = 1.0\ny = x\ny += 1\nbackward(y)\nprint(x.grad, y.grad)",
        // Comparisons and conditions never box; bools, ints and floats mix as numpy's.
        "i = 0\nwhile i < 5 { i = i + 1 }\nprint(i, i < 5, (1 < 2) + 1, true + true, true * false, 3 == 3.0, 2 != 2)",
        "print(7 // 2, -7 // 2, 7 % -3, -7 % 3, 7.5 // 2, -7.5 % 2, 2 ** 10, 2 ** 63, 2 ** 0.5, 9223372036854775807 + 1)",
        "print(1 / 0, 7 // 0, 7 % 0, 0.0 / 0, -0.0 * 1, 1 - 1.0, true / 2, true ** 2, true // true)",
        "print(-true)", "print(true - true)", "print(2 ** -1)", "print(1 @ 2)",
        "x = 1.0\nif x > 0 and not x < 0 or false { print(\"yes\") }\nprint(not 0, not 2.0, x and 0)",
        "no_grad { x = 2.0; y = -x; z = +x; print(y, z, -3, +-2.0, -pi, y.name, z.name) }",
        // Strings, f-strings, tuples and lists of scalars.
        "i = 3\ns = 2.5\nprint(\"%d and %.2f\" % (i, s), f\"{i} {s:.3f} {i * s}\", (i, s), [i, s])",
        "t = 0\nfor k in range(4) { t = t + k }\nprint(t, t.dtype, t.shape, t.ndim)",
        "x = 1.5\ny = x.astype(float32)\nz = y * 2 + y\nprint(z, z.dtype)",
        // Errors and their positions, inside functions too.
        "def h(x) { if x > 0 { y = 1 } return y }\nh(-1)",
        "def h(x) = x + q\nh(1)",
        "s = 0\nfor i in range(3) { s = s + \"a\" }",
        "def f(a, b=2) = a + b\nprint(f(1), f(1, 3), f(b=5, a=1))\nf(1, 2, 3)",
        "def f(a, b) = a\nf(1)",
        "def r(n) = r(n + 1)\nr(0)",
        "x = 2.0\nbackward(x * x)\nW = x\nW - 0.1 * W.grad\nz = 3.0\nz - 0.1 * z.grad",
        // Recursion with scalars in and out.
        "def fib(k) { if k < 2 { return k }\nreturn fib(k - 1) + fib(k - 2) }\nprint(fib(15))\nno_grad { print(fib(12)) }",
        "def fact(n) = n * fact(n - 1) if false else 1\n",
        "def fact(n) { if n <= 1 { return 1.0 }\nreturn n * fact(n - 1) }\nx = fact(5)\nprint(x, graph(x))",
        // Loops: break, continue, return from inside loops, tuple targets.
        "def first(n) { for i in range(n) { if i * i > 10 { return i } } }\nprint(first(10), first(2))",
        "s = 0\nfor i in range(10) { if i % 2 == 0 { continue }\nif i > 7 { break }\ns += i }\nprint(s)",
        "for a, b in ((1, 2), (3, 4)) { print(a + b) }\nfor x in [1.0, 2.0] { print(x * 2) }",
        // Locals read in their registers as operands: dtypes, wrapping, comparisons, tensors,
        // strings, unbound locals and errors inside functions, recorded and not.
        "no_grad { def m(x, y) { k = 9223372036854775807; b = true; return (x * y + x, k + 1, b + 1, x < y, y - x, k * 2, x / y) }; print(m(3, 4), m(2.5, true)) }",
        "no_grad { def t(v) { w = v * 2; return w + 1 }; print(t(ones(3)), t(2)) }",
        "def g(x, y) = x * y + x\na = 2.0\nb = 3.0\nz = g(a, b)\nbackward(z)\nprint(z, a.grad, b.grad, graph(z))",
        "no_grad { def s(x) = x + 1; s(\"a\") }",
        "no_grad { def u(c) { if c { y = 1 }; return y - 1 }; print(u(true)); u(false) }",
        "no_grad { def p(n) = n ** -1; p(2) }",
        "no_grad { def q(x) { y = x; return y * y < 10 and y // 2 == 1 }; print(q(3), q(4), q(-3)) }",
        // Comparisons as conditions: a local against a literal in its register, tensors, errors.
        "def c(v) { if v > 0 { return 1 }\nreturn 0 }\nprint(c(2), c(-1.5), c(ones(1)), c(true))\nc(ones(2))",
        "no_grad { def w(n) { i = 0; while i < 10 { i = i + n }; return i }; print(w(3), w(2.5), w(ones(1))) }",
        "def e(s) { if s == 1 { return \"one\" }\nif s != 2 { return \"other\" }\nreturn \"two\" }\nprint(e(1), e(2), e(3), e(\"x\"))",
        // A global's user function called from its slot: redefined or rebound between calls
        // (to another function, a builtin, a non-function), wrong argument counts, defaults,
        // keyword calls, a callee unbound, and after `del`-like rebinding to none.
        "def f(x) = x + 1\nr = 0\nfor i in range(4) { if i == 2 { def f(x) = x * 10 }\nr = r + f(i) }\nprint(r)",
        "def f(x) = x + 1\nprint(f(1))\nf = abs\nprint(f(-2))\nf = 3\nf(1)",
        "def f(x, y=5, z=7) = x + y + z\nprint(f(1), f(1, 2), f(1, 2, 3), f(1, z=0))\nf()",
        "def f(x) = x\nf(1, 2, 3, 4)",
        "def g(a, b, c) = a * b - c\nprint(g(1, 2, 3))\ng(1, 2)",
        "print(nothere(1))",
        "def f(x) = x * 2\nf = none\nf(3)",
        "def outer(n) { def inner(k) = k + n\nreturn inner(2) }\nprint(outer(3))",
        "def a(n) = n + 1\ndef b(n) = a(n) * 2\ndef c(n) = b(a(n))\nprint(c(1), c(2.5))\nx = 2.0\ny = c(x)\nbackward(y)\nprint(x.grad)",
        // Globals' scalars read in their slots as operands: rebound to tensors, strings and
        // constants, unbound, from functions, recorded and not.
        "n = 3\ni = 0\nwhile i < n { i = i + 1 }\nprint(i, i * n, n - i)\nn = ones(2)\nprint(i < n, i * n)\nn = \"a\"\ni < n",
        "def f(k) = k < lim\nlim = 2\nprint(f(1), f(3))\nlim = 2.5\nprint(f(2))\nlim = pi\nprint(f(3), f(4))\nlim = none\nf(1)",
        "def g(x) = x * scale + shift\nscale = 2\nshift = 0.5\nprint(g(1))\nno_grad { print(g(3)) }\nx = 1.0\ny = g(x)\nbackward(y)\nprint(x.grad, scale.grad, graph(y))",
        "i = 0\nwhile i < pi { i = i + 1 }\nprint(i, e < i, i * e)",
        "print(q < 1)",
        "a = 5\nb = 7\nno_grad { c = a * b - a // 2 + b % a }\nprint(c, c.name, a.name)\nd = a * b\nbackward(d)\nprint(a.grad, b.grad, graph(d))",
        // Classes: methods and attributes with scalars.
        "class C { def __init__(self, v) { self.v = v }\ndef add(self, k) = self.v + k }\nc = C(2)\nprint(c.add(3), c.v)\nn = 4\nc.v = n\nc.v += 1\nprint(c.v, n)",
    ]

    /// Three hundred globals made one after another by bindings, comparisons and calls, so
    /// that the slots' buffer grows (moves) while compiled code reads and binds in place.
    static let manyGlobals: String = {
        var lines = ["def f(x) = x + 1"]
        for i in 0..<300 { lines.append("g\(i) = f(\(i))") }
        for i in 0..<299 where i % 50 == 0 { lines.append("print(g\(i) < g\(i + 1), g\(i) * g\(i + 1), f(g\(i)))") }
        lines.append("h = f\nprint(h(g299), g0 + g299)")
        return lines.joined(separator: "\n")
    }()

    @Test(arguments: programs + [manyGlobals])
    func compiledRunsAsTheTreeWalker(_ program: String) {
        let compiled = transcript(program, compiles: true)
        let walked = transcript(program, compiles: false)
        #expect(compiled == walked, "\(program)")
        #expect(!compiled.isEmpty)
    }

    /// Known values, so that a change to both runtimes at once is caught too.
    @Test func scalarLoopsComputeWhatPythonDoes() {
        #expect(transcript("s = 0\nfor i in range(100) { s = s + i }\nprint(s)", compiles: true) == "4950\n")
        #expect(transcript("no_grad { s = 0.0\nfor i in range(10) { s = s + 0.1 } }\nprint(s)", compiles: true) == "0.9999999999999999\n")
        #expect(transcript("def fib(k) { if k < 2 { return k }\nreturn fib(k - 1) + fib(k - 2) }\nprint(fib(20))", compiles: true) == "6765\n")
        #expect(transcript("no_grad { def f(x) = x * 2 + 1\ns = 0\nfor i in range(5) { s = f(i) } }\nprint(s, s.dtype)", compiles: true) == "9 int64\n")
        #expect(transcript("x = 2.0\ny = x * x * x\nbackward(y)\nprint(x.grad)", compiles: true) == "12.0\n")
        #expect(transcript(Self.manyGlobals, compiles: true).hasSuffix("True 63252 252\n301 301\n"))
    }
}
