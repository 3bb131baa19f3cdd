import DZTensor

#if canImport(Glibc)
import Glibc
#endif

/// DeZero's optimizers (`dezero/optimizers.py`): `update` changes every parameter that has
/// a gradient, in place (its ``Variable/data`` is replaced, the variable stays the same).
///
/// The formulas are DeZero's, operation for operation in the same order, so that float64
/// results repeat numpy's to the bit. Per-parameter state (velocities, squared-gradient
/// averages) is keyed by the parameter's identity, as DeZero keys it by `id(param)`.
///
/// ```swift
/// let opt = SGD(lr: 0.1)
/// try loss.backward()
/// try opt.update(model.params)    // p.data -= 0.1 * p.grad.data
/// ```
public class Optimizer {
    /// The optimizer's name (`SGD`, `Adam`, ...).
    public var name: String { "Optimizer" }
    /// The hyperparameters with their current values, in constructor order.
    public var hyperparameters: [(name: String, value: Double)] { [] }

    /// The hooks run on the parameters' gradients before each update, in the order added
    /// (DeZero's `add_hook`: ``WeightDecay``, ``ClipGrad``, ``FreezeParam``).
    public private(set) var hooks: [OptimizerHook] = []

    /// Adds a hook (DeZero's `add_hook`).
    public func addHook(_ hook: OptimizerHook) { hooks.append(hook) }

    /// Updates the parameters among `params` that have a gradient: as DeZero's `update`,
    /// the hooks first see those parameters, then each is updated (one whose gradient a
    /// hook removed, as ``FreezeParam`` does, is left unchanged).
    public func update(_ params: [Variable]) throws {
        let withGradients = params.filter { $0.grad != nil }
        for hook in hooks { try hook.apply(withGradients) }
        for p in withGradients {
            guard let g = p.grad else { continue }
            try updateOne(p, g.data)
        }
    }

    func updateOne(_ p: Variable, _ grad: NDArray) throws {}

    /// Sets a hyperparameter by name; false if there is none of that name.
    public func set(_ name: String, _ value: Double) -> Bool { false }
}

/// `p -= lr * grad`.
public final class SGD: Optimizer {
    public var lr: Double
    public init(lr: Double = 0.01) { self.lr = lr }
    public override var name: String { "SGD" }
    public override var hyperparameters: [(name: String, value: Double)] { [("lr", lr)] }
    override func updateOne(_ p: Variable, _ grad: NDArray) throws {
        p.data = try p.data - NDArray(lr) * grad
    }
    public override func set(_ name: String, _ value: Double) -> Bool {
        guard name == "lr" else { return false }
        lr = value
        return true
    }
}

/// `v = momentum * v - lr * grad; p += v`, with `v` starting at zero.
public final class MomentumSGD: Optimizer {
    public var lr: Double, momentum: Double
    var vs: [ObjectIdentifier: NDArray] = [:]
    public init(lr: Double = 0.01, momentum: Double = 0.9) { self.lr = lr; self.momentum = momentum }
    public override var name: String { "MomentumSGD" }
    public override var hyperparameters: [(name: String, value: Double)] { [("lr", lr), ("momentum", momentum)] }
    override func updateOne(_ p: Variable, _ grad: NDArray) throws {
        let key = ObjectIdentifier(p)
        var v = try vs[key] ?? NDArray.zeros(p.shape)
        v = try v * NDArray(momentum)
        v = try v - NDArray(lr) * grad
        vs[key] = v
        p.data = try p.data + v
    }
    public override func set(_ name: String, _ value: Double) -> Bool {
        switch name {
        case "lr": lr = value
        case "momentum": momentum = value
        default: return false
        }
        return true
    }
}

/// `h += grad * grad; p -= lr * grad / (sqrt(h) + eps)`.
public final class AdaGrad: Optimizer {
    public var lr: Double, eps: Double
    var hs: [ObjectIdentifier: NDArray] = [:]
    public init(lr: Double = 0.001, eps: Double = 1e-8) { self.lr = lr; self.eps = eps }
    public override var name: String { "AdaGrad" }
    public override var hyperparameters: [(name: String, value: Double)] { [("lr", lr), ("eps", eps)] }
    override func updateOne(_ p: Variable, _ grad: NDArray) throws {
        let key = ObjectIdentifier(p)
        var h = try hs[key] ?? NDArray.zeros(p.shape)
        h = try h + grad * grad
        hs[key] = h
        p.data = try p.data - NDArray(lr) * grad / (h.sqrt() + NDArray(eps))
    }
    public override func set(_ name: String, _ value: Double) -> Bool {
        switch name {
        case "lr": lr = value
        case "eps": eps = value
        default: return false
        }
        return true
    }
}

