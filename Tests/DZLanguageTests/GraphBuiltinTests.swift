import Testing
@testable import DZLanguage

/// graph, show_graph, explain and gradcheck as the language sees them.
@Suite struct GraphBuiltinTests {
    @Test func graphReturnsDotTextWithBoundNames() {
        let r = run("x = ones(2, 3); W = ones(3, 4); y = x @ W; print(graph(y))")
        #expect(r.error == nil)
        #expect(r.output.hasPrefix("digraph dz {"))
        #expect(r.output.contains("[label=\"y\\n(2, 4)\", shape=ellipse"))
        #expect(r.output.contains("[label=\"W\\n(3, 4)\", shape=ellipse"))
        #expect(r.output.contains("[label=\"MatMul\", shape=box"))
    }

    @Test func showGraphAndDashDrawInTheTerminal() {
        let program = "x = ones(3); a = exp(x); b = sin(x); y = a + b; show_graph(y); graph(y, \"-\")"
        let drawing = """
            [1] y (3,) = Add
            ├── [2] a (3,) = Exp
            │   └── [3] x (3,)
            └── [4] b (3,) = Sin
                └── ↑ see [3] x

            """
        #expect(run(program).output == drawing + drawing)
        #expect(run("x = ones(3); y = x\nfor i in range(500) { y = y * 2 }\nshow_graph(y, max_lines=3)").output == """
            [1] y (3,) = Mul
            ├── [2] y (3,) = Mul
            │   ├── [3] y (3,) = Mul

            """ + "... 998 more nodes (500 functions in all: Mul ×500)\n")
    }

    @Test func explainUsesTheNamesOfTheProgram() {
        let r = run("x = ones(2, 3); b = ones(3); z = x + b * 2; explain(z)")
        #expect(r.error == nil)
        #expect(r.output == """
            backward of z (2, 3): 2 functions, newest first; the seed gz is ones (2, 3)
            1. Add  x (2, 3), t1 (3,) -> z (2, 3)
                 gx = gz   (2, 3) = (2, 3)
                 gt1 = sum_to(gz, (3,))   (3,) <- (2, 3)
            2. Mul  b (3,), 2 () -> t1 (3,)
                 gb = gt1 * 2   (3,) = (3,) * ()
                 (2 is a constant: no gradient)
            leaves: x gets gx (2, 3); b gets gb (3,)

            """)
    }

    @Test func graphFileErrors() {
        #expect(run("x = ones(2); graph(exp(x), \"/tmp/g.jpg\")").error?.contains("use a name ending in .dot, .png, .svg or .pdf") == true)
        #expect(run("x = ones(2); graph(exp(x), 3)").error?.contains("a file name or \"-\"") == true)
        #expect(run("x = ones(2); graph(exp(x), \"/nonexistent-dir/g.dot\")").error?.contains("cannot write '/nonexistent-dir/g.dot'") == true)
    }

    @Test func gradcheckCatchesAGradientBrokenWithDetach() {
        // detach(x) * x is x² in value, but its gradient is x, not 2x.
        let r = run("def f(x) = detach(x) * x\nx = [1.0, 2.0, -3.0]\ngradcheck(f, x)")
        #expect(r.error == nil)
        #expect(r.output == """
            gradcheck failed: input 0, element 2 (index (2,)): backward gives -3.0, numerical -6.000000000012662; \
            difference 3.000000000012662 > tolerance 0.0006100000000012662
            False

            """)
    }

    @Test func gradcheckCatchesAWrongGradientInASecondInput() {
        let r = run("def f(x, W) = x @ detach(W)\ngradcheck(f, randn(2, 3), randn(3, 4))")
        #expect(r.output.hasPrefix("gradcheck failed: input 1, element"))
        #expect(r.output.contains("backward gives 0.0, numerical"))
        #expect(r.output.hasSuffix("False\n"))
    }

    @Test func gradcheckPassesForCorrectGradients() {
        let programs = [
            "def f(x) = x * x\ngradcheck(f, randn(3))",
            "def f(x, W) = tanh(x @ W)\ngradcheck(f, randn(2, 3), randn(3, 4))",
            "def f(x, b) = sum(exp(x) * b + b / 3)\ngradcheck(f, randn(2, 3), randn(3))",
            "def f(x) = softmax(x, axis=1)[0, 1:3]\ngradcheck(f, randn(2, 4))",
            "def f(x) = mean(sigmoid(x) ** 2, axis=0)\ngradcheck(f, randn(4, 2), rtol=1e-5, atol=1e-6)",
        ]
        for p in programs {
            #expect(run(p).output == "True\n", "\(p)")
        }
    }
}
