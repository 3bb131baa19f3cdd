extension Builtins {
    static func unary(_ name: String, _ help: String, _ example: String, _ f: @escaping (Variable) throws -> Variable) -> Builtin {
        Builtin(name, [param("x", .tensor)], category: "arithmetic", differentiable: true, help: help, example: example) {
            .tensor(try f(try $0.tensor("x")))
        }
    }

    static func binary(_ name: String, _ help: String, _ example: String, category: String = "arithmetic",
                       _ f: @escaping (Variable, Variable) throws -> Variable) -> Builtin {
        Builtin(name, [param("a", .tensor), param("b", .tensor)], category: category, differentiable: true, help: help, example: example) {
            .tensor(try f(try $0.tensor("a"), try $0.tensor("b")))
        }
    }

    static let arithmetic: [Builtin] = [
        binary("add", "`a + b` elementwise with numpy broadcasting.", "add([1, 2], 10)", add),
        binary("sub", "`a - b` elementwise with numpy broadcasting.", "sub([1, 2], 10)", sub),
        binary("mul", "`a * b` elementwise with numpy broadcasting.", "mul([1, 2], [3, 4])", mul),
        binary("div", "`a / b` elementwise with numpy broadcasting; `1/0` is `inf` (IEEE).", "div(1, [2, 4])", div),
        unary("neg", "`-x`.", "neg([1, -2])", neg),
        binary("pow", "`a ** b` elementwise; the gradient with respect to `b` is `a ** b * log(a)`.", "pow(2, [1, 2, 3])", pow),
        binary("mod", "The remainder `a % b` with the sign of `b`, as numpy's `mod` (Python's `%`).", "mod([-7, 7], 3)", mod),
        unary("exp", "`e ** x` elementwise.", "exp([0, 1])", exp),
        unary("log", "The natural logarithm (`-inf` at 0, `nan` below).", "log([1, e])", log),
        unary("sin", "The sine.", "sin(pi / 2)", sin),
        unary("cos", "The cosine.", "cos(0)", cos),
        unary("tan", "The tangent.", "tan(pi / 4)", tan),
        unary("tanh", "The hyperbolic tangent.", "tanh([0, 1])", tanh),
        unary("sqrt", "The square root.", "sqrt([4, 9])", sqrt),
        unary("abs", "The absolute value; its gradient is `sign(x)` (0 at 0).", "abs([-2, 3])", abs),
        unary("sigmoid", "The logistic function `1 / (1 + exp(-x))`, computed as `tanh(x/2)/2 + 1/2` so it is stable for large `|x|`.",
              "sigmoid([-1000, 0, 1000])", sigmoid),
        unary("relu", "`max(x, 0)`; the gradient is 1 where `x > 0`, else 0.", "relu([-1, 2])", relu),
        Builtin("clip", [param("x", .tensor), param("lo", .tensor), param("hi", .tensor)], category: "arithmetic", differentiable: true,
                help: "`x` limited to [lo, hi]; the gradient passes where `lo <= x <= hi`. The bounds are constants.",
                example: "clip([-2, 0.5, 3], 0, 1)") { .tensor(try clip(try $0.tensor("x"), try $0.tensor("lo").data, try $0.tensor("hi").data)) },
        binary("maximum", "The larger of `a` and `b` elementwise (nan propagates); at ties the gradient goes to `a`.",
               "maximum([1, 5], [3, 2])", maximum),
        binary("minimum", "The smaller of `a` and `b` elementwise (nan propagates); at ties the gradient goes to `a`.",
               "minimum([1, 5], [3, 2])", minimum),
    ]

    static let linearAlgebra: [Builtin] = [
        binary("matmul", "The matrix product `a @ b` with numpy's rules: a 1-d operand is a row (left) or a column (right), leading axes broadcast as batches. Backward: `ga = gy @ b.T`, `gb = a.T @ gy`.",
               "matmul(ones(2, 3), ones(3, 4)).shape", category: "linalg", matmul),
        binary("dot", "numpy's `dot`: a product with a 0-d operand is elementwise; 1-d·1-d is the inner product; otherwise a sum product over the last axis of `a` and the second-to-last of `b`.",
               "dot([1, 2, 3], [4, 5, 6])", category: "linalg", dot),
        Builtin("linear", [param("x", .tensor), param("W", .tensor), param("b", .optionalTensor, DefaultValue.none)], category: "linalg",
                differentiable: true, help: "`x @ W + b` (DeZero's `linear`); `b` may be `none`.",
                example: "linear(ones(2, 3), ones(3, 4), zeros(4)).shape") {
            .tensor(try linear(try $0.tensor("x"), try $0.tensor("W"), try $0.optionalTensor("b")))
        },
    ]
}
