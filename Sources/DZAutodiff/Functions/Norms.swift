// norm (numpy.linalg.norm's common cases) and outer. The 2-norm and p-norms are one
// function whose gradient is `sign(x) * |x|^(p-1) * gy / y^(p-1)` (for p = 2, `x * gy / y`)
// with 0 where the norm is 0, as PyTorch's subgradient; the other orders are composites of
// abs, sum, max and min.

/// `(sum(|x|^p))^(1/p)` over `axes` (all when nil); for p = 2 `sqrt(sum(x * x))`, and with
/// `flatDot` (numpy's `norm(x)` with no axis) `sqrt(dot(x.ravel(), x.ravel()))`.
public final class VectorNorm: UnaryFunction {
    let p: Double, axes: [Int]?, keepdims: Bool, flatDot: Bool
    public init(p: Double, axes: [Int]?, keepdims: Bool, flatDot: Bool = false) {
        self.p = p; self.axes = axes; self.keepdims = keepdims; self.flatDot = flatDot
    }
    public override var name: String { "Norm" }
    public override var gradientRules: [String] {
        let g = "broadcast_to(\(keptGradient(inputs, axes, keepdims)), x.shape)"
        return [p == 2 ? "gx = x * \(g) / y  (0 where y == 0)" : "gx = sign(x) * abs(x) ** \(formatScalar(p - 1)) * \(g) / y ** \(formatScalar(p - 1))  (0 where y == 0)"]
    }
    public override func compute(_ x: NDArray) throws -> NDArray {
        if p == 2 {
            if flatDot {
                let flat = try x.reshaped([x.size])
                let y = try flat.dot(flat).sqrt()
                return keepdims ? try y.reshaped(Array(repeating: 1, count: x.ndim)) : y
            }
            return try (x * x).sum(axes: axes, keepdims: keepdims).sqrt()
        }
        let p = NDArray(self.p)
        return try x.abs().power(p).sum(axes: axes, keepdims: keepdims).power(NDArray(1 / self.p))
    }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let x = inputs[0]
        let y = try output(0) ?? VectorNorm(p: p, axes: axes, keepdims: keepdims, flatDot: flatDot).call(x)
        let kept = try keptShape(x.shape, axes: axes)
        let yb = try broadcastTo(reshape(y, kept), x.shape)
        let gb = try broadcastTo(reshape(gys[0], kept), x.shape)
        // Where the norm is 0 every element is 0: divide by 1 there, so the gradient is 0.
        let safe = try whereSelect(NDArray.equal(yb.data, NDArray(0)), Variable(constant: NDArray(1)), yb)
        if p == 2 { return [try x * gb / safe] }
        let q = Variable(constant: NDArray(p - 1))
        return [try Variable(constant: x.data.numpySign()) * pow(abs(x), q) * gb / pow(safe, q)]
    }
}

/// A norm's order: a number (`inf` and `-inf` included), or a matrix norm by name.
public enum NormOrder: Equatable, Sendable {
    case number(Double)
    /// `"fro"` (or `"f"`): the Frobenius norm.
    case frobenius
    /// `"nuc"`: the nuclear norm (not supported: it needs singular values).
    case nuclear

    var text: String {
        switch self {
        case .number(let p): p == .infinity ? "inf" : p == -.infinity ? "-inf" : p.rounded() == p && Swift.abs(p) < 1e15 ? String(Int(p)) : formatScalar(p)
        case .frobenius: "'fro'"
        case .nuclear: "'nuc'"
        }
    }
}

