import DZTensor

/// DeZero's `LeakyReLU`: `x` where `x > 0`, `slope x` elsewhere.
public final class LeakyReLU: UnaryFunction {
    let slope: Double
    public init(slope: Double) { self.slope = slope }
    public override var gradientRules: [String] { ["gx = gy * (1 if x > 0 else \(formatScalar(slope)))"] }
    public override func compute(_ x: NDArray) throws -> NDArray {
        let slope = self.slope
        return try x.map(operation: "leaky_relu") { $0 <= 0 ? $0 * slope : $0 }
    }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let slope = self.slope
        let mask = try inputs[0].data.map(operation: "leaky_relu") { $0 > 0 ? 1 : slope }
        return [try gys[0] * constant(mask)]
    }
}

/// `max(x, slope x)` for a slope below 1: DeZero's `leaky_relu(x, slope=0.2)`.
public func leakyReLU(_ x: Variable, slope: Double = 0.2) throws -> Variable { try LeakyReLU(slope: slope).call(x) }
