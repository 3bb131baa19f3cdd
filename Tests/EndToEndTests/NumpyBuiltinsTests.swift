import Foundation
import Testing
import DZTestSupport

/// The small numpy and Python builtins through the real binary (issue 16, item 5):
/// enumerate and zip in for loops, `.item()`, `type`, the tensor methods std var prod
/// cumsum, gradients through them, and a gradcheck of each differentiable one.
@Suite struct NumpyBuiltinsTests {
    func run(_ code: String) throws -> DZProcess.Result {
        try DZProcess.run(["-e", code], environment: ["NO_COLOR": "1"], timeout: 60)
    }

    func output(_ code: String) throws -> String {
        let r = try run(code)
        #expect(r.status == 0, "\(code): \(r.stderr)")
        return r.stdout
    }

    @Test func enumerateCountsTuplesRowsRangesAndLoaders() throws {
        #expect(try output("for i, x in enumerate((\"a\", \"b\")) { print(i, x) }") == "0 a\n1 b\n")
        #expect(try output("for i, row in enumerate([[1, 2], [3, 4]]) { print(i, sum(row)) }") == "0 3\n1 7\n")
        #expect(try output("for i, k in enumerate(range(5, 7), start=1) { print(i, k) }") == "1 5\n2 6\n")
        #expect(try output("loader = DataLoader(arange(4), arange(4), 2, shuffle=false)\nfor i, (bx, bt) in enumerate(loader) { print(i, bx) }")
                == "0 [0 1]\n1 [2 3]\n")
        // Counters print as range's do, and are numbers: arithmetic and indexing work.
        #expect(try output("x = [5, 6, 7]; for i, v in enumerate(x) { print(x[i] - v) }") == "0\n0\n0\n")
        // An enumerate may be iterated again, as a range.
        #expect(try output("e = enumerate((1, 2)); for i, v in e { }; for i, v in e { print(i) }") == "0\n1\n")
        #expect(try output("enumerate(ones(3, 2))") == "enumerate(a tensor of shape (3, 2))\n")
    }

    @Test func zipStopsAtTheShortest() throws {
        #expect(try output("for a, b in zip((1, 2, 3), [10, 20]) { print(a + b) }") == "11\n22\n")
        #expect(try output("for a, b, c in zip(range(2), ones(2, 3), (\"x\", \"y\")) { print(a, b.shape, c) }")
                == "0 (3,) x\n1 (3,) y\n")
        #expect(try output("for p in zip((1, 2)) { print(p) }") == "(1,)\n(2,)\n")
        #expect(try output("for p in zip() { print(p) }; print(\"done\")") == "done\n")
        #expect(try output("for i, (a, b) in enumerate(zip((1, 2), (3, 4))) { print(i, a * b) }") == "0 3\n1 8\n")
    }

    @Test func itemAndType() throws {
        #expect(try output("ones(1, 1).item()") == "1.0\n")
        #expect(try output("x = [[2.5]]; y = x.item(); print(y.shape, y)") == "() 2.5\n")
        // item() is detached: no gradient flows through it.
        #expect(try output("x = 3.0; y = x.item() * x; backward(y); x.grad") == "3.0\n")
        #expect(try output("class P { def __init__(self) { self.a = 1 } }\ntype(1), type((1,)), type(\"s\"), type(true), type(none), type(print), type(P), type(P()), type(Linear(2)), type(range(2))")
                == "(\"tensor\", \"tuple\", \"str\", \"tensor\", \"none\", \"function\", \"class\", \"P\", \"Linear\", \"range\")\n")
        #expect(try output("if type([1]) == \"tensor\" { print(\"yes\") }") == "yes\n")
    }

    @Test func tensorMethods() throws {
        #expect(try output("x = [[1, 2], [3, 4]]; print(x.std(), x.var(axis=0), x.prod(axis=1), x.cumsum(axis=0))")
                == "1.118033988749895 [1. 1.] [ 2 12] [[1 2]\n [4 6]]\n")
    }

    @Test func gradcheckPassesForEachDifferentiableBuiltin() throws {
        let checks = [
            "gradcheck(std, randn(3, 4))", "gradcheck(var, randn(5))", "gradcheck(prod, randn(2, 3))",
            "gradcheck(prod, [1.5, 0, 2, -1])", "gradcheck(cumsum, randn(3, 2))", "gradcheck(outer, randn(3), randn(2))",
            "gradcheck(norm, randn(2, 3))", "def f(a, b) = where([[1], [0]], a, b)\ngradcheck(f, randn(3), randn(2, 1))",
            "def g(x) = norm(x, ord=3, axis=0)\ngradcheck(g, randn(3, 2))", "def h(x) = std(x, axis=1, ddof=1)\ngradcheck(h, randn(2, 4))",
        ]
        for c in checks { #expect(try output("seed(0)\n" + c).hasSuffix("True\n"), "\(c)") }
    }

    @Test func secondOrderThroughProdAndNorm() throws {
        // d/dx of the gradient of prod([x, y, z]) along x is 0, along y is z.
        #expect(try output("x = [0.0, 2.0, 5.0]; backward(prod(x), create_graph=true); g = x.grad; cleargrad(x); backward(g[0]); x.grad")
                == "[0. 5. 2.]\n")
        #expect(try output("x = zeros(3); backward(norm(x)); x.grad") == "[0. 0. 0.]\n")
    }
}
