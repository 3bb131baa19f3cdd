import DZTensor

// pooling (max) and average_pooling (DeZero's functions_conv.py). Max pooling remembers
// which entry each window chose; its gradient scatters to those entries and the gradient
// of that scatter gathers from them again, so every order is differentiable.

/// The windows' choices of one max pooling: for each output, the flat position in the
/// input of the entry chosen (-1 for a padded zero).
final class PoolingChoice {
    let positions: [Int]
    let inputShape: [Int], outputShape: [Int]
    init(positions: [Int], inputShape: [Int], outputShape: [Int]) {
        self.positions = positions; self.inputShape = inputShape; self.outputShape = outputShape
    }
}

/// DeZero's `Pooling`: the largest entry of each window of `x` (N, C, H, W).
public final class MaxPooling: UnaryFunction {
    let kernel: Pair, stride: Pair, pad: Pair
    var choice: PoolingChoice?
    public init(kernel: Pair, stride: Pair, pad: Pair) { self.kernel = kernel; self.stride = stride; self.pad = pad }
    public override var name: String { "Pooling" }
    public override var gradientRules: [String] { ["gx = gy scattered to the entry each window chose (argmax)"] }
    public override func compute(_ x: NDArray) throws -> NDArray {
        let g = try convGeometry(x.shape, kernel: kernel, stride: stride, pad: pad, operation: "pooling")
        let (y, positions) = try x.maxPooled(g)
        choice = PoolingChoice(positions: positions, inputShape: x.shape, outputShape: y.shape)
        return y
    }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        [try PoolingGrad(choice: choice!).call(gys[0])]
    }
}

/// DeZero's `Pooling2DGrad`: `gy` added into zeros of the input's shape at the chosen entries.
public final class PoolingGrad: UnaryFunction {
    let choice: PoolingChoice
    init(choice: PoolingChoice) { self.choice = choice }
    public override var name: String { "Pooling2DGrad" }
    public override var gradientRules: [String] { ["gx = ggx at the entries each window chose"] }
    public override func compute(_ x: NDArray) throws -> NDArray {
        try x.scattered(to: choice.positions, shape: choice.inputShape)
    }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        [try PoolingWithIndexes(choice: choice).call(gys[0])]
    }
}

/// DeZero's `Pooling2DWithIndexes`: the entries of `x` that the windows chose before.
public final class PoolingWithIndexes: UnaryFunction {
    let choice: PoolingChoice
    init(choice: PoolingChoice) { self.choice = choice }
    public override var name: String { "Pooling2DWithIndexes" }
    public override var gradientRules: [String] { ["gx = gy scattered to the entry each window chose"] }
    public override func compute(_ x: NDArray) throws -> NDArray {
        guard x.shape == choice.inputShape else {
            throw TensorError.invalid(operation: "pooling", message: "expected a gradient of shape \(formatShape(choice.inputShape)), got \(formatShape(x.shape))")
        }
        return try x.gathered(at: choice.positions, shape: choice.outputShape)
    }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        [try PoolingGrad(choice: choice).call(gys[0])]
    }
}

/// DeZero's `AveragePooling`: the mean of each window (over KH KW entries, padding as 0).
public final class AveragePooling: UnaryFunction {
    let kernel: Pair, stride: Pair, pad: Pair
    public init(kernel: Pair, stride: Pair, pad: Pair) { self.kernel = kernel; self.stride = stride; self.pad = pad }
    public override var gradientRules: [String] { ["gx = col2im(broadcast_to(gy / (KH KW), columns), x.shape)"] }
    public override func compute(_ x: NDArray) throws -> NDArray {
        try x.averagePooled(convGeometry(x.shape, kernel: kernel, stride: stride, pad: pad, operation: "average_pooling"))
    }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let x = inputs[0], gy = gys[0]
        let g = try convGeometry(x.shape, kernel: kernel, stride: stride, pad: pad, operation: "average_pooling")
        let scaled = try gy / Double(kernel.height * kernel.width)
        let spread = try broadcastTo(reshape(scaled, [g.batch, g.channels, 1, 1, g.outHeight, g.outWidth]), g.columnShape)
        return [try col2im(spread, inputShape: x.shape, kernel: kernel, stride: stride, pad: pad, toMatrix: false)]
    }
}

/// Max pooling of `x` (N, C, H, W) with windows of `kernel`: (N, C, OH, OW).
public func pooling(_ x: Variable, kernel: Pair, stride: Pair = Pair(1), pad: Pair = Pair(0)) throws -> Variable {
    try MaxPooling(kernel: kernel, stride: stride, pad: pad).call(x)
}

/// Average pooling of `x` (N, C, H, W) with windows of `kernel`: (N, C, OH, OW).
public func averagePooling(_ x: Variable, kernel: Pair, stride: Pair = Pair(1), pad: Pair = Pair(0)) throws -> Variable {
    try AveragePooling(kernel: kernel, stride: stride, pad: pad).call(x)
}
