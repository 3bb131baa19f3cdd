// sign floor ceil: piecewise constant, so their gradient is zero everywhere (PyTorch's
// choice; at the jumps the derivative does not exist and zero is what PyTorch gives too).

/// A piecewise-constant elementwise function: its gradient is zeros of the input's shape.
public final class PiecewiseConstant: UnaryFunction {
    /// `Sign`, `Floor` or `Ceil`.
    let kind: String
    let f: (NDArray) throws -> NDArray
    init(_ kind: String, _ f: @escaping (NDArray) throws -> NDArray) { self.kind = kind; self.f = f }
    public override var name: String { kind }
    public override var gradientRules: [String] { ["gx = zeros_like(x)  (\(kind.lowercased()) is piecewise constant)"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try f(x) }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        [Variable(try NDArray.zeros(inputs[0].shape))]
    }
}

/// -1, 0 or 1 elementwise (`np.sign`; nan stays nan). Zero gradient.
public func sign(_ x: Variable) throws -> Variable { try PiecewiseConstant("Sign") { try $0.numpySign() }.call(x) }
/// The largest integer not above `x` elementwise (`np.floor`). Zero gradient.
public func floor(_ x: Variable) throws -> Variable { try PiecewiseConstant("Floor") { try $0.floor() }.call(x) }
/// The smallest integer not below `x` elementwise (`np.ceil`). Zero gradient.
public func ceil(_ x: Variable) throws -> Variable { try PiecewiseConstant("Ceil") { try $0.ceil() }.call(x) }
