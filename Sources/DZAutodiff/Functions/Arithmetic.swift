// add sub mul div neg pow mod: elementwise with numpy broadcasting. The gradient of an
// operand that was broadcast is summed back to its shape (`sumTo`).

/// Sums `g` back to `shape` when broadcasting stretched it.
func unbroadcast(_ g: Variable, to shape: [Int]) throws -> Variable {
    g.shape == shape ? g : try sumTo(g, shape)
}

/// `x0 + x1`.
public final class Add: BinaryFunction {
    public override var gradientRules: [String] { ["gx0 = gy", "gx1 = gy"] }
    public override func compute(_ x0: NDArray, _ x1: NDArray) throws -> NDArray { try x0 + x1 }
    public override var scalarOperation: ScalarOperation? { .add }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        [try unbroadcast(gys[0], to: inputs[0].shape), try unbroadcast(gys[0], to: inputs[1].shape)]
    }
}

/// `x0 - x1`.
public final class Sub: BinaryFunction {
    public override var gradientRules: [String] { ["gx0 = gy", "gx1 = -gy"] }
    public override func compute(_ x0: NDArray, _ x1: NDArray) throws -> NDArray { try x0 - x1 }
    public override var scalarOperation: ScalarOperation? { .subtract }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        [try unbroadcast(gys[0], to: inputs[0].shape), try unbroadcast(try neg(gys[0]), to: inputs[1].shape)]
    }
}

/// `x0 * x1`.
public final class Mul: BinaryFunction {
    public override var gradientRules: [String] { ["gx0 = gy * x1", "gx1 = gy * x0"] }
    public override func compute(_ x0: NDArray, _ x1: NDArray) throws -> NDArray { try x0 * x1 }
    public override var scalarOperation: ScalarOperation? { .multiply }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let x0 = inputs[0], x1 = inputs[1], gy = gys[0]
        return [try unbroadcast(try gy * x1, to: x0.shape), try unbroadcast(try gy * x0, to: x1.shape)]
    }
}

/// `x0 / x1`.
public final class Div: BinaryFunction {
    public override var gradientRules: [String] { ["gx0 = gy / x1", "gx1 = gy * (-x0 / x1 ** 2)"] }
    public override func compute(_ x0: NDArray, _ x1: NDArray) throws -> NDArray { try x0 / x1 }
    public override var scalarOperation: ScalarOperation? { .divide }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let x0 = inputs[0], x1 = inputs[1], gy = gys[0]
        let gx0 = try gy / x1
        let gx1 = try gy * (neg(x0) / (x1 * x1))
        return [try unbroadcast(gx0, to: x0.shape), try unbroadcast(gx1, to: x1.shape)]
    }
}

/// `-x`.
public final class Neg: UnaryFunction {
    public override var gradientRules: [String] { ["gx = -gy"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try -x }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] { [try neg(gys[0])] }
}

/// `x0 ** x1`.
public final class Pow: BinaryFunction {
    public override var gradientRules: [String] { ["gx0 = x1 * x0 ** (x1 - 1) * gy", "gx1 = gy * x0 ** x1 * log(x0)"] }
    public override func compute(_ x0: NDArray, _ x1: NDArray) throws -> NDArray { try x0.power(x1) }
    public override var scalarOperation: ScalarOperation? { .power }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let x0 = inputs[0], x1 = inputs[1], gy = gys[0]
        // `x1 - 1` in x1's dtype, as DeZero's `c - 1` with a Python number: an int exponent
        // keeps an int base's gradient int (numpy's `3 * 2 ** 2` is 12, not 12.0).
        let one = constant(try NDArray.ones([]).astype(x1.data.dtype))
        let gx0 = try x1 * pow(x0, try x1 - one) * gy
        let gx1 = try gy * pow(x0, x1) * log(x0)
        return [try unbroadcast(gx0, to: x0.shape), try unbroadcast(gx1, to: x1.shape)]
    }
}

