import DZTensor

// batch_norm (DeZero's functions.py, steps 52-60): normalization over the batch (and the
// spatial axes of images), with running statistics for test mode.

/// The running statistics of a batch normalization, updated in training as DeZero does
/// (`avg = decay avg + (1 - decay) batch`, the variance unbiased by `m / (m - 1)`).
/// They are variables so that a layer (or the language) shares them with the function.
public struct RunningStatistics {
    public let mean: Variable
    public let variance: Variable
    public init(mean: Variable, variance: Variable) { self.mean = mean; self.variance = variance }
}

/// DeZero's `BatchNorm` function: inputs `x` (N, C) or (N, C, H, W), `gamma` and `beta` (C).
/// In training it normalizes by the batch's mean and variance per channel and updates the
/// running statistics; in test mode (``TrainMode``) it uses the running statistics.
///
/// The backward is DeZero's formula `gx = gamma inv_std (gy - mean(gy) - xhat mean(xhat gy))`,
/// with `inv_std` recomputed from `x` by variable operations, so its own gradient (second
/// order) is exact, where DeZero treats `inv_std` as a constant.
public final class BatchNorm: Function {
    let statistics: RunningStatistics
    let decay: Double, eps: Double
    /// Whether the forward ran in training (batch statistics) or test mode (running ones).
    public private(set) var training = true
    /// The running statistics as the forward used them (test mode).
    var usedMean: NDArray?, usedVariance: NDArray?

    public init(statistics: RunningStatistics, decay: Double, eps: Double) {
        self.statistics = statistics; self.decay = decay; self.eps = eps
    }
    public override var gradientRules: [String] {
        training ? ["gx = gamma inv_std (gy - mean(gy) - xhat mean(xhat gy))", "ggamma = sum(xhat gy)", "gbeta = sum(gy)"]
                 : ["gx = gy gamma / sqrt(running_var + eps)", "ggamma = sum(xhat gy)", "gbeta = sum(gy)"]
    }

    /// Checks the shapes: x 2-d or 4-d, gamma, beta and the statistics (C).
    static func check(_ x: [Int], _ gamma: [Int], _ beta: [Int], _ mean: [Int], _ variance: [Int]) throws {
        guard x.count == 2 || x.count == 4 else {
            throw TensorError.invalid(operation: "batch_norm", message: "x must be 2-d (batch, channels) or 4-d (batch, channels, height, width), got shape \(formatShape(x))")
        }
        let c = x[1]
        guard c >= 1 else {
            throw TensorError.invalid(operation: "batch_norm", message: "x of shape \(formatShape(x)) has no channels to normalize")
        }
        for (name, s) in [("gamma", gamma), ("beta", beta), ("mean", mean), ("var", variance)] where s != [c] {
            throw TensorError.invalid(operation: "batch_norm", message: "\(name) must have shape (\(c),), one per channel of x \(formatShape(x)), got \(formatShape(s))")
        }
    }

    /// `x` as rows of channels: (N, C) as is, (N, C, H, W) as (N H W, C).
    static func rows(_ x: NDArray) throws -> NDArray {
        x.ndim == 2 ? x : try x.transposed([0, 2, 3, 1]).contiguous(operation: "batch_norm").reshaped([-1, x.shape[1]])
    }
    /// Rows of channels back into the shape `like`.
    static func unrows(_ y: NDArray, like shape: [Int]) throws -> NDArray {
        shape.count == 2 ? y : try y.reshaped([shape[0], shape[2], shape[3], shape[1]]).transposed([0, 3, 1, 2]).contiguous(operation: "batch_norm")
    }
    static func rows(_ x: Variable) throws -> Variable {
        x.ndim == 2 ? x : try reshape(transpose(x, [0, 2, 3, 1]), [x.size / x.shape[1], x.shape[1]])
    }
    static func unrows(_ y: Variable, like shape: [Int]) throws -> Variable {
        shape.count == 2 ? y : try transpose(reshape(y, [shape[0], shape[2], shape[3], shape[1]]), [0, 3, 1, 2])
    }

    public override func forward(_ xs: [NDArray]) throws -> [NDArray] {
        let x4 = xs[0], gamma = xs[1], beta = xs[2]
        let avgMean = statistics.mean.data, avgVar = statistics.variance.data
        try BatchNorm.check(x4.shape, gamma.shape, beta.shape, avgMean.shape, avgVar.shape)
        let x = try BatchNorm.rows(x4)
        training = TrainMode.isTraining
        let xc: NDArray
        if training {
            guard x.shape[0] > 0 else {
                throw TensorError.invalid(operation: "batch_norm", message: "x of shape \(formatShape(x4.shape)) has no samples to take statistics of")
            }
            let mean = try x.mean(axes: [0])
            let centered = try x - mean
            let variance = try (centered * centered).mean(axes: [0])
            let invStd = try NDArray(1) / (variance + NDArray(eps)).sqrt()
            xc = try centered * invStd
            let m = Double(x.size / gamma.size)
            let s = m - 1 > 1 ? m - 1 : 1
            let adjust = m / s
            statistics.mean.data = try avgMean * NDArray(decay) + NDArray(1 - decay) * mean
            statistics.variance.data = try avgVar * NDArray(decay) + NDArray((1 - decay) * adjust) * variance
        } else {
            usedMean = avgMean; usedVariance = avgVar
            let invStd = try NDArray(1) / (avgVar + NDArray(eps)).sqrt()
            xc = try (x - avgMean) * invStd
        }
        let y = try gamma * xc + beta
        return [try BatchNorm.unrows(y, like: x4.shape)]
    }

    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let shape = inputs[0].shape
        let x = try BatchNorm.rows(inputs[0]), gamma = inputs[1]
        let gy = try BatchNorm.rows(gys[0])
        let m = Double(x.shape[0])
        let gbeta = try sum(gy, axes: [0])
        if !training {
            let invStd = constant(try NDArray(1) / (usedVariance! + NDArray(eps)).sqrt())
            let xc = try (x - constant(usedMean!)) * invStd
            let ggamma = try sum(xc * gy, axes: [0])
            let gx = try gy * (gamma * invStd)
            return [try BatchNorm.unrows(gx, like: shape), ggamma, gbeta]
        }
        let mean = try sum(x, axes: [0]) / m
        let centered = try x - mean
        let variance = try sum(centered * centered, axes: [0]) / m
        let invStd = try 1.0 / sqrt(variance + eps)
        let xc = try centered * invStd
        let ggamma = try sum(xc * gy, axes: [0])
        let gx = try (gy - gbeta / m - xc * ggamma / m) * (gamma * invStd)
        return [try BatchNorm.unrows(gx, like: shape), ggamma, gbeta]
    }
}

/// DeZero's `batch_nrom` (sic): `gamma (x - mean) / sqrt(var + eps) + beta` per channel of
/// `x` (N, C) or (N, C, H, W); in training by the batch's statistics, updating `mean` and
/// `var` in place, in test mode by `mean` and `var`.
public func batchNorm(_ x: Variable, _ gamma: Variable, _ beta: Variable, mean: Variable, variance: Variable,
                      decay: Double = 0.9, eps: Double = 2e-5) throws -> Variable {
    guard eps >= 0, decay.isFinite, eps.isFinite else {
        throw TensorError.invalid(operation: "batch_norm", message: "eps must be a number >= 0 and decay finite, got eps \(eps), decay \(decay)")
    }
    return try BatchNorm(statistics: RunningStatistics(mean: mean, variance: variance), decay: decay, eps: eps)([x, gamma, beta])[0]
}
