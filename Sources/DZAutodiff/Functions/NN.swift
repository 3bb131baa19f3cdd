// softmax, log_softmax and the losses of DeZero, in numerically stable forms, and dropout.

extension NDArray {
    /// `log(sum(exp(x), axis, keepdims: true))`, computed as DeZero's `logsumexp`:
    /// `m + log(sum(exp(x - m)))` with `m` the maximum, so it never overflows.
    func logSumExp(axis: Int) throws -> NDArray {
        let m = try max(axes: [axis], keepdims: true)
        let s = try (self - m).exp().sum(axes: [axis], keepdims: true).log()
        return try m + s
    }
}

/// `exp(x) / sum(exp(x), axis)`, computed from `x - max(x)`.
public final class Softmax: Function {
    let axis: Int
    public init(axis: Int) { self.axis = axis }
    public override var gradientRules: [String] { ["gx = y * gy - y * sum(y * gy, axis=\(axis), keepdims)"] }
    public override func forward(_ xs: [NDArray]) throws -> [NDArray] {
        let x = xs[0]
        let y = try (x - x.max(axes: [axis], keepdims: true)).exp()
        return [try y / y.sum(axes: [axis], keepdims: true)]
    }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let y = try output(0) ?? softmax(inputs[0], axis: axis)
        let gx = try y * gys[0]
        let s = try sum(gx, axes: [axis], keepdims: true)
        return [try gx - y * s]
    }
}

/// `x - logsumexp(x, axis)`.
public final class LogSoftmax: Function {
    let axis: Int
    public init(axis: Int) { self.axis = axis }
    public override var gradientRules: [String] { ["gx = gy - exp(y) * sum(gy, axis=\(axis), keepdims)"] }
    public override func forward(_ xs: [NDArray]) throws -> [NDArray] {
        [try xs[0] - xs[0].logSumExp(axis: axis)]
    }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let y = try output(0) ?? logSoftmax(inputs[0], axis: axis)
        return [try gys[0] - exp(y) * sum(gys[0], axes: [axis], keepdims: true)]
    }
}

/// DeZero's `mean_squared_error`: `sum((x0 - x1) ** 2) / len(x0 - x1)`.
public final class MeanSquaredError: Function {
    public override var gradientRules: [String] {
        // N is len(x0 - x1), the first extent of the broadcast shape.
        let n = inputs.count == 2 ? (try? NDArray.broadcastShape(inputs[0].shape, inputs[1].shape, operation: "mean_squared_error"))?.first : nil
        let N = n.map(String.init) ?? "N"
        return ["gx0 = gy * 2 * (x0 - x1) / \(N)", "gx1 = -gy * 2 * (x0 - x1) / \(N)"]
    }
    public override func forward(_ xs: [NDArray]) throws -> [NDArray] {
        let diff = try xs[0] - xs[1]
        guard diff.ndim > 0 else {
            throw TensorError.invalid(operation: "mean_squared_error", message: "len() of a 0-d array; the inputs need a first axis")
        }
        return [try (diff * diff).sum().map { $0 / Double(diff.shape[0]) }]
    }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let x0 = inputs[0], x1 = inputs[1]
        let g: Variable
        if !GradMode.isEnabled, let gy = gys[0].data.scalar {
            // No graph to record: DeZero's arithmetic, gy * (x0 - x1) * (2 / N), in one loop.
            let shape = try NDArray.broadcastShape(x0.shape, x1.shape, operation: "mean_squared_error")
            let c = 2.0 / Double(shape[0])
            g = Variable(try NDArray.combine(x0.data, x1.data, operation: "sub") { a, b in gy * (a - b) * c })
        } else {
            let diff = try x0 - x1
            g = try broadcastTo(gys[0], diff.shape) * diff * (2.0 / Double(diff.shape[0]))
        }
        return [try unbroadcast(g, to: x0.shape), try unbroadcast(neg(g), to: x1.shape)]
    }
}

