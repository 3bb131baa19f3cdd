// matmul (1-d, 2-d, batched), dot, linear. The seed's rules: for y = x W,
// gx = gy Wᵀ and gW = xᵀ gy; batches broadcast, so their gradients are summed back.

/// numpy's `matmul`.
public final class MatMul: BinaryFunction {
    public override var gradientRules: [String] { ["gx = gy @ W.T", "gW = x.T @ gy"] }
    public override func compute(_ x0: NDArray, _ x1: NDArray) throws -> NDArray { try x0.matmul(x1) }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let x = inputs[0], W = inputs[1]
        if !GradMode.isEnabled, x.ndim == 2, W.ndim == 2 {
            // No graph to record: the two products on the arrays (transposes are views).
            let gy = gys[0].data
            return [Variable(try gy.matmul(W.data.transposed())), Variable(try x.data.transposed().matmul(gy))]
        }
        var gy = gys[0], xm = x, Wm = W
        // Promote 1-d operands as the forward did, and restore the axes it removed from gy.
        if W.ndim == 1 { Wm = try reshape(W, [W.shape[0], 1]); gy = try expandDims(gy, gy.ndim) }
        if x.ndim == 1 { xm = try reshape(x, [1, x.shape[0]]); gy = try expandDims(gy, gy.ndim - 1) }
        let gx = try matmul(gy, swapLastAxes(Wm))
        let gW = try matmul(swapLastAxes(xm), gy)
        return [try reshape(sumTo(gx, xm.shape), x.shape), try reshape(sumTo(gW, Wm.shape), W.shape)]
    }
}

/// The transpose of the last two axes (a view: BLAS receives it as a flag).
func swapLastAxes(_ x: Variable) throws -> Variable {
    let n = x.ndim
    if n == 2 { return try transpose(x) }
    var axes = Array(0..<n)
    axes.swapAt(n - 1, n - 2)
    return try transpose(x, axes)
}

/// numpy's `matmul` (`@`).
public func matmul(_ x: Variable, _ W: Variable) throws -> Variable {
    GradMode.isEnabled ? try MatMul().call(x, W) : Variable(try x.data.matmul(W.data))
}

/// numpy's `dot`: elementwise with a 0-d operand, a matrix product up to 2-d (and with a
/// 1-d operand), and a sum product over the last axis of `a` and the second-to-last of
/// `b` otherwise (composed from reshape, transpose and matmul).
public func dot(_ a: Variable, _ b: Variable) throws -> Variable {
    if a.ndim == 0 || b.ndim == 0 { return try a * b }
    if (a.ndim <= 2 && b.ndim <= 2) || a.ndim == 1 || b.ndim == 1 {
        do { return try matmul(a, b) } catch let TensorError.notAligned(_, l, r, ld, rd) {
            throw TensorError.notAligned(operation: "dot", lhs: l, rhs: r, lhsDim: ld, rhsDim: rd)
        }
    }
    let plan = try DotPlan(a.shape, b.shape)
    let left = try reshape(a, plan.leftShape)
    let right = try reshape(transpose(b, plan.rightPermutation), plan.rightShape)
    return try reshape(matmul(left, right), plan.resultShape)
}

/// `x @ W + b` (DeZero's `linear`); `b` may be omitted.
public func linear(_ x: Variable, _ W: Variable, _ b: Variable? = nil) throws -> Variable {
    let y = try matmul(x, W)
    guard let b else { return y }
    return try y + b
}
