extension Builtins {
    static let creation: [Builtin] = [
        Builtin("zeros", [variadic("shape", .sizes)], category: "create",
                help: "A tensor of zeros. The shape is given as separate sizes or as one tuple.",
                example: "zeros(2, 3)") { .array(try NDArray.zeros(try $0.sizes("shape"))) },
        Builtin("ones", [variadic("shape", .sizes)], category: "create",
                help: "A tensor of ones. The shape is given as separate sizes or as one tuple.",
                example: "ones((2, 3))") { .array(try NDArray.ones(try $0.sizes("shape"))) },
        Builtin("full", [param("shape", .sizes), param("value", .real)], category: "create",
                help: "A tensor of the given shape (a size or a tuple) filled with `value`.",
                example: "full((2, 2), 7)") { .array(try NDArray.full(try $0.sizes("shape"), try $0.double("value"))) },
        Builtin("zeros_like", [param("x", .tensor)], category: "create",
                help: "Zeros of the same shape as `x`.", example: "zeros_like(randn(2, 3))") {
            .array(try NDArray.zeros(try $0.tensor("x").shape))
        },
        Builtin("ones_like", [param("x", .tensor)], category: "create",
                help: "Ones of the same shape as `x`.", example: "ones_like(randn(2, 3))") {
            .array(try NDArray.ones(try $0.tensor("x").shape))
        },
        Builtin("randn", [variadic("shape", .sizes)], category: "create",
                help: "Samples of the standard normal distribution, the same numbers as numpy's `np.random.randn` after the same `seed`.",
                example: "seed(0); randn(2, 3)") { .array(try $0.interpreter.random.randn(try $0.sizes("shape"))) },
        Builtin("rand", [variadic("shape", .sizes)], category: "create",
                help: "Uniform samples in [0, 1), the same numbers as numpy's `np.random.rand` after the same `seed`.",
                example: "seed(0); rand(3)") { .array(try $0.interpreter.random.rand(try $0.sizes("shape"))) },
        Builtin("seed", [param("n", .real)], category: "create",
                help: "Seeds the random generator as `np.random.seed(n)` does (MT19937); `randn`, `rand`, `permutation` and `dropout` then repeat numpy's numbers.",
                example: "seed(42)") { args in
            let n = try args.double("n")
            guard n.rounded() == n else {
                throw BuiltinError(.argumentType("seed", "n", expected: "an integer", got: formatScalar(n)))
            }
            guard n >= 0 && n <= Double(UInt32.max) else {
                throw BuiltinError("argument-value", "seed(): the seed must be between 0 and 2**32 - 1, got \(formatCount(n))")
            }
            args.interpreter.random.seed(UInt32(n))
            return .none
        },
        Builtin("arange", [param("start", .real), param("stop", .optionalReal, DefaultValue.none), param("step", .real, .number(1))], category: "create",
                help: "Evenly spaced values in [start, stop) with `step`, as numpy's `arange`; with one argument, [0, start).",
                example: "arange(5); arange(1, 2, 0.25)") { args in
            if case .none = args.value("stop") { return .array(try NDArray.arange(0, try args.double("start"), try args.double("step"))) }
            return .array(try NDArray.arange(try args.double("start"), try args.double("stop"), try args.double("step")))
        },
        Builtin("linspace", [param("start", .real), param("stop", .real), param("num", .integer, .number(50))], category: "create",
                help: "`num` evenly spaced values from `start` to `stop` inclusive, as numpy's `linspace`.",
                example: "linspace(0, 1, 5)") { .array(try NDArray.linspace(try $0.double("start"), try $0.double("stop"), count: try $0.int("num"))) },
        Builtin("eye", [param("n", .integer), param("m", .optionalInteger, DefaultValue.none), keyword("k", .integer, .number(0))], category: "create",
                help: "An n×m matrix (m defaults to n) with ones on the k-th diagonal.",
                example: "eye(3)") { args in
            let n = try args.int("n"), m = try args.optionalInt("m")
            _ = try NDArray.checkedCount([n, m ?? n], operation: "eye")
            return .array(try NDArray.eye(n, m, k: try args.int("k")))
        },
    ]
}