/// DeZero's `softmax_cross_entropy`: the mean over the batch of `-log softmax(x)[t]`, for
/// scores `x` of shape (N, C) and class indices `t` of N elements.
public final class SoftmaxCrossEntropy: Function {
    public override var gradientRules: [String] {
        let N = inputs.first.flatMap { $0.shape.first }.map(String.init) ?? "N"
        return ["gx = gy * (softmax(x) - onehot(t)) / \(N)", "gt = none (class labels get no gradient)"]
    }
    public override func forward(_ xs: [NDArray]) throws -> [NDArray] {
        let x = xs[0], t = xs[1]
        let labels = try SoftmaxCrossEntropy.labels(t, scores: x)
        let logP = try x - x.logSumExp(axis: 1)
        // log_p[arange(N), t]
        let c = x.shape[1]
        let logPs = logP.scalars
        let values = labels.enumerated().map { logPs[$0.offset * c + $0.element] }
        let total = try NDArray(values).sum()
        return [try total.map { -$0 / Double(x.shape[0]) }]
    }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let x = inputs[0]
        let labels = try SoftmaxCrossEntropy.labels(inputs[1].data, scores: x.data)
        let n = x.shape[0], c = x.shape[1]
        var onehot = [Double](repeating: 0, count: n * c)
        for (i, label) in labels.enumerated() { onehot[i * c + label] = 1 }
        let y = try softmax(x, axis: 1)
        let diff = try y - constant(NDArray(shape: [n, c], scalars: onehot))
        return [try diff * (gys[0] / Double(n)), nil]
    }

    /// Validates scores (N, C) and labels of N integers in 0..<C.
    static func labels(_ t: NDArray, scores x: NDArray) throws -> [Int] {
        guard x.ndim == 2 else {
            throw TensorError.invalid(operation: "softmax_cross_entropy",
                message: "scores must be 2-d (batch, classes), got shape \(formatShape(x.shape))")
        }
        guard t.size == x.shape[0] else {
            throw TensorError.invalid(operation: "softmax_cross_entropy",
                message: "\(t.size) labels for a batch of \(x.shape[0]) (scores \(formatShape(x.shape)), labels \(formatShape(t.shape)))")
        }
        return try t.scalars.map { v in
            guard v.rounded() == v, v >= 0, v < Double(x.shape[1]) else {
                throw TensorError.invalid(operation: "softmax_cross_entropy",
                    message: "label \(formatCount(v)) is not a class index: the scores have \(x.shape[1]) classes, 0 to \(x.shape[1] - 1)")
            }
            return Int(v)
        }
    }
}

/// Softmax along `axis`.
public func softmax(_ x: Variable, axis: Int = -1) throws -> Variable {
    try Softmax(axis: NDArray.normalizeAxis(axis, ndim: x.ndim, operation: "softmax"))(x)
}
/// Log-softmax along `axis`, stable for large inputs.
public func logSoftmax(_ x: Variable, axis: Int = -1) throws -> Variable {
    try LogSoftmax(axis: NDArray.normalizeAxis(axis, ndim: x.ndim, operation: "log_softmax"))(x)
}
/// `sum((x0 - x1) ** 2) / len(x0)` (DeZero's `mean_squared_error`).
public func meanSquaredError(_ x0: Variable, _ x1: Variable) throws -> Variable { try MeanSquaredError()(x0, x1) }
/// The mean cross entropy of softmax scores `x` (N, C) against class indices `t`.
public func softmaxCrossEntropy(_ x: Variable, _ t: Variable) throws -> Variable { try SoftmaxCrossEntropy()(x, t) }

/// The mean binary cross entropy of `sigmoid(x)` against targets `t`, over the first axis
/// as DeZero (`-sum(t log p + (1 - t) log(1 - p)) / len(x)`), computed in the stable form
/// `max(x, 0) - x t + log(1 + exp(-|x|))`, which never takes the log of 0.
public func sigmoidCrossEntropy(_ x: Variable, _ t: Variable) throws -> Variable {
    guard x.ndim > 0 else {
        throw TensorError.invalid(operation: "sigmoid_cross_entropy", message: "len() of a 0-d array; the inputs need a first axis")
    }
    let zero = Variable(constant: NDArray(0.0))
    let softplus = try log(1.0 + exp(neg(abs(x))))
    let terms = try maximum(x, zero) - x * t + softplus
    return try sum(terms) / Double(x.shape[0])
}

/// DeZero's `dropout`: in training, each element is kept with probability `1 - ratio` and
/// scaled by `1 / (1 - ratio)`, with the mask drawn from the global generator; in test
/// mode (``TrainMode``) `x` passes unchanged.
public func dropout(_ x: Variable, ratio: Double = 0.5) throws -> Variable {
    var generator = GlobalRandom.snapshot()
    defer { GlobalRandom.restore(generator) }
    return try dropout(x, ratio: ratio, using: &generator)
}

/// Dropout with the mask drawn from `generator`.
public func dropout(_ x: Variable, ratio: Double = 0.5, using generator: inout RandomState) throws -> Variable {
    guard ratio >= 0 && ratio < 1 else {
        throw TensorError.invalid(operation: "dropout", message: "ratio must be in [0, 1), got \(ratio)")
    }
    guard TrainMode.isTraining else { return x }
    let mask = try NDArray.greater(generator.rand(x.shape), NDArray(ratio))
    return try x * constant(mask) / (1.0 - ratio)
}
