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
/// so the optimizer leaves them as they are. The parameters of a layer are looked up at
/// each update, so a layer whose weights are made at its first call is frozen whole.
public final class FreezeParam: OptimizerHook {
    private let sources: [() -> [Variable]]
    /// The frozen parameters now (DeZero's `freeze_params`).
    public var params: [Variable] { sources.flatMap { $0() } }
    /// Freezes these parameters.
    public convenience init(params: [Variable]) { self.init(sources: [{ params }]) }
    /// Freezes what each source gives at each update (a layer's parameters).
    public init(sources: [() -> [Variable]]) { self.sources = sources }
    public var description: String {
        let n = params.count
        return "FreezeParam(\(n) parameter\(n == 1 ? "" : "s"))"
    }
    public func apply(_ params: [Variable]) throws {
        for p in self.params { p.grad = nil }
    }
}
