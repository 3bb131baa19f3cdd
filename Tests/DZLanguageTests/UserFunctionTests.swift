import Testing
import DZAutodiff
@testable import DZLanguage

/// User-defined Functions (`class MatMul(Function)`): forward on values, backward checked,
/// higher order, several outputs, one node per call, explain and graph, and the engine's
/// guarantees (no cycles, a million-node chain).
@Suite struct UserFunctionTests {
    static let matmul = """
        class MatMul(Function) {
          def forward(self, x, W) = dot(x, W)
          def backward(self, gy) {
            x, W = self.inputs
            gx = matmul(gy, W.T)
            gW = matmul(x.T, gy)
            return gx, gW
          }
        }
        def my_matmul(x, W) = MatMul()(x, W)

        """

    static let sin = """
        class Sin(Function) {
          def forward(self, x) = sin(x)
          def backward(self, gy) {
            x, = self.inputs
            return gy * cos(x)
          }
        }

        """

    @Test func theSeedsMatMulGivesTheBuiltinsGradients() {
        let r = run(Self.matmul + """
            x = randn(2, 3); W = randn(3, 4)
            y = my_matmul(x, W)
            backward(y)
            gx = x.grad; gW = W.grad
            cleargrads(x, W)
            backward(x @ W)
            print(y.shape, gx.shape, gW.shape)
            print(max(abs(gx - x.grad)), max(abs(gW - W.grad)), max(abs(y - x @ W)))
            """)
        #expect(r.error == nil)
        #expect(r.output == "(2, 4) (2, 3) (3, 4)\n0.0 0.0 0.0\n")
    }

    @Test func gradcheckAndNumericalGradAcceptARightRuleAndCatchAWrongOne() {
        let r = run(Self.matmul + """
            class Wrong(Function) {
              def forward(self, x) = x * x
              def backward(self, gy) = gy * self.inputs[0]
            }
            x = randn(2, 3); W = randn(3, 4)
            print(gradcheck(my_matmul, x, W), gradcheck(MatMul(), x, W), gradcheck(MatMul(), randn(4, 1), randn(1, 2)))
            v = [1.0, 2.0]
            print(numerical_grad(Wrong(), v))
            gradcheck(Wrong(), v)
            """)
        #expect(r.error == nil)
        #expect(r.output.hasPrefix("True True True\n[2. 4.]\ngradcheck failed: input 0, element 1 (index (1,)): backward gives 2.0, numerical 4.0"))
        #expect(r.output.hasSuffix("False\n"))
    }

    @Test func higherOrderGradientsOfAUserSin() {
        // sin' = cos, sin'' = -sin, sin''' = -cos, through a rule written with dz operations.
        let r = run(Self.sin + """
            x = 1.0
            y = Sin()(x)
            backward(y, create_graph=true)
            g1 = x.grad; cleargrad(x)
            backward(g1, create_graph=true)
            g2 = x.grad; cleargrad(x)
            backward(g2)
            g3 = x.grad
            print(g1 == cos(1.0), g2 == -sin(1.0), g3 == -cos(1.0))
            """)
        #expect(r.error == nil)
        #expect(r.output == "True True True\n")
    }

    @Test func severalOutputsAndAnUnusedOneGetsZeros() {
        let r = run("""
            class Split(Function) {
              def forward(self, x) = (x * 2, x * 3)
              def backward(self, g1, g2) {
                print(g1, g2)
                return g1 * 2 + g2 * 3
              }
            }
            x = ones(2)
            a, b = Split()(x)
            backward(b)
            x.grad
            """)
        #expect(r.error == nil)
        #expect(r.output == "[0. 0.] [1. 1.]\n[3. 3.]\n")
    }

    @Test func eachCallRecordsItsOwnNodeWithItsOwnSavedValues() {
        let r = run("""
            class Mask(Function) {
              def forward(self, x) { self.mask = x > 0; return x * self.mask }
              def backward(self, gy) = gy * self.mask
            }
            f = Mask()
            u = [1.0, -1.0]; v = [-2.0, 2.0]
            yu = f(u); yv = f(v)
            backward(sum(yu)); backward(sum(yv))
            print(u.grad, v.grad, f)
            print(len(f.inputs), f.generation)
            """)
        #expect(r.error == nil)
        #expect(r.output == "[1. 0.] [0. 1.] Mask()\n1 0\n")
    }

    @Test func generationOrderIsDeZeros() {
        // DeZero step 16: y = a² + a², a = x²; the engine visits Add, then the Square
        // added last, then the other, then a's creator.
        let r = run("""
            class Tagged(Function) {
              def __init__(self, tag) { self.tag = tag }
              def forward(self, x) = x ** 2
              def backward(self, gy) { print(self.tag); return 2 * self.inputs[0] * gy }
            }
            x = 2.0
            a = Tagged("a")(x)
            y = Tagged("b")(a) + Tagged("c")(a)
            backward(y)
            print(y, x.grad)
            """)
        #expect(r.error == nil)
        #expect(r.output == "c\nb\na\n32.0 64.0\n")
    }

