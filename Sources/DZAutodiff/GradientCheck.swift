

/// The gradient of `sum(f(x))` with respect to `x` by central differences
/// (`(f(x + h) - f(x - h)) / 2h` per element), as DeZero's `numerical_grad`.
public func numericalGradient(_ f: (Variable) throws -> Variable, at x: NDArray, eps: Double = 1e-4) throws -> NDArray {
    var values = x.scalars
    var grad = [Double](repeating: 0, count: values.count)
    for i in values.indices {
        let original = values[i]
        values[i] = original + eps
        let plus = try f(Variable(NDArray(shape: x.shape, scalars: values))).data.sum().scalars[0]
        values[i] = original - eps
        let minus = try f(Variable(NDArray(shape: x.shape, scalars: values))).data.sum().scalars[0]
        values[i] = original
        grad[i] = (plus - minus) / (2 * eps)
    }
    return try NDArray(shape: x.shape, scalars: grad)
}

/// The result of comparing an analytic gradient with a numerical one.
public struct GradientMismatch: CustomStringConvertible, Sendable {
    /// Which input (0-based).
    public let input: Int
    /// The flat (C-order) position of the element in that input; -1 for a shape mismatch.
    public let element: Int
    public let analytic: Double
    public let numerical: Double
    /// The input's shape, to show the element as an index.
    public var shape: [Int] = []
    /// The tolerance the element exceeded: `atol + rtol * |numerical|`.
    public var tolerance: Double = .nan

    public init(input: Int, element: Int, analytic: Double, numerical: Double, shape: [Int] = [], tolerance: Double = .nan) {
        self.input = input
        self.element = element
        self.analytic = analytic
        self.numerical = numerical
        self.shape = shape
        self.tolerance = tolerance
    }

    /// The element's index, e.g. `(1, 2)`, from its flat position.
    public var index: [Int] {
        var rest = Swift.max(element, 0)
        var out = [Int](repeating: 0, count: shape.count)
        for axis in shape.indices.reversed() where shape[axis] > 0 {
            out[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return out
    }

    public var description: String {
        guard element >= 0 else { return "input \(input): backward gives a gradient of the wrong shape" }
        var text = "input \(input), element \(element)"
        if shape.count > 0 { text += " (index \(formatShape(index)))" }
        text += ": backward gives \(formatScalar(analytic)), numerical \(formatScalar(numerical))"
        let difference = Swift.abs(analytic - numerical)
        if difference.isNaN || analytic.isInfinite || numerical.isInfinite {
            text += analytic.isNaN || numerical.isNaN ? " (nan never passes)" : ""
        } else if !tolerance.isNaN {
            text += "; difference \(formatScalar(difference)) > tolerance \(formatScalar(tolerance))"
        }
        return text
    }
}

/// Checks `backward` of `f` at `inputs` against central differences for every input;
/// returns the worst mismatch outside `atol + rtol * |numerical|`, or nil when all agree.
public func gradientMismatch(_ f: ([Variable]) throws -> Variable, at inputs: [NDArray],
                             rtol: Double = 1e-4, atol: Double = 1e-5) throws -> GradientMismatch? {
    for (name, value) in [("rtol", rtol), ("atol", atol)] where !(value >= 0) {
        throw TensorError.invalid(operation: "gradcheck", message: "\(name) must be a number >= 0, got \(formatScalar(value))")
    }
    let variables = inputs.map { Variable($0) }
    let y = try f(variables)
    try y.backward()
    var worst: (excess: Double, mismatch: GradientMismatch)? = nil
    for (k, x) in inputs.enumerated() {
        let numerical = try numericalGradient({ v in
            var args = inputs.map { Variable($0) }
            args[k] = v
            return try f(args)
        }, at: x)
        guard let analytic = variables[k].grad?.data else {
            // No gradient reached this input: it must be numerically zero.
            for (i, n) in numerical.scalars.enumerated() where !(Swift.abs(n) <= atol) {
                return GradientMismatch(input: k, element: i, analytic: 0, numerical: n, shape: x.shape, tolerance: atol)
            }
            continue
        }
        guard analytic.shape == x.shape else {
            return GradientMismatch(input: k, element: -1, analytic: .nan, numerical: .nan)
        }
        for (i, (a, n)) in zip(analytic.scalars, numerical.scalars).enumerated() {
            // numpy's allclose: nan is never close, an infinity only to itself.
            let tolerance = atol + rtol * Swift.abs(n)
            let excess: Double
            if a.isNaN || n.isNaN || a.isInfinite || n.isInfinite {
                excess = a == n ? 0 : .infinity
            } else {
                excess = Swift.abs(a - n) - tolerance
            }
            if excess > 0, worst == nil || excess > worst!.excess {
                worst = (excess, GradientMismatch(input: k, element: i, analytic: a, numerical: n, shape: x.shape, tolerance: tolerance))
            }
        }
    }
    return worst?.mismatch
}

/// Checks second derivatives: the Hessian-vector product through `backward(createGraph:)`
/// against central differences of the first-order gradient. Returns the worst mismatch.
public func secondOrderMismatch(_ f: (Variable) throws -> Variable, at x: NDArray, direction v: NDArray,
                                rtol: Double = 1e-4, atol: Double = 1e-5) throws -> GradientMismatch? {
    return try gradientMismatch({ args in
        let xv = args[0]
        let g = try grad(of: f(xv), withRespectTo: [xv], createGraph: true)[0]
        return try sum(g * Variable(v))
    }, at: [x], rtol: rtol, atol: atol)
}