/// `x0 % x1` with the sign of the divisor (numpy's `mod`).
public final class Mod: BinaryFunction {
    public override var gradientRules: [String] { ["gx0 = gy", "gx1 = -gy * floor(x0 / x1)"] }
    public override func compute(_ x0: NDArray, _ x1: NDArray) throws -> NDArray { try x0.mod(x1) }
    public override var scalarOperation: ScalarOperation? { .modulo }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let x0 = inputs[0], x1 = inputs[1], gy = gys[0]
        let quotient = try (x0.data / x1.data).map { -$0.rounded(.down) }
        return [try unbroadcast(gy, to: x0.shape), try unbroadcast(try gy * constant(quotient), to: x1.shape)]
    }
}

// The functions below record the operation in the graph; with gradients off (no_grad, or a
// backward pass without create_graph) they compute the array directly: no function object,
// no arrays of inputs and outputs.

/// `x0 + x1` with numpy broadcasting.
public func add(_ x0: Variable, _ x1: Variable) throws -> Variable {
    GradMode.isEnabled ? try Add().call(x0, x1) : Variable(try x0.data + x1.data)
}
/// `x0 - x1` with numpy broadcasting.
public func sub(_ x0: Variable, _ x1: Variable) throws -> Variable {
    GradMode.isEnabled ? try Sub().call(x0, x1) : Variable(try x0.data - x1.data)
}
/// `x0 * x1` with numpy broadcasting.
public func mul(_ x0: Variable, _ x1: Variable) throws -> Variable {
    GradMode.isEnabled ? try Mul().call(x0, x1) : Variable(try x0.data * x1.data)
}
/// `x0 / x1` with numpy broadcasting.
public func div(_ x0: Variable, _ x1: Variable) throws -> Variable {
    GradMode.isEnabled ? try Div().call(x0, x1) : Variable(try x0.data / x1.data)
}
/// `-x`.
public func neg(_ x: Variable) throws -> Variable { GradMode.isEnabled ? try Neg().call(x) : Variable(try -x.data) }
/// `x0 ** x1` with numpy broadcasting.
public func pow(_ x0: Variable, _ x1: Variable) throws -> Variable {
    GradMode.isEnabled ? try Pow().call(x0, x1) : Variable(try x0.data.power(x1.data))
}
/// `x0 % x1` (numpy's `mod`).
public func mod(_ x0: Variable, _ x1: Variable) throws -> Variable { try Mod().call(x0, x1) }

// A `Double` operand is a constant (``Variable/isConstant``): it takes part in the
// forward computation and never receives a gradient.
extension Variable {
    public static func + (a: Variable, b: Variable) throws -> Variable { try add(a, b) }
    public static func - (a: Variable, b: Variable) throws -> Variable { try sub(a, b) }
    public static func * (a: Variable, b: Variable) throws -> Variable { try mul(a, b) }
    public static func / (a: Variable, b: Variable) throws -> Variable { try div(a, b) }
    public static prefix func - (a: Variable) throws -> Variable { try neg(a) }
    public static func + (a: Variable, b: Double) throws -> Variable { try add(a, Variable(constant: NDArray(b))) }
    public static func - (a: Variable, b: Double) throws -> Variable { try sub(a, Variable(constant: NDArray(b))) }
    public static func * (a: Variable, b: Double) throws -> Variable { try mul(a, Variable(constant: NDArray(b))) }
    public static func / (a: Variable, b: Double) throws -> Variable { try div(a, Variable(constant: NDArray(b))) }
    public static func + (a: Double, b: Variable) throws -> Variable { try add(Variable(constant: NDArray(a)), b) }
    public static func - (a: Double, b: Variable) throws -> Variable { try sub(Variable(constant: NDArray(a)), b) }
    public static func * (a: Double, b: Variable) throws -> Variable { try mul(Variable(constant: NDArray(a)), b) }
    public static func / (a: Double, b: Variable) throws -> Variable { try div(Variable(constant: NDArray(a)), b) }
}
