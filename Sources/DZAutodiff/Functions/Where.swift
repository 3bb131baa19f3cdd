// where(condition, x, y): an elementwise choice by a constant condition. The gradient of
// each operand is gy where it was chosen and 0 elsewhere, written with where itself (so
// an inf or nan in gy never leaks into the other operand, and higher orders work).

/// `x0` where `condition` is nonzero, else `x1`; the condition gets no gradient.
public final class Where: BinaryFunction {
    let condition: NDArray
    public init(condition: NDArray) { self.condition = condition }
    public override var gradientRules: [String] { ["gx0 = sum_to(where(c, gy, 0), x0.shape)", "gx1 = sum_to(where(c, 0, gy), x1.shape)"] }
    public override func compute(_ x0: NDArray, _ x1: NDArray) throws -> NDArray { try NDArray.select(condition, x0, x1) }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let gy = gys[0]
        let zero = Variable(constant: NDArray(0))
        return [try unbroadcast(whereSelect(condition, gy, zero), to: inputs[0].shape),
                try unbroadcast(whereSelect(condition, zero, gy), to: inputs[1].shape)]
    }
}

/// `np.where(condition, x0, x1)` with the three broadcast together; differentiable in `x0`
/// and `x1`.
public func whereSelect(_ condition: NDArray, _ x0: Variable, _ x1: Variable) throws -> Variable {
    GradMode.isEnabled ? try Where(condition: condition).call(x0, x1) : Variable(try NDArray.select(condition, x0.data, x1.data))
}
