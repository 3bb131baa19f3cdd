extension Builtins {
    static let nn: [Builtin] = [
        Builtin("softmax", [param("x", .tensor), param("axis", .integer, .number(-1))], category: "nn", differentiable: true,
                help: "`exp(x) / sum(exp(x))` along `axis`, computed from `x - max(x)` so it never overflows.",
                example: "softmax([1, 2, 3])") { .tensor(try softmax(try $0.tensor("x"), axis: try $0.int("axis"))) },
        Builtin("log_softmax", [param("x", .tensor), param("axis", .integer, .number(-1))], category: "nn", differentiable: true,
                help: "`log(softmax(x))` along `axis`, computed as `x - logsumexp(x)` (stable for large inputs).",
                example: "log_softmax([1000, 0])") { .tensor(try logSoftmax(try $0.tensor("x"), axis: try $0.int("axis"))) },
        mse("mean_squared_error"),
        mse("mse"),
        Builtin("softmax_cross_entropy", [param("x", .tensor), param("t", .tensor)], category: "nn", differentiable: true,
                help: "The cross entropy of `softmax(x)` for scores `x` of shape (N, C) against class indices `t` (N integers), averaged over the batch (DeZero's `softmax_cross_entropy`). The gradient is `(softmax(x) - onehot(t)) / N`.",
                example: "softmax_cross_entropy([[2, 0, 1]], [0])") { .tensor(try softmaxCrossEntropy(try $0.tensor("x"), try $0.tensor("t"))) },
        Builtin("sigmoid_cross_entropy", [param("x", .tensor), param("t", .tensor)], category: "nn", differentiable: true,
                help: "The binary cross entropy of `sigmoid(x)` against targets `t` in {0, 1}, summed and divided by `len(x)` (DeZero), computed stably as `max(x, 0) - x t + log(1 + exp(-|x|))`.",
                example: "sigmoid_cross_entropy([[0.5], [-1]], [[1], [0]])") { .tensor(try sigmoidCrossEntropy(try $0.tensor("x"), try $0.tensor("t"))) },
        Builtin("dropout", [param("x", .tensor), param("ratio", .real, .number(0.5))], category: "nn", differentiable: true,
                help: "DeZero's dropout: each element is zeroed with probability `ratio` and the rest scaled by `1 / (1 - ratio)`, with the mask from the seeded generator; inside `test_mode { }` the input passes unchanged.",
                example: "seed(0); dropout(ones(5))") { .tensor(try dropout(try $0.tensor("x"), ratio: try $0.double("ratio"), using: &$0.interpreter.random)) },
        Builtin("accuracy", [param("y", .tensor), param("t", .tensor)], category: "nn",
                help: "The fraction of rows of scores `y` (N, C) whose largest score is at the class index in `t` (DeZero's `accuracy`). Not differentiable.",
                example: "accuracy([[0.1, 0.9], [0.8, 0.2]], [1, 1])") { args in
            let y = try args.tensor("y").data, t = try args.tensor("t").data
            guard y.ndim == 2 else {
                throw BuiltinError("argument-value", "accuracy(): scores must be 2-d (batch, classes), got shape \(formatShape(y.shape))")
            }
            let predicted = try y.argmax(axis: 1)
            guard predicted.size == t.size else {
                throw BuiltinError("argument-value", "accuracy(): \(t.size) labels for \(predicted.size) rows of scores")
            }
            return .array(try NDArray.equal(predicted, t.reshaped([t.size])).mean())
        },
    ]

    static func mse(_ name: String) -> Builtin {
        Builtin(name, [param("a", .tensor), param("b", .tensor)], category: "nn", differentiable: true,
                help: "DeZero's mean squared error: `sum((a - b) ** 2) / len(a)` (the sum over all elements divided by the first axis).",
                example: "\(name)([1, 2], [1, 4])") { .tensor(try meanSquaredError(try $0.tensor("a"), try $0.tensor("b"))) }
    }
}
