// astype: a change of dtype. Between floating dtypes it is differentiable (the gradient is
// converted back to the input's dtype, as PyTorch's `to`); into or out of int64 and bool
// the result is a new leaf, since those values have no derivative.

/// The input converted to `dtype` (numpy's `astype`).
public final class AsType: UnaryFunction {
    let dtype: DType
    public init(dtype: DType) { self.dtype = dtype }
    public override var name: String { "AsType" }
    public override var gradientRules: [String] { ["gx = astype(gy, x.dtype)"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.astype(dtype) }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        [try astype(gys[0], inputs[0].data.dtype)]
    }
}

/// `x` as `dtype`: itself when it already has it; recorded between floating dtypes, a new
/// leaf otherwise.
public func astype(_ x: Variable, _ dtype: DType) throws -> Variable {
    if x.data.dtype == dtype { return x }
    guard dtype.isFloating && x.data.dtype.isFloating else { return Variable(try x.data.astype(dtype)) }
    return try AsType(dtype: dtype).call(x)
}
