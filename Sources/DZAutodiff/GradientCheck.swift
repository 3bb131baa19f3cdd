

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
    public let input: Int
    public let element: Int
    public let analytic: Double
    public let numerical: Double
    public var description: String {
        "input \(input), element \(element): backward gives \(analytic), numerical \(numerical)"
    }
}

/// Checks `backward` of `f` at `inputs` against central differences for every input;
/// returns the worst mismatch outside `atol + rtol * |numerical|`, or nil when all agree.
public func gradientMismatch(_ f: ([Variable]) throws -> Variable, at inputs: [NDArray],
                             rtol: Double = 1e-4, atol: Double = 1e-5) throws -> GradientMismatch? {
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
            for (i, n) in numerical.scalars.enumerated() where Swift.abs(n) > atol {
                return GradientMismatch(input: k, element: i, analytic: 0, numerical: n)
            }
            continue
        }
        guard analytic.shape == x.shape else {
            return GradientMismatch(input: k, element: -1, analytic: .nan, numerical: .nan)
        }
        for (i, (a, n)) in zip(analytic.scalars, numerical.scalars).enumerated() {
            let excess = Swift.abs(a - n) - (atol + rtol * Swift.abs(n))
            if excess > 0 || a.isNaN != n.isNaN, worst == nil || excess > worst!.excess {
                worst = (excess.isNaN ? .infinity : excess, GradientMismatch(input: k, element: i, analytic: a, numerical: n))
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
