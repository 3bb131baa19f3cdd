// reshape transpose broadcast_to sum_to expand_dims squeeze flatten concat stack.
// Each backward is the inverse rearrangement of the gradient.

/// The same elements in a new shape (one extent may be `-1`).
public final class Reshape: UnaryFunction {
    let shape: [Int]
    public init(shape: [Int]) { self.shape = shape }
    public override var gradientRules: [String] { ["gx = reshape(gy, x.shape)"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.reshaped(shape) }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] { [try reshape(gys[0], inputs[0].shape)] }
}

/// The axes permuted (reversed by default).
public final class Transpose: UnaryFunction {
    let axes: [Int]?
    public init(axes: [Int]?) { self.axes = axes }
    public override var gradientRules: [String] {
        guard let axes else { return ["gx = transpose(gy)"] }
        let n = axes.count
        var inverse = [Int](repeating: 0, count: n)
        for (i, a) in axes.enumerated() where (a < 0 ? a + n : a) < n && (a < 0 ? a + n : a) >= 0 { inverse[a < 0 ? a + n : a] = i }
        return ["gx = transpose(gy, \(formatShape(inverse)))"]
    }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.transposed(axes) }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        guard let axes else { return [try transpose(gys[0])] }
        let n = axes.count
        let normalized = axes.map { $0 < 0 ? $0 + n : $0 }
        var inverse = [Int](repeating: 0, count: n)
        for (i, a) in normalized.enumerated() { inverse[a] = i }
        return [try transpose(gys[0], inverse)]
    }
}

/// The array stretched to a shape by broadcasting.
public final class BroadcastTo: UnaryFunction {
    let shape: [Int]
    public init(shape: [Int]) { self.shape = shape }
    public override var gradientRules: [String] { ["gx = sum_to(gy, x.shape)"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.broadcast(to: shape) }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] { [try sumTo(gys[0], inputs[0].shape)] }
}

/// The sum over the axes that broadcasting from `shape` would stretch.
public final class SumTo: UnaryFunction {
    let shape: [Int]
    public init(shape: [Int]) { self.shape = shape }
    public override var gradientRules: [String] { ["gx = broadcast_to(gy, x.shape)"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.sum(to: shape) }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] { [try broadcastTo(gys[0], inputs[0].shape)] }
}

/// Arrays joined along an existing axis.
public final class Concat: Function {
    let axis: Int
    public init(axis: Int) { self.axis = axis }
    public override var gradientRules: [String] {
        // One rule per input: its slice of gy along the axis.
        guard let first = inputs.first else { return ["gx0 = gy[..., slice of x0 along the axis]"] }
        let a = (try? NDArray.normalizeAxis(axis, ndim: first.ndim, operation: "concat")) ?? 0
        var start = 0
        return inputs.indices.map { i in
            let n = inputs[i].shape.indices.contains(a) ? inputs[i].shape[a] : 0
            defer { start += n }
            return "gx\(i) = gy[" + String(repeating: ":, ", count: a) + "\(start):\(start + n)]"
        }
    }
    public override func forward(_ xs: [NDArray]) throws -> [NDArray] { [try NDArray.concatenate(xs, axis: axis)] }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let gy = gys[0]
        let a = try NDArray.normalizeAxis(axis, ndim: gy.ndim, operation: "concat")
        var start = 0
        return try inputs.map { x in
            let n = x.shape[a]
            var index = [IndexItem](repeating: .all, count: a)
            index.append(.slice(start: start, stop: start + n, step: 1))
            start += n
            return try getItem(gy, index)
        }
    }
}

/// The same elements in a new shape.
public func reshape(_ x: Variable, _ shape: [Int]) throws -> Variable {
    if x.shape == shape { return x }
    return GradMode.isEnabled ? try Reshape(shape: shape).call(x) : Variable(try x.data.reshaped(shape))
}
/// The axes permuted (reversed when `axes` is nil).
public func transpose(_ x: Variable, _ axes: [Int]? = nil) throws -> Variable {
    GradMode.isEnabled ? try Transpose(axes: axes).call(x) : Variable(try x.data.transposed(axes))
}
/// `x` stretched to `shape` by broadcasting.
public func broadcastTo(_ x: Variable, _ shape: [Int]) throws -> Variable {
    if x.shape == shape { return x }
    return GradMode.isEnabled ? try BroadcastTo(shape: shape).call(x) : Variable(try x.data.broadcast(to: shape))
}
/// `x` summed down to `shape` (the adjoint of broadcasting).
public func sumTo(_ x: Variable, _ shape: [Int]) throws -> Variable {
    if x.shape == shape { return x }
    return GradMode.isEnabled ? try SumTo(shape: shape).call(x) : Variable(try x.data.sum(to: shape))
}
/// A new axis of extent 1 at `axis`.
public func expandDims(_ x: Variable, _ axis: Int) throws -> Variable {
    try Reshape(shape: x.data.expandingDims(axis).shape).call(x)
}
/// Axes of extent 1 removed (the given ones or all).
public func squeeze(_ x: Variable, _ axes: [Int]? = nil) throws -> Variable {
    try Reshape(shape: x.data.squeezed(axes).shape).call(x)
}
/// The elements as a 1-d array.
public func flatten(_ x: Variable) throws -> Variable { try Reshape(shape: [x.size]).call(x) }
/// Arrays joined along an existing axis.
public func concat(_ xs: [Variable], axis: Int = 0) throws -> Variable { try Concat(axis: axis)(xs)[0] }
/// Arrays of one shape joined along a new axis.
public func stack(_ xs: [Variable], axis: Int = 0) throws -> Variable {
    guard let first = xs.first else {
        throw TensorError.invalid(operation: "stack", message: "need at least one array to stack")
    }
    for (i, x) in xs.enumerated() where x.shape != first.shape {
        throw TensorError.invalid(operation: "stack",
            message: "all input arrays must have the same shape, but the array at index 0 has shape \(formatShape(first.shape)) and the array at index \(i) has shape \(formatShape(x.shape))")
    }
    let a = try NDArray.normalizeAxis(axis, ndim: first.ndim + 1, operation: "stack")
    return try concat(xs.map { try expandDims($0, a) }, axis: a)
}

extension Variable {
    /// The reversed-axes transpose.
    public var T: Variable { get throws { try transpose(self) } }
}
