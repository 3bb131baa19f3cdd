/// The small builtins numpy users reach for: std var prod cumsum (reductions), sign floor
/// ceil where (elementwise), outer norm (linear algebra), and the Python helpers
/// enumerate zip item type.
extension Builtins {
    static let statistics: [Builtin] = [
        Builtin("std", [param("x", .tensor), param("axis", .axes, DefaultValue.none), param("keepdims", .bool, .bool(false)),
                        param("ddof", .real, .number(0))], category: "reduce", differentiable: true,
                help: "The standard deviation over `axis` (all when none), `sqrt(var(x))`, as numpy's `std`: divided by `n - ddof` (`ddof=1` for the sample estimate). The gradient is nan where the deviation is 0 (the square root at 0), as PyTorch's.",
                example: "std([1, 2, 3, 4])") { args in
            .tensor(try standardDeviation(try args.tensor("x"), axes: try args.axes("axis"), keepdims: try args.bool("keepdims"), ddof: try args.double("ddof")))
        },
        Builtin("var", [param("x", .tensor), param("axis", .axes, DefaultValue.none), param("keepdims", .bool, .bool(false)),
                        param("ddof", .real, .number(0))], category: "reduce", differentiable: true,
                help: "The variance over `axis` (all when none), as numpy's `var`: `sum((x - mean(x)) ** 2) / (n - ddof)`; `n - ddof <= 0` divides by 0 (inf or nan), as numpy does.",
                example: "var([[1, 2], [3, 5]], axis=0)") { args in
            .tensor(try variance(try args.tensor("x"), axes: try args.axes("axis"), keepdims: try args.bool("keepdims"), ddof: try args.double("ddof")))
        },
        reduce("prod", "The product over `axis` (all when none), as numpy's `prod` (an empty product is 1). The gradient of each element is `gy` times the product of the others, computed without division, so zeros are handled exactly (no nan).",
               "prod([[1, 2], [3, 4]], axis=1)") { try prod($0, axes: $1, keepdims: $2) },
        Builtin("cumsum", [param("x", .tensor), param("axis", .optionalInteger, DefaultValue.none)], category: "reduce", differentiable: true,
                help: "The cumulative sum along `axis`; with `axis=none` of the flattened tensor (a 1-d result), as numpy's `cumsum`. The gradient is the cumulative sum of `gy` taken from the end.",
                example: "cumsum([[1, 2], [3, 4]], axis=1)") { args in
            .tensor(try cumsum(try args.tensor("x"), axis: try args.optionalInt("axis")))
        },
        Builtin("sign", [param("x", .tensor)], category: "arithmetic",
                help: "-1, 0 or 1 by the sign of each element (`nan` stays `nan`), as numpy's `sign`. Piecewise constant: its gradient is zero everywhere, as PyTorch's.",
                example: "sign([-2, 0, 3])") { .tensor(try sign(try $0.tensor("x"))) },
        Builtin("floor", [param("x", .tensor)], category: "arithmetic",
                help: "The largest integer not above each element, as numpy's `floor`. Piecewise constant: its gradient is zero everywhere, as PyTorch's.",
                example: "floor([-1.5, 2.7])") { .tensor(try floor(try $0.tensor("x"))) },
        Builtin("ceil", [param("x", .tensor)], category: "arithmetic",
                help: "The smallest integer not below each element, as numpy's `ceil`. Piecewise constant: its gradient is zero everywhere, as PyTorch's.",
                example: "ceil([-1.5, 2.2])") { .tensor(try ceil(try $0.tensor("x"))) },
        Builtin("where", [param("condition", .tensor), param("x", .tensor), param("y", .tensor)], category: "arithmetic", differentiable: true,
                help: "`x` where `condition` is true (nonzero), else `y`, the three broadcast together (numpy's three-argument `where`). The gradient goes to `x` where the condition holds and to `y` elsewhere; the condition gets none.",
                example: "where([1, -2, 3] > 0, [1, -2, 3], 0)") { args in
            .tensor(try whereSelect(try args.tensor("condition").data, try args.tensor("x"), try args.tensor("y")))
        },
        binary("outer", "The outer product of `a` and `b` flattened, `a[i] * b[j]`, as numpy's `outer`.",
               "outer([1, 2], [1, 10, 100])", category: "linalg", outer),
        Builtin("norm", [param("x", .tensor), param("ord", .any, DefaultValue.none), param("axis", .axes, DefaultValue.none),
                         param("keepdims", .bool, .bool(false))], category: "linalg", differentiable: true,
                help: "numpy's `linalg.norm`. With no `ord` and no `axis`: the 2-norm of the flattened tensor. Over one axis (or of a 1-d tensor) a vector norm: `ord=2` (default), `1`, `inf`, `-inf`, `0` (the count of nonzero elements, no gradient) or any other p, `sum(abs(x) ** p) ** (1 / p)`. Over two axes (or of a 2-d tensor with `ord`): `none`/`\"fro\"` (Frobenius), `1`, `-1` (column sums), `inf`, `-inf` (row sums); singular-value norms (`2`, `-2`, `\"nuc\"`) are not supported. At a zero norm the gradient is 0 (PyTorch's subgradient).",
                example: "norm([3, 4])") { args in
            .tensor(try norm(try args.tensor("x"), ord: try normOrder(args.value("ord")), axes: try args.axes("axis"), keepdims: try args.bool("keepdims")))
        },
        Builtin("enumerate", [param("iterable", .any), keyword("start", .integer, .number(0))], category: "io",
                help: "Pairs `(i, item)` for each item of `iterable` (a tuple, the first axis of a tensor, a range, a data loader, zip ...), counting from `start`, as Python's: `for i, x in enumerate(xs) { }`. The counters are numbers (0-d tensors), as `range`'s.",
                example: "for i, x in enumerate([10, 20]) { print(i, x) }") { args in
            let source = args.value("iterable")
            if let what = notIterable(source) {
                throw BuiltinError(.argumentType("enumerate", "iterable", expected: "something a for loop can iterate over", got: what))
            }
            return .object(EnumerateObject(source: source, start: try args.int("start"), interpreter: args.interpreter))
        },
        Builtin("zip", [variadic("iterables", .any)], category: "io",
                help: "Tuples of one item from each iterable (tuples, first axes of tensors, ranges, data loaders ...), stopping at the shortest, as Python's: `for a, b in zip(xs, ys) { }`.",
                example: "for a, b in zip((1, 2, 3), [10, 20]) { print(a + b) }") { args in
            guard case .tuple(let sources) = args.value("iterables") else { return .none }
            for (i, s) in sources.enumerated() {
                if let what = notIterable(s) {
                    throw BuiltinError("argument-type", "zip(): argument \(i + 1) must be something a for loop can iterate over, got \(what)")
                }
            }
            return .object(ZipObject(sources: sources, interpreter: args.interpreter))
        },
        Builtin("item", [param("x", .tensor)], category: "io",
                help: "The value of a one-element tensor as a number (`x.item()`), of the tensor's dtype. dz has no separate Python float: the number is a new 0-d tensor, detached from the graph (as PyTorch's `item()` leaves it).",
                example: "ones(1, 1).item()") { args in
            let x = try args.tensor("x")
            guard x.size == 1 else {
                throw BuiltinError("argument-value", "item(): only a one-element tensor converts to a number, got a tensor of shape \(formatShape(x.shape))")
            }
            return .array(try x.data.reshaped([]).contiguous(operation: "item"))
        },
        Builtin("type", [param("x", .any)], category: "io",
                help: "What kind of value `x` is, as a string: `\"tensor\"` (numbers and bools too: every number is a 0-d tensor; `x.dtype` tells which), `\"tuple\"`, `\"str\"`, `\"none\"`, `\"function\"` (builtin or `def`), `\"class\"`, or an object's class name (`\"Linear\"`, `\"SGD\"`, `\"range\"`, `\"DataLoader\"`, a user class's name). Use `x.shape` for a tensor's shape.",
                example: "type([1, 2]), type(\"a\"), type(range(3))") { args in
            let v = args.value("x")
            switch v {
            case .string: return .string("str")
            default: return .string(v.kindName)
            }
        },
    ]

    /// `ord=` of `norm`: none, a number (inf included), or "fro"/"f"/"nuc".
    static func normOrder(_ v: Value) throws -> NormOrder? {
        switch v {
        case .none: return nil
        case .tensor(let t) where t.size == 1 && t.ndim == 0:
            guard let p = t.data.scalar, !p.isNaN else { break }
            return .number(p)
        case .string("fro"), .string("f"): return .frobenius
        case .string("nuc"): return .nuclear
        default: break
        }
        throw BuiltinError(.argumentType("norm", "ord", expected: "none, a number (inf included), \"fro\" or \"nuc\"", got: BuiltinArguments.describe(v)))
    }
}
