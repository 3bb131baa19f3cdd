// exp log sin cos tan tanh sqrt abs sigmoid relu clip maximum minimum. Derivatives are
// written with variable operations; piecewise-constant masks (abs, relu, clip, maximum,
// minimum) are constants.

/// A constant (an operand that never receives a gradient) holding `data`.
func constant(_ data: NDArray) -> Variable { Variable(constant: data) }

/// `e ** x`.
public final class Exp: UnaryFunction {
    public override var gradientRules: [String] { ["gx = gy * y"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.exp() }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        [try gys[0] * (output(0) ?? exp(inputs[0]))]
    }
}

/// The natural logarithm.
public final class Log: UnaryFunction {
    public override var gradientRules: [String] { ["gx = gy / x"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.log() }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] { [try gys[0] / inputs[0]] }
}

/// The sine.
public final class Sin: UnaryFunction {
    public override var gradientRules: [String] { ["gx = gy * cos(x)"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.sin() }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] { [try gys[0] * cos(inputs[0])] }
}

/// The cosine.
public final class Cos: UnaryFunction {
    public override var gradientRules: [String] { ["gx = gy * -sin(x)"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.cos() }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] { [try gys[0] * neg(sin(inputs[0]))] }
}

/// The tangent.
public final class Tan: UnaryFunction {
    public override var gradientRules: [String] { ["gx = gy * (1 + y ** 2)"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.tan() }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let y = try output(0) ?? tan(inputs[0])
        return [try gys[0] * (1.0 + y * y)]
    }
}

/// The hyperbolic tangent.
public final class Tanh: UnaryFunction {
    public override var gradientRules: [String] { ["gx = gy * (1 - y ** 2)"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.tanh() }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let y = try output(0) ?? tanh(inputs[0])
        return [try gys[0] * (1.0 - y * y)]
    }
}

/// The square root.
public final class Sqrt: UnaryFunction {
    public override var gradientRules: [String] { ["gx = gy / (2 * y)"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.sqrt() }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let y = try output(0) ?? sqrt(inputs[0])
        return [try gys[0] / (2.0 * y)]
    }
}

/// The absolute value.
public final class Abs: UnaryFunction {
    public override var gradientRules: [String] { ["gx = gy * sign(x)"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.abs() }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        [try gys[0] * constant(try inputs[0].data.sign())]
    }
}

/// The logistic function, stable for large `|x|`.
public final class Sigmoid: UnaryFunction {
    public override var gradientRules: [String] { ["gx = gy * y * (1 - y)"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.sigmoid() }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let y = try output(0) ?? sigmoid(inputs[0])
        if !GradMode.isEnabled {
            // No graph to record: the same arithmetic in one loop, element by element.
            return [Variable(try NDArray.combine(gys[0].data, y.data, operation: "mul") { g, y in g * y * (1.0 - y) })]
        }
        return [try gys[0] * y * (1.0 - y)]
    }
}

/// `max(x, 0)`.
public final class ReLU: UnaryFunction {
    public override var gradientRules: [String] { ["gx = gy * (x > 0)"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.relu() }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        [try gys[0] * constant(NDArray.greater(inputs[0].data, NDArray(0)))]
    }
}

/// `x` limited to `[low, high]`; the bounds are constants.
public final class Clip: UnaryFunction {
    let low: NDArray, high: NDArray
    public init(low: NDArray, high: NDArray) { self.low = low; self.high = high }
    public override var gradientRules: [String] {
        let lo = low.size == 1 ? low.scalarText! : "low", hi = high.size == 1 ? high.scalarText! : "high"
        return ["gx = gy * (\(lo) <= x <= \(hi))"]
    }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.clipped(low, high) }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let x = inputs[0].data
        let mask = try NDArray.greaterEqual(x, low) * NDArray.lessEqual(x, high)
        return [try unbroadcast(try gys[0] * constant(mask), to: inputs[0].shape)]
    }
}

/// The gradients of an elementwise choice between `a` and `b` (maximum, minimum): `gy` goes
/// to `a` where `firstWins(a, b)` and to `b` elsewhere, each summed back to its shape.
func selectionGradients(_ gy: Variable, _ a: Variable, _ b: Variable,
                        firstWins: (NDArray, NDArray) throws -> NDArray) throws -> [Variable?] {
    let first = try firstWins(a.data, b.data)
    let second = try first.map { 1 - $0 }
    return [try unbroadcast(try gy * constant(first), to: a.shape),
            try unbroadcast(try gy * constant(second), to: b.shape)]
}

/// The elementwise larger value; where they tie, the gradient goes to `x0`.
public final class Maximum: BinaryFunction {
    public override var gradientRules: [String] { ["gx0 = gy * (x0 >= x1)", "gx1 = gy * (x0 < x1)"] }
    public override func compute(_ x0: NDArray, _ x1: NDArray) throws -> NDArray { try NDArray.maximum(x0, x1) }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        try selectionGradients(gys[0], inputs[0], inputs[1], firstWins: NDArray.greaterEqual)
    }
}

/// The elementwise smaller value; where they tie, the gradient goes to `x0`.
public final class Minimum: BinaryFunction {
    public override var gradientRules: [String] { ["gx0 = gy * (x0 <= x1)", "gx1 = gy * (x0 > x1)"] }
    public override func compute(_ x0: NDArray, _ x1: NDArray) throws -> NDArray { try NDArray.minimum(x0, x1) }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        try selectionGradients(gys[0], inputs[0], inputs[1], firstWins: NDArray.lessEqual)
    }
}


/// `e ** x`.
public func exp(_ x: Variable) throws -> Variable { GradMode.isEnabled ? try Exp().call(x) : Variable(try x.data.exp()) }
/// The natural logarithm.
public func log(_ x: Variable) throws -> Variable { GradMode.isEnabled ? try Log().call(x) : Variable(try x.data.log()) }
/// The sine.
public func sin(_ x: Variable) throws -> Variable { GradMode.isEnabled ? try Sin().call(x) : Variable(try x.data.sin()) }
/// The cosine.
public func cos(_ x: Variable) throws -> Variable { GradMode.isEnabled ? try Cos().call(x) : Variable(try x.data.cos()) }
/// The tangent.
public func tan(_ x: Variable) throws -> Variable { try Tan().call(x) }
/// The hyperbolic tangent.
public func tanh(_ x: Variable) throws -> Variable { GradMode.isEnabled ? try Tanh().call(x) : Variable(try x.data.tanh()) }
/// The square root.
public func sqrt(_ x: Variable) throws -> Variable { try Sqrt().call(x) }
/// The absolute value.
public func abs(_ x: Variable) throws -> Variable { try Abs().call(x) }
/// The logistic function `1 / (1 + e^-x)`.
public func sigmoid(_ x: Variable) throws -> Variable { GradMode.isEnabled ? try Sigmoid().call(x) : Variable(try x.data.sigmoid()) }
/// `max(x, 0)`.
public func relu(_ x: Variable) throws -> Variable { try ReLU().call(x) }
/// `x` limited to `[low, high]` (numpy's `clip`).
public func clip(_ x: Variable, _ low: NDArray, _ high: NDArray) throws -> Variable { try Clip(low: low, high: high).call(x) }
/// The elementwise larger value (numpy's `maximum`).
public func maximum(_ x0: Variable, _ x1: Variable) throws -> Variable { try Maximum().call(x0, x1) }
/// The elementwise smaller value (numpy's `minimum`).
public func minimum(_ x0: Variable, _ x1: Variable) throws -> Variable { try Minimum().call(x0, x1) }