/// Zeiler's AdaDelta: `msg = rho msg + (1 - rho) grad²`,
/// `dx = sqrt((msdx + eps) / (msg + eps)) grad`, `msdx = rho msdx + (1 - rho) dx²`, `p -= dx`.
public final class AdaDelta: Optimizer {
    public var rho: Double, eps: Double
    var msg: [ObjectIdentifier: NDArray] = [:]
    var msdx: [ObjectIdentifier: NDArray] = [:]
    public init(rho: Double = 0.95, eps: Double = 1e-6) { self.rho = rho; self.eps = eps }
    public override var name: String { "AdaDelta" }
    public override var hyperparameters: [(name: String, value: Double)] { [("rho", rho), ("eps", eps)] }
    override func updateOne(_ p: Variable, _ grad: NDArray) throws {
        let key = ObjectIdentifier(p)
        var g2 = try msg[key] ?? NDArray.zeros(p.shape)
        var dx2 = try msdx[key] ?? NDArray.zeros(p.shape)
        let rho = NDArray(self.rho), oneMinusRho = NDArray(1 - self.rho), eps = NDArray(self.eps)
        g2 = try g2 * rho
        g2 = try g2 + oneMinusRho * grad * grad
        let dx = try ((dx2 + eps) / (g2 + eps)).sqrt() * grad
        dx2 = try dx2 * rho
        dx2 = try dx2 + oneMinusRho * dx * dx
        msg[key] = g2
        msdx[key] = dx2
        p.data = try p.data - dx
    }
    public override func set(_ name: String, _ value: Double) -> Bool {
        switch name {
        case "rho": rho = value
        case "eps": eps = value
        default: return false
        }
        return true
    }
}

/// Adam: `m += (1 - beta1)(grad - m)`, `v += (1 - beta2)(grad² - v)`,
/// `p -= lr m / (sqrt(v) + eps)` with the bias-corrected step
/// `lr = alpha sqrt(1 - beta2^t) / (1 - beta1^t)`, `t` counting the calls of `update`.
public final class Adam: Optimizer {
    public var alpha: Double, beta1: Double, beta2: Double, eps: Double
    /// The number of updates so far.
    public private(set) var t = 0
    var ms: [ObjectIdentifier: NDArray] = [:]
    var vs: [ObjectIdentifier: NDArray] = [:]
    public init(alpha: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, eps: Double = 1e-8) {
        self.alpha = alpha; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps
    }
    public override var name: String { "Adam" }
    public override var hyperparameters: [(name: String, value: Double)] {
        [("alpha", alpha), ("beta1", beta1), ("beta2", beta2), ("eps", eps)]
    }
    /// DeZero's `lr` property: the step size after bias correction at step `t`.
    public var lr: Double {
        let fix1 = 1.0 - Glibc.pow(beta1, Double(t))
        let fix2 = 1.0 - Glibc.pow(beta2, Double(t))
        return alpha * fix2.squareRoot() / fix1
    }
    public override func update(_ params: [Variable]) throws {
        t += 1
        try super.update(params)
    }
    override func updateOne(_ p: Variable, _ grad: NDArray) throws {
        let key = ObjectIdentifier(p)
        var m = try ms[key] ?? NDArray.zeros(p.shape)
        var v = try vs[key] ?? NDArray.zeros(p.shape)
        m = try m + NDArray(1 - beta1) * (grad - m)
        v = try v + NDArray(1 - beta2) * (grad * grad - v)
        ms[key] = m
        vs[key] = v
        p.data = try p.data - NDArray(lr) * m / (v.sqrt() + NDArray(eps))
    }
    public override func set(_ name: String, _ value: Double) -> Bool {
        switch name {
        case "alpha": alpha = value
        case "beta1": beta1 = value
        case "beta2": beta2 = value
        case "eps": eps = value
        default: return false
        }
        return true
    }
}
