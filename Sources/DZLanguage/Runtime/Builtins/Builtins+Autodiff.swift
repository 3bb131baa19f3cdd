extension Builtins {
    static let autodiff: [Builtin] = [
        Builtin("backward", [param("y", .any), param("retain_grad", .bool, .bool(false)), param("create_graph", .bool, .bool(false))],
                category: "autodiff",
                help: "Computes the gradient of `y` with respect to every tensor it was computed from (DeZero semantics): a non-scalar `y` is seeded with ones; gradients accumulate into the leaves' `.grad`; intermediate tensors keep theirs only with `retain_grad=true`; with `create_graph=true` the gradients are themselves differentiable. Prints nothing; look at `x.grad` or `:vars`.",
                example: "x = 2.0; y = x ** 3; backward(y); x.grad") { args in
            guard case .tensor(let y) = args.value("y") else {
                throw BuiltinError("backward-type", "backward(): y must be a tensor, got a \(args.value("y").kindName)")
            }
            try y.backward(retainGrad: try args.bool("retain_grad"), createGraph: try args.bool("create_graph"))
            return .none
        },
        Builtin("grad", [param("y", .tensor), variadic("xs", .tensors), keyword("create_graph", .bool, .bool(false))], category: "autodiff",
                help: "The gradients of `y` with respect to the tensors `xs` (one tensor, or a tuple for several), without reading or changing any `.grad`. A tensor `y` does not depend on gets zeros.",
                example: "x = 3.0; grad(x * x, x)") { args in
            let xs = try args.tensors("xs")
            guard !xs.isEmpty else { throw BuiltinError(.missingArgument("grad", "xs")) }
            let gs = try grad(of: try args.tensor("y"), withRespectTo: xs, createGraph: try args.bool("create_graph"))
            return gs.count == 1 ? .tensor(gs[0]) : .tuple(gs.map { .tensor($0) })
        },
        Builtin("cleargrad", [param("x", .tensor)], category: "autodiff",
                help: "Forgets the gradient of `x` (`x.cleargrad()`).", example: "cleargrad(x)") { args in
            try args.tensor("x").cleargrad()
            return .none
        },
        Builtin("cleargrads", [variadic("xs", .tensors)], category: "autodiff",
                help: "Forgets the gradients of all the given tensors.", example: "cleargrads(W, b)") { args in
            for x in try args.tensors("xs") { x.cleargrad() }
            return .none
        },
        Builtin("detach", [param("x", .tensor)], category: "autodiff",
                help: "A new leaf tensor with the values of `x`, cut off from its graph.", example: "detach(x * 2)") {
            .tensor(try $0.tensor("x").detached())
        },
        Builtin("numerical_grad", [param("f", .function), param("x", .tensor)], category: "autodiff",
                help: "The gradient of `sum(f(x))` at `x` by central differences (step 1e-4), for checking a backward pass.",
                example: "numerical_grad(sin, 0.5)") { args in
            let f = try args.callable("f"), interpreter = args.interpreter
            let g = try numericalGradient({ x in try interpreter.tensorResult(of: f, [.tensor(x)]) }, at: try args.tensor("x").data)
            return .array(g)
        },
        Builtin("gradcheck", [param("f", .function), variadic("xs", .tensors), keyword("rtol", .real, .number(1e-4)), keyword("atol", .real, .number(1e-5))],
                category: "autodiff",
                help: "Whether the backward pass of `f` at the tensors `xs` agrees with central differences within `atol + rtol * |numerical|` for every element, as numpy's `allclose` (a nan never passes; `rtol` and `atol` must be numbers >= 0); on failure prints the worst element with both values.",
                example: "gradcheck(tanh, randn(3))") { args in
            let f = try args.callable("f"), interpreter = args.interpreter
            let mismatch = try gradientMismatch({ vs in try interpreter.tensorResult(of: f, vs.map { .tensor($0) }) },
                                                at: try args.tensors("xs").map(\.data), rtol: try args.double("rtol"), atol: try args.double("atol"))
            if let m = mismatch {
                interpreter.output("gradcheck failed: \(m)\n")
                return .bool(false)
            }
            return .bool(true)
        },
    ]
}

extension Interpreter {
    /// Calls `f` and requires a tensor result (for numerical checks).
    func tensorResult(of f: Callable, _ arguments: [Value]) throws -> Variable {
        let v = try callValue(f, arguments)
        guard case .tensor(let t) = v else {
            throw BuiltinError("argument-type", "\(f.name)() must return a tensor, got a \(v.kindName)")
        }
        return t
    }
}
