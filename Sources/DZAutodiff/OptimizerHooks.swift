import DZTensor

// DeZero's optimizer hooks (dezero/optimizers.py): functions of the parameters that have a
// gradient, run by `update` before the parameters change.

/// A hook an optimizer runs on the parameters with a gradient before updating them.
public protocol OptimizerHook: AnyObject {
    /// The hook's name as the language shows it (`WeightDecay(rate=0.001)`).
    var description: String { get }
    /// Changes the gradients of `params` (each has one).
    func apply(_ params: [Variable]) throws
}

/// DeZero's `WeightDecay`: `grad += rate * data` for every parameter (L2 regularization).
public final class WeightDecay: OptimizerHook {
    public let rate: Double
    public init(rate: Double) throws {
        guard rate.isFinite else { throw TensorError.invalid(operation: "WeightDecay", message: "rate must be a finite number, got \(formatScalar(rate))") }
        self.rate = rate
    }
    public var description: String { "WeightDecay(rate=\(formatScalar(rate)))" }
    public func apply(_ params: [Variable]) throws {
        for p in params {
            guard let g = p.grad else { continue }
            // In place on the gradient variable, as DeZero's `param.grad.data += ...`.
            g.data = try g.data + NDArray(rate) * p.data
        }
    }
}

/// DeZero's `ClipGrad`: when the global L2 norm of all the gradients exceeds `maxNorm`,
/// every gradient is scaled by `maxNorm / (norm + 1e-6)`.
public final class ClipGrad: OptimizerHook {
    public let maxNorm: Double
    public init(maxNorm: Double) throws {
        guard maxNorm >= 0, maxNorm.isFinite else {
            throw TensorError.invalid(operation: "ClipGrad", message: "max_norm must be a finite number >= 0, got \(formatScalar(maxNorm))")
        }
        self.maxNorm = maxNorm
    }
    public var description: String { "ClipGrad(max_norm=\(formatScalar(maxNorm)))" }
    public func apply(_ params: [Variable]) throws {
        var total = 0.0
        for p in params {
            guard let g = p.grad else { continue }
            total += try (g.data * g.data).sum().scalars[0]
        }
        let norm = total.squareRoot()
        let rate = maxNorm / (norm + 1e-6)
        guard rate < 1 else { return }
        for p in params {
            guard let g = p.grad else { continue }
            g.data = try g.data * NDArray(rate)
        }
    }
}

/// DeZero's `FreezeParam`: the given parameters lose their gradient before each update,
/// so the optimizer leaves them as they are.
public final class FreezeParam: OptimizerHook {
    /// The frozen parameters (DeZero's `freeze_params`).
    public let params: [Variable]
    public init(params: [Variable]) { self.params = params }
    public var description: String { "FreezeParam(\(params.count) parameter\(params.count == 1 ? "" : "s"))" }
    public func apply(_ params: [Variable]) throws {
        for p in self.params { p.grad = nil }
    }
}