    @Test(arguments: [
        ("class F(Function) { def forward(self, x, W) = dot(x, W); def backward(self, gy) = gy }\ny = F()(ones(2, 3), ones(3, 4))\nbackward(y)",
         "1:83: F.backward: returned 1 gradient for 2 inputs (x, W); return one gradient per input, none for an input without one"),
        ("class F(Function) {\n  def forward(self, x, W) = dot(x, W)\n  def backward(self, gy) {\n    x, W = self.inputs\n    return matmul(gy, W.T), matmul(gy.T, x)\n  }\n}\ny = F()(ones(2, 3), ones(3, 4))\nbackward(y)",
         "5:5: F.backward: gradient 2 (W) has shape (4, 3), expected (3, 4)"),
        ("class F(Function) { def forward(self, x) = x; def backward(self, gy) = \"g\" }\nbackward(F()(1.0))",
         "1:72: F.backward: gradient 1 (x) is the string \"g\", expected a tensor or none"),
        ("class F(Function) { def forward(self, x) = x }\nbackward(F()(1.0))",
         "2:1: F has no backward method; define backward(self, gy) returning the gradient of each input"),
        ("class F(Function) { def backward(self, gy) = gy }\nF()(1.0)",
         "2:1: F has no forward method; a Function defines forward(self, x, ...) computing its outputs from the inputs' values"),
        ("class F(Function) { def forward(self, x, W) = x }\nF()(1.0)", "2:1: F.forward() missing required argument 'W'"),
        ("class F(Function) { def forward(self, x) = x }\nF()(1.0, 2.0)", "2:1: F.forward() takes 2 positional arguments but 3 were given"),
        ("class F(Function) { def forward(self, x) = \"s\" }\nF()(1.0)",
         "1:44: F.forward must return a tensor or a tuple of tensors, got the string \"s\""),
        ("class F(Function) { def forward(self, x) = x }\nF()(\"a\")", "2:1: F(): input 1 must be a tensor, got the string \"a\""),
        ("class F(Function) { def forward(self, x) = x }\nF()(x=1.0)", "2:1: F(): a Function takes its inputs by position, got the keyword argument 'x'"),
        ("class F(Function) { def forward(self, x) { self.inputs = 1; return x } }\nF()(1.0)",
         "1:44: cannot set 'inputs' of a F: it is set by the engine"),
    ])
    func badRulesAreErrorsAtTheirPlace(source: String, expected: String) {
        #expect(run(source).error == expected)
    }

    @Test func aRuleReturningNoneGivesThatInputNoGradient() {
        let r = run("""
            class Scale(Function) {
              def forward(self, x, k) = x * k
              def backward(self, gy) = (gy * self.inputs[1], none)
            }
            x = ones(2); k = 3.0
            backward(Scale()(x, k))
            print(x.grad, k.grad)
            """)
        #expect(r.error == nil)
        #expect(r.output == "[3. 3.] none\n")
    }

    @Test func explainShowsTheRuleAsWrittenAndGraphsNameTheClass() {
        let r = run(Self.matmul + """
            x = ones(2, 3); W = ones(3, 4)
            y = my_matmul(x, W)
            explain(y)
            g = graph(y)
            print(len(g) > 0)
            """)
        #expect(r.error == nil)
        #expect(r.output == """
            backward of y (2, 4): 1 function, newest first; the seed gy is ones (2, 4)
            1. MatMul  x (2, 3), W (3, 4) -> y (2, 4)
                 rule written in MatMul.backward(self, gy), with gy (2, 4) (the gradient of y):
                   x, W = self.inputs
                   gx = matmul(gy, W.T)
                   gW = matmul(x.T, gy)
                   return gx, gW
                 returns (checked at its return): gx (2, 3), gW (3, 4)
            leaves: x gets gx (2, 3); W gets gW (3, 4)
            True

            """)
        let dot = run(Self.matmul + "x = ones(2, 3); W = ones(3, 4); print(graph(my_matmul(x, W)))").output
        #expect(dot.contains("label=\"MatMul\""))
    }

    @Test func noCyclesBetweenNodesObjectsAndGradients() {
        weak var node: Function?, grad: Variable?
        let interpreter = Interpreter(output: { _ in })
        _ = interpreter.run(SourceFile(name: "<t>", text: Self.sin + """
            f = Sin()
            x = 1.0
            y = f(f(x))
            backward(y, create_graph=true)
            """))
        if case .tensor(let y)? = interpreter.globals["y"] { node = y.creator }
        if case .tensor(let x)? = interpreter.globals["x"] { grad = x.grad }
        #expect(node != nil)
        #expect(grad?.creator != nil)
        _ = interpreter.run(SourceFile(name: "<t>", text: "y = 0; x = 0; f = 0"))
        #expect(node == nil)
        #expect(grad == nil)
    }

    @Test func aMillionNodeChainOfAUserFunctionRunsBackwardAndIsReleased() {
        // Backward and the release of the chain are iterative: neither overflows the stack.
        weak var first: Function?
        let interpreter = Interpreter(output: { _ in })
        let outcome = interpreter.run(SourceFile(name: "<t>", text: """
            class Step(Function) {
              def forward(self, x) = x + 1e-6
              def backward(self, gy) = gy
            }
            f = Step()
            x = 1.0
            y = f(x)
            first = y
            for i in range(999999) { y = f(y) }
            backward(y)
            """))
        if case .failed(let d, _) = outcome { Issue.record("\(d.message)") }
        if case .tensor(let v)? = interpreter.globals["first"] { first = v.creator }
        if case .tensor(let x)? = interpreter.globals["x"] { #expect(x.grad?.data.scalars == [1]) }
        if case .tensor(let y)? = interpreter.globals["y"] { #expect(abs(y.data.scalars[0] - 2) < 1e-6) }
        #expect(first != nil)
        _ = interpreter.run(SourceFile(name: "<t>", text: "y = 0; first = 0"))
        #expect(first == nil)
    }
}
