// sum mean max min over axes, with keepdims. The gradient is broadcast back over the
// reduced axes (for max/min, only to the elements equal to the result).

/// The sum over `axes` (all when nil).
public final class Sum: UnaryFunction {
    let axes: [Int]?, keepdims: Bool
    public init(axes: [Int]?, keepdims: Bool) { self.axes = axes; self.keepdims = keepdims }
    public override var gradientRules: [String] { ["gx = broadcast_to(\(keptGradient(inputs, axes, keepdims)), x.shape)"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.sum(axes: axes, keepdims: keepdims) }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let x = inputs[0]
        let kept = try reshape(gys[0], keptShape(x.shape, axes: axes))
        return [try broadcastTo(kept, x.shape)]
    }
}

/// The maximum (or minimum) over `axes`.
public final class Extremum: Function {
    let axes: [Int]?, keepdims: Bool, isMax: Bool
    public init(axes: [Int]?, keepdims: Bool, isMax: Bool) { self.axes = axes; self.keepdims = keepdims; self.isMax = isMax }
    public override var name: String { isMax ? "Max" : "Min" }
    public override var gradientRules: [String] {
        ["gx = broadcast_to(\(keptGradient(inputs, axes, keepdims)), x.shape) * (x == \(isMax ? "max" : "min")(x, axis, keepdims))"]
    }
    public override func forward(_ xs: [NDArray]) throws -> [NDArray] {
        [isMax ? try xs[0].max(axes: axes, keepdims: keepdims) : try xs[0].min(axes: axes, keepdims: keepdims)]
    }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let x = inputs[0]
        let shape = try keptShape(x.shape, axes: axes)
        let y = isMax ? try x.data.max(axes: axes, keepdims: true) : try x.data.min(axes: axes, keepdims: true)
        let mask = try NDArray.equal(x.data, y)
        let g = try broadcastTo(reshape(gys[0], shape), x.shape)
        return [try g * constant(mask)]
    }
}

/// `gy`, or `reshape(gy, (2, 1))` when the reduction dropped axes that the gradient
/// needs back before it is broadcast (for ``Function/gradientRules``).
func keptGradient(_ inputs: FunctionInputs, _ axes: [Int]?, _ keepdims: Bool) -> String {
    guard !keepdims, axes != nil, let x = inputs.first, let kept = try? keptShape(x.shape, axes: axes) else { return "gy" }
    return "reshape(gy, \(formatShape(kept)))"
}

/// The shape of a reduction's result with reduced axes kept as 1.
func keptShape(_ shape: [Int], axes: [Int]?) throws -> [Int] {
    let normalized = try NDArray.normalizeAxes(axes ?? Array(0..<shape.count), ndim: shape.count, operation: "sum")
    return shape.enumerated().map { normalized.contains($0.offset) ? 1 : $0.element }
}

/// The sum over `axes` (all when nil).
public func sum(_ x: Variable, axes: [Int]? = nil, keepdims: Bool = false) throws -> Variable {
    GradMode.isEnabled ? try Sum(axes: axes, keepdims: keepdims).call(x) : Variable(try x.data.sum(axes: axes, keepdims: keepdims))
}
/// The mean over `axes` (all when nil).
public func mean(_ x: Variable, axes: [Int]? = nil, keepdims: Bool = false) throws -> Variable {
    let s = try sum(x, axes: axes, keepdims: keepdims)
    let normalized = try NDArray.normalizeAxes(axes ?? Array(0..<x.ndim), ndim: x.ndim, operation: "mean")
    let n = normalized.reduce(1) { $0 * x.shape[$1] }
    return try s / Double(n)
}
/// The maximum over `axes` (all when nil).
public func max(_ x: Variable, axes: [Int]? = nil, keepdims: Bool = false) throws -> Variable {
    try Extremum(axes: axes, keepdims: keepdims, isMax: true)(x)
}
/// The minimum over `axes` (all when nil).
public func min(_ x: Variable, axes: [Int]? = nil, keepdims: Bool = false) throws -> Variable {
    try Extremum(axes: axes, keepdims: keepdims, isMax: false)(x)
}
