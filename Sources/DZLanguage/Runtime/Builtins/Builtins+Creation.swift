extension Builtins {
    static let creation: [Builtin] = [
        Builtin("zeros", [variadic("shape", .sizes), keyword("dtype", .any, DefaultValue.none)], category: "create",
                help: "A tensor of zeros, float64 unless `dtype=` says otherwise. The shape is given as separate sizes or as one tuple.",
                example: "zeros(2, 3); zeros(2, dtype=int64)") { .array(try created(NDArray.zeros(try $0.sizes("shape")), $0)) },
        Builtin("ones", [variadic("shape", .sizes), keyword("dtype", .any, DefaultValue.none)], category: "create",
                help: "A tensor of ones, float64 unless `dtype=` says otherwise. The shape is given as separate sizes or as one tuple.",
                example: "ones((2, 3)); ones(3, dtype=float32)") { .array(try created(NDArray.ones(try $0.sizes("shape")), $0)) },
        Builtin("full", [param("shape", .sizes), param("value", .real), keyword("dtype", .any, DefaultValue.none)], category: "create",
                help: "A tensor of the given shape (a size or a tuple) filled with `value`, of `value`'s dtype unless `dtype=` says otherwise (`full(2, 7)` is int64, as numpy's).",
                example: "full((2, 2), 7); full(3, 0.5)") { args in
            let value = try args.tensor("value").data
            let filled = try value.reshaped([]).broadcast(to: try args.sizes("shape")).contiguous(operation: "full")
            return .array(try created(filled, args))
        },
        Builtin("zeros_like", [param("x", .tensor), keyword("dtype", .any, DefaultValue.none)], category: "create",
                help: "Zeros of the same shape and dtype as `x` (or of `dtype=`).", example: "zeros_like(randn(2, 3)); zeros_like([1, 2])") { args in
            let x = try args.tensor("x").data
            return .array(try created(NDArray.zeros(x.shape), args, default: x.dtype))
        },
        Builtin("ones_like", [param("x", .tensor), keyword("dtype", .any, DefaultValue.none)], category: "create",
                help: "Ones of the same shape and dtype as `x` (or of `dtype=`).", example: "ones_like(randn(2, 3)); ones_like([1, 2])") { args in
            let x = try args.tensor("x").data
            return .array(try created(NDArray.ones(x.shape), args, default: x.dtype))
        },
        Builtin("randn", [variadic("shape", .sizes), keyword("dtype", .any, DefaultValue.none)], category: "create",
                help: "Samples of the standard normal distribution, the same numbers as numpy's `np.random.randn` after the same `seed`; `dtype=float32` rounds them (as numpy's `randn(...).astype(np.float32)`).",
                example: "seed(0); randn(2, 3)") { .array(try created($0.interpreter.random.randn(try $0.sizes("shape")), $0)) },
        Builtin("rand", [variadic("shape", .sizes), keyword("dtype", .any, DefaultValue.none)], category: "create",
                help: "Uniform samples in [0, 1), the same numbers as numpy's `np.random.rand` after the same `seed`; `dtype=float32` rounds them.",
                example: "seed(0); rand(3)") { .array(try created($0.interpreter.random.rand(try $0.sizes("shape")), $0)) },
        Builtin("randint", [param("low", .integer), param("high", .any, DefaultValue.none), param("size", .any, DefaultValue.none)], category: "create",
                help: "Random int64 integers in [low, high) (in [0, low) without `high`), the same numbers as numpy's `np.random.randint` after the same `seed`; `size` is a size or a tuple (a 0-d tensor without it). Useful for labels and indices: `t = randint(3, size=10)`.",
                example: "seed(0); randint(10, size=5); randint(3, 7, size=(2, 2))") { args in
            var low = Int64(try args.int("low")), high: Int64
            if case .none = args.value("high") { (low, high) = (0, low) } else {
                high = Int64(try BuiltinArguments.integer(args.value("high"), function: "randint", parameter: "high"))
            }
            guard low < high else {
                throw BuiltinError("argument-value", high <= 0 && low == 0 ? "randint(): high <= 0 (got \(high)); the integers are drawn from [0, high)" : "randint(): low >= high (low \(low), high \(high))")
            }
            let shape: [Int]
            if case .none = args.value("size") { shape = [] } else { shape = try BuiltinArguments.sizes(args.value("size"), function: "randint", parameter: "size") }
            return .array(try args.interpreter.random.randint(low: low, high: high, shape: shape))
        },
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
        Builtin("arange", [param("start", .real), param("stop", .optionalReal, DefaultValue.none), param("step", .real, .integer(1)),
                           keyword("dtype", .any, DefaultValue.none)], category: "create",
                help: "Evenly spaced values in [start, stop) with `step`, as numpy's `arange`; with one argument, [0, start). int64 when every argument is an integer (`arange(5)`), else float64.",
                example: "arange(5); arange(1, 2, 0.25)") { args in
            let hasStop: Bool
            if case .none = args.value("stop") { hasStop = false } else { hasStop = true }
            let start = hasStop ? try args.tensor("start").data : NDArray(integer: 0)
            let stop = hasStop ? try args.tensor("stop").data : try args.tensor("start").data
            let step = try args.tensor("step").data
            if [start, stop, step].allSatisfy({ $0.dtype == .int64 || $0.dtype == .bool }) {
                return .array(try created(try integerRange(start.integerScalar!, stop.integerScalar!, step.integerScalar!), args))
            }
            return .array(try created(try NDArray.arange(start.scalar!, stop.scalar!, step.scalar!), args))
        },
        Builtin("linspace", [param("start", .real), param("stop", .real), param("num", .integer, .integer(50)),
                             keyword("dtype", .any, DefaultValue.none)], category: "create",
                help: "`num` evenly spaced values from `start` to `stop` inclusive, as numpy's `linspace` (float64 unless `dtype=` says otherwise).",
                example: "linspace(0, 1, 5)") { .array(try created(NDArray.linspace(try $0.double("start"), try $0.double("stop"), count: try $0.int("num")), $0)) },
        Builtin("eye", [param("n", .integer), param("m", .optionalInteger, DefaultValue.none), keyword("k", .integer, .integer(0)),
                        keyword("dtype", .any, DefaultValue.none)], category: "create",
                help: "An n×m matrix (m defaults to n) with ones on the k-th diagonal, float64 unless `dtype=` says otherwise.",
                example: "eye(3)") { args in
            let n = try args.int("n"), m = try args.optionalInt("m")
            _ = try NDArray.checkedCount([n, m ?? n], operation: "eye")
            return .array(try created(NDArray.eye(n, m, k: try args.int("k")), args))
        },
    ]
}