/// `numpy.linalg.norm(x, ord, axis, keepdims)`: with no `ord` and no `axis` the 2-norm of
/// the flattened tensor; over one axis a vector norm (`2`, `1`, `inf`, `-inf`, `0` — the
/// count of nonzero elements, no gradient — or any other p); over two axes (or a 2-d
/// tensor with `ord` and no axis) a matrix norm (`none`/`'fro'` Frobenius, `1`, `-1`,
/// `inf`, `-inf`). Singular-value norms (`2`, `-2`, `'nuc'` of a matrix) are errors.
public func norm(_ x: Variable, ord: NormOrder? = nil, axes: [Int]? = nil, keepdims: Bool = false) throws -> Variable {
    let nd = x.ndim
    if axes == nil, ord == nil || (ord == .frobenius && nd == 2) || (ord == .number(2) && nd == 1) {
        return try VectorNorm(p: 2, axes: nil, keepdims: keepdims, flatDot: true).call(x)
    }
    let given = axes ?? Array(0..<nd)
    switch given.count {
    case 1:
        let axis = try NDArray.normalizeAxis(given[0], ndim: nd, operation: "norm")
        switch ord {
        case nil, .number(2): return try VectorNorm(p: 2, axes: [axis], keepdims: keepdims).call(x)
        case .number(.infinity): return try max(abs(x), axes: [axis], keepdims: keepdims)
        case .number(-.infinity): return try min(abs(x), axes: [axis], keepdims: keepdims)
        case .number(0):
            return Variable(constant: try NDArray.notEqual(x.data, NDArray(0)).sum(axes: [axis], keepdims: keepdims))
        case .number(1): return try sum(abs(x), axes: [axis], keepdims: keepdims)
        case .number(let p) where p.isNaN:
            throw TensorError.invalid(operation: "norm", message: "ord must be a number, 'fro' or 'nuc', got nan")
        case .number(let p): return try VectorNorm(p: p, axes: [axis], keepdims: keepdims).call(x)
        case .frobenius, .nuclear:
            throw TensorError.invalid(operation: "norm", message: "ord=\(ord!.text) is a matrix norm; a vector norm (one axis) takes a number: 2, 1, inf, -inf, 0 or any p")
        }
    case 2:
        let rowAxis = try NDArray.normalizeAxis(given[0], ndim: nd, operation: "norm")
        let colAxis = try NDArray.normalizeAxis(given[1], ndim: nd, operation: "norm")
        guard rowAxis != colAxis else {
            throw TensorError.invalid(operation: "norm", message: "duplicate axes given: \(formatShape(given))")
        }
        let result: Variable
        switch ord {
        case nil, .frobenius: result = try VectorNorm(p: 2, axes: [rowAxis, colAxis], keepdims: false).call(x)
        case .number(1), .number(-1):
            let sums = try sum(abs(x), axes: [rowAxis])
            let c = colAxis > rowAxis ? colAxis - 1 : colAxis
            result = ord == .number(1) ? try max(sums, axes: [c]) : try min(sums, axes: [c])
        case .number(.infinity), .number(-.infinity):
            let sums = try sum(abs(x), axes: [colAxis])
            let r = rowAxis > colAxis ? rowAxis - 1 : rowAxis
            result = ord == .number(.infinity) ? try max(sums, axes: [r]) : try min(sums, axes: [r])
        case .number(2), .number(-2), .nuclear:
            throw TensorError.invalid(operation: "norm",
                message: "ord=\(ord!.text) of a matrix needs its singular values, which dz does not compute; use ord=none ('fro'), 1, -1, inf or -inf")
        case .number(let p):
            throw TensorError.invalid(operation: "norm",
                message: "invalid norm order \(NormOrder.number(p).text) for matrices; use ord=none ('fro'), 1, -1, inf or -inf")
        }
        guard keepdims else { return result }
        var shape = x.shape
        shape[rowAxis] = 1
        shape[colAxis] = 1
        return try reshape(result, shape)
    default:
        if let axes {
            throw TensorError.invalid(operation: "norm", message: "axis must be one axis or two, got \(formatShape(axes))")
        }
        throw TensorError.invalid(operation: "norm",
            message: "ord=\(ord?.text ?? "none") needs a 1-d or 2-d tensor, or axis= naming one axis or two; got shape \(formatShape(x.shape))")
    }
}

/// The outer product of the flattened `a` and `b` (`np.outer`): `a[i] * b[j]`.
public func outer(_ a: Variable, _ b: Variable) throws -> Variable {
    try reshape(a, [a.size, 1]) * reshape(b, [1, b.size])
}
