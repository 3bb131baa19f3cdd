extension Builtins {
    static let shape: [Builtin] = [
        Builtin("reshape", [param("x", .tensor), variadic("shape", .sizes)], category: "shape", differentiable: true,
                help: "The same elements in a new shape, given as sizes or one tuple; one size may be -1 and is inferred.",
                example: "reshape(arange(6), 2, 3)") { .tensor(try reshape(try $0.tensor("x"), try $0.sizes("shape"))) },
        Builtin("transpose", [param("x", .tensor), variadic("axes", .sizes)], category: "shape", differentiable: true,
                help: "The axes reversed, or permuted as given (sizes or one tuple). `x.T` reverses them.",
                example: "transpose(ones(2, 3, 4), 1, 0, 2).shape") { args in
            let axes = try args.sizes("axes")
            return .tensor(try transpose(try args.tensor("x"), axes.isEmpty ? nil : axes))
        },
        Builtin("broadcast_to", [param("x", .tensor), variadic("shape", .sizes)], category: "shape", differentiable: true,
                help: "`x` repeated along axes of extent 1 (and new leading axes) to fill the shape; its gradient is `sum_to`.",
                example: "broadcast_to([1, 2], 2, 2)") { .tensor(try broadcastTo(try $0.tensor("x"), try $0.sizes("shape"))) },
        Builtin("sum_to", [param("x", .tensor), variadic("shape", .sizes)], category: "shape", differentiable: true,
                help: "`x` summed down to the shape: leading axes and axes of extent 1 in the target are summed (DeZero's `sum_to`, the adjoint of broadcasting).",
                example: "sum_to(ones(2, 3), 1, 3)") { .tensor(try sumTo(try $0.tensor("x"), try $0.sizes("shape"))) },
        Builtin("expand_dims", [param("x", .tensor), param("axis", .integer)], category: "shape", differentiable: true,
                help: "A new axis of extent 1 inserted at `axis`.", example: "expand_dims([1, 2], 0).shape") {
            .tensor(try expandDims(try $0.tensor("x"), try $0.int("axis")))
        },
        Builtin("squeeze", [param("x", .tensor), param("axis", .axes, DefaultValue.none)], category: "shape", differentiable: true,
                help: "Axes of extent 1 removed: the given ones, or all.", example: "squeeze(ones(1, 3, 1)).shape") {
            .tensor(try squeeze(try $0.tensor("x"), try $0.axes("axis")))
        },
        Builtin("flatten", [param("x", .tensor)], category: "shape", differentiable: true,
                help: "The elements as a 1-d tensor (numpy's `flatten`).", example: "flatten(ones(2, 3)).shape") {
            .tensor(try flatten(try $0.tensor("x")))
        },
        Builtin("concat", [variadic("xs", .tensors), keyword("axis", .integer, .number(0))], category: "shape", differentiable: true,
                help: "Tensors joined along an existing axis (numpy's `concatenate`); give them separately or as one tuple.",
                example: "concat([1, 2], [3])") { .tensor(try concat(sequence($0, "xs"), axis: try $0.int("axis"))) },
        Builtin("stack", [variadic("xs", .tensors), keyword("axis", .integer, .number(0))], category: "shape", differentiable: true,
                help: "Tensors of one shape joined along a new axis.", example: "stack([1, 2], [3, 4]).shape") {
            .tensor(try stack(sequence($0, "xs"), axis: try $0.int("axis")))
        },
        Builtin("append", [param("a", .tensor), param("x", .tensor)], category: "shape", differentiable: true,
                help: "numpy's `append`: both flattened and joined into one 1-d tensor, handy for collecting a curve in a loop.",
                example: "losses = zeros(0); losses = append(losses, 0.5)") {
            .tensor(try concat([flatten(try $0.tensor("a")), flatten(try $0.tensor("x"))]))
        },
        Builtin("shape", [param("x", .tensor)], category: "shape",
                help: "The shape of `x` as a tuple (`x.shape`).", example: "shape(ones(2, 3))") {
            .tuple(try $0.tensor("x").shape.map { .integer($0) })
        },
        Builtin("ndim", [param("x", .tensor)], category: "shape",
                help: "The number of axes (`x.ndim`).", example: "ndim(ones(2, 3))") { .integer(try $0.tensor("x").ndim) },
        Builtin("size", [param("x", .tensor)], category: "shape",
                help: "The number of elements (`x.size`).", example: "size(ones(2, 3))") { .integer(try $0.tensor("x").size) },
        Builtin("len", [param("x", .any)], category: "shape",
                help: "The extent of the first axis of a tensor, or the number of items of a tuple or characters of a string.",
                example: "len(ones(4, 2))") { args in
            switch args.value("x") {
            case .tensor(let t):
                guard t.ndim > 0 else { throw BuiltinError("argument-value", "len(): a 0-d tensor has no length") }
                return .integer(t.shape[0])
            case .tuple(let items): return .integer(items.count)
            case .string(let s): return .integer(s.count)
            case .object(let r as RangeObject): return .integer(r.count)
            case .object(let d as DOTText): return .integer(d.text.count)
            case let v: throw BuiltinError(.argumentType("len", "x", expected: "a tensor, tuple or string", got: BuiltinArguments.describe(v)))
            }
        },
    ]

    static let reduction: [Builtin] = [
        reduce("sum", "The sum over `axis` (an integer, a tuple, or all axes when none), keeping reduced axes as 1 with `keepdims`.",
               "sum(ones(2, 3), axis=0)") { try sum($0, axes: $1, keepdims: $2) },
        reduce("mean", "The arithmetic mean over `axis` (all when none).", "mean([1, 2, 3, 4])") { try mean($0, axes: $1, keepdims: $2) },
        reduce("max", "The maximum over `axis` (all when none); the gradient goes to every element equal to the maximum.",
               "max([[1, 5], [7, 2]], axis=1)") { try max($0, axes: $1, keepdims: $2) },
        reduce("min", "The minimum over `axis` (all when none); the gradient goes to every element equal to the minimum.",
               "min([3, 1, 2])") { try min($0, axes: $1, keepdims: $2) },
        Builtin("argmax", [param("x", .tensor), param("axis", .optionalInteger, DefaultValue.none)], category: "reduce",
                help: "The index of the first maximum along `axis` (of the flattened tensor when none). Not differentiable.",
                example: "argmax([3, 9, 1])") { .array(try $0.tensor("x").data.argmax(axis: try $0.optionalInt("axis"))) },
        Builtin("argmin", [param("x", .tensor), param("axis", .optionalInteger, DefaultValue.none)], category: "reduce",
                help: "The index of the first minimum along `axis` (of the flattened tensor when none). Not differentiable.",
                example: "argmin([3, 9, 1])") { .array(try $0.tensor("x").data.argmin(axis: try $0.optionalInt("axis"))) },
    ]

    static func reduce(_ name: String, _ help: String, _ example: String,
                       _ f: @escaping (Variable, [Int]?, Bool) throws -> Variable) -> Builtin {
        Builtin(name, [param("x", .tensor), param("axis", .axes, DefaultValue.none), param("keepdims", .bool, .bool(false))],
                category: "reduce", differentiable: true, help: help, example: example) {
            .tensor(try f(try $0.tensor("x"), try $0.axes("axis"), try $0.bool("keepdims")))
        }
    }
}

/// The tensors of a sequence argument: given separately, as one tuple, or (as numpy) one
/// tensor whose first axis is the sequence.
func sequence(_ args: BuiltinArguments, _ name: String) throws -> [Variable] {
    if case .tuple(let items) = args.value(name), items.count == 1, case .tensor(let t) = items[0] {
        guard t.ndim > 0 else { return [t] }
        return try (0..<t.shape[0]).map { try getItem(t, [.index($0)]) }
    }
    return try args.tensors(name)
}