/// A new array converted to the call's `dtype=` (or to `fallback` when none is given).
func created(_ a: NDArray, _ args: BuiltinArguments, default fallback: DType? = nil) throws -> NDArray {
    guard let dtype = try args.dtype("dtype") ?? fallback, dtype != a.dtype else { return a }
    return try a.astype(dtype)
}

/// numpy's `arange` of integers: int64 values `start, start + step, ...` before `stop`.
func integerRange(_ start: Int64, _ stop: Int64, _ step: Int64) throws -> NDArray {
    guard step != 0 else { throw TensorError.invalid(operation: "arange", message: "step must not be zero") }
    // The length in wider arithmetic: `stop - start` may overflow Int64.
    let span = Double(stop) - Double(start)
    let estimate = (span / Double(step)).rounded(.up)
    guard estimate < 9.0e15 else {
        throw TensorError.invalid(operation: "arange", message: "an array of shape (\(formatScalar(estimate)),) does not fit in this machine's memory")
    }
    var n = 0
    if estimate > 0 {
        let (d, overflow) = stop.subtractingReportingOverflow(start)
        if overflow { n = Int(estimate) } else {
            let q = d / step, r = d % step
            n = Int(q + (r != 0 ? 1 : 0))
        }
    }
    _ = try NDArray.checkedCount([n], operation: "arange")
    return try NDArray(shape: [n], integers: (0..<n).map { start &+ Int64($0) &* step })
}
