// var std prod cumsum, as numpy computes them. var and std are composites of sum,
// subtraction and multiplication (their gradients follow). prod's gradient is, for each
// element, the product of the others, built from exclusive prefix and suffix products (a
// scan of multiplications), so zeros need no division and give no nan. cumsum's gradient
// is the cumulative sum of gy taken from the end. Every gradient is made of variable
// operations, so higher orders work.

/// The variance over `axes` (all when nil) with `ddof` delta degrees of freedom, as
/// `np.var`: `sum((x - mean(x)) ** 2) / (n - ddof)`. `n - ddof <= 0` divides by 0 (inf or
/// nan), as numpy does (numpy also warns).
public func variance(_ x: Variable, axes: [Int]? = nil, keepdims: Bool = false, ddof: Double = 0) throws -> Variable {
    let normalized = try NDArray.normalizeAxes(axes ?? Array(0..<x.ndim), ndim: x.ndim, operation: "var")
    let n = Double(normalized.reduce(1) { $0 * x.shape[$1] })
    let m = try sum(x, axes: normalized, keepdims: true) / n
    let d = try x - m
    return try sum(d * d, axes: normalized, keepdims: keepdims) / Swift.max(n - ddof, 0)
}

/// The standard deviation, `sqrt(var(x))` (`np.std`). Its gradient is nan where the
/// variance is 0 (`sqrt` at 0), as PyTorch's.
public func standardDeviation(_ x: Variable, axes: [Int]? = nil, keepdims: Bool = false, ddof: Double = 0) throws -> Variable {
    try sqrt(variance(x, axes: axes, keepdims: keepdims, ddof: ddof))
}

/// The product over `axes` (all when nil).
public final class Prod: UnaryFunction {
    let axes: [Int]?, keepdims: Bool
    public init(axes: [Int]?, keepdims: Bool) { self.axes = axes; self.keepdims = keepdims }
    public override var gradientRules: [String] {
        ["gx = broadcast_to(\(keptGradient(inputs, axes, keepdims)), x.shape) * (product of the other elements)"]
    }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.product(axes: axes, keepdims: keepdims) }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let x = inputs[0]
        let kept = try keptShape(x.shape, axes: axes)
        if !GradMode.isEnabled {
            // No graph to record: the same products on arrays, without graph nodes.
            return [Variable(try gys[0].data.reshaped(kept).broadcast(to: x.shape) * productOfOthers(x.data, axes: axes))]
        }
        let g = try broadcastTo(reshape(gys[0], kept), x.shape)
        return [try g * productOfOthers(x, axes: axes)]
    }
}

/// For each element of `x`, the product of the other elements of its reduction over `axes`
/// (all when nil): exclusive prefix times exclusive suffix products, no division.
func productOfOthers(_ x: Variable, axes: [Int]?) throws -> Variable {
    let reduced = try NDArray.normalizeAxes(axes ?? Array(0..<x.ndim), ndim: x.ndim, operation: "prod")
    let kept = (0..<x.ndim).filter { !reduced.contains($0) }
    // The reduced axes last, as one axis.
    let order = kept + reduced
    let moved = order == Array(0..<x.ndim) ? x : try transpose(x, order)
    let lead = kept.map { x.shape[$0] }
    let count = reduced.reduce(1) { $0 * x.shape[$1] }
    let rows = try reshape(moved, lead + [count])
    let before = try exclusiveProducts(rows)
    let after = try flipLast(exclusiveProducts(flipLast(rows)))
    let others = try reshape(before * after, moved.shape)
    guard order != Array(0..<x.ndim) else { return others }
    var inverse = [Int](repeating: 0, count: order.count)
    for (i, a) in order.enumerated() { inverse[a] = i }
    return try transpose(others, inverse)
}

/// ``productOfOthers(_:axes:)`` on arrays: the same multiplications, so the same bits.
func productOfOthers(_ x: NDArray, axes: [Int]?) throws -> NDArray {
    let reduced = try NDArray.normalizeAxes(axes ?? Array(0..<x.ndim), ndim: x.ndim, operation: "prod")
    let kept = (0..<x.ndim).filter { !reduced.contains($0) }
    let order = kept + reduced
    let identity = order == Array(0..<x.ndim)
    let moved = identity ? x : try x.transposed(order)
    let count = reduced.reduce(1) { $0 * x.shape[$1] }
    let rows = try moved.reshaped(kept.map { x.shape[$0] } + [count])
    let others = try (rows.exclusiveProducts() * rows.exclusiveProducts(reverse: true)).reshaped(moved.shape)
    guard !identity else { return others }
    var inverse = [Int](repeating: 0, count: order.count)
    for (i, a) in order.enumerated() { inverse[a] = i }
    return try others.transposed(inverse).contiguous()
}

/// `v` reversed along its last axis.
func flipLast(_ v: Variable) throws -> Variable {
    try getItem(v, Array(repeating: IndexItem.all, count: v.ndim - 1) + [.slice(start: nil, stop: nil, step: -1)])
}

/// Along the last axis, the product of the elements before each one (1 for the first):
/// an inclusive scan by doubling shifts (log2 n multiplications of the whole array), then
/// a shift by one.
func exclusiveProducts(_ v: Variable) throws -> Variable {
    let n = v.shape.last ?? 1
    guard n > 0 else { return v }
    let lead = Array(v.shape.dropLast())
    let prefix = Array(repeating: IndexItem.all, count: v.ndim - 1)
    func shifted(_ y: Variable, by s: Int) throws -> Variable {
        let ones = Variable(constant: try NDArray.ones(lead + [s]))
        guard s < n else { return ones }
        return try concat([ones, getItem(y, prefix + [.slice(start: nil, stop: n - s, step: nil)])], axis: v.ndim - 1)
    }
    var inclusive = v
    var s = 1
    while s < n {
        inclusive = try inclusive * shifted(inclusive, by: s)
        s *= 2
    }
    return try shifted(inclusive, by: 1)
}

/// The cumulative sum along `axis`.
/// With `reverse`, summed from the last element (the gradient of the forward one, and the
/// forward one is its gradient).
public final class Cumsum: UnaryFunction {
    let axis: Int, reverse: Bool
    public init(axis: Int, reverse: Bool = false) { self.axis = axis; self.reverse = reverse }
    public override var name: String { reverse ? "ReverseCumsum" : "Cumsum" }
    public override var gradientRules: [String] {
        [reverse ? "gx = cumsum(gy, axis=\(axis))" : "gx = flip(cumsum(flip(gy, axis=\(axis)), axis=\(axis)), axis=\(axis))"]
    }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.cumulativeSum(axis: axis, reverse: reverse) }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        [try Cumsum(axis: axis, reverse: !reverse).call(gys[0])]
    }
}

/// The product over `axes` (all when nil), as `np.prod`.
public func prod(_ x: Variable, axes: [Int]? = nil, keepdims: Bool = false) throws -> Variable {
    GradMode.isEnabled ? try Prod(axes: axes, keepdims: keepdims).call(x) : Variable(try x.data.product(axes: axes, keepdims: keepdims))
}

/// The cumulative sum along `axis`; with nil, of the flattened tensor (`np.cumsum`).
public func cumsum(_ x: Variable, axis: Int? = nil) throws -> Variable {
    guard let axis else { return try Cumsum(axis: 0).call(flatten(x)) }
    _ = try NDArray.normalizeAxis(axis, ndim: x.ndim, operation: "cumsum")
    return try Cumsum(axis: axis).call(x)
}
