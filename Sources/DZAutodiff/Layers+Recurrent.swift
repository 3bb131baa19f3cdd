import DZTensor

// DeZero's recurrent layers (steps 59-60): RNN and LSTM, made of `Linear` layers that are
// sized lazily and drawn in DeZero's order, with the hidden state kept between calls
// until `resetState()`.

extension Linear: EngineLayer {
    public var namedParameters: [(name: String, parameter: Variable)] {
        [("W", W), ("b", b)].compactMap { n, p in p.map { (n, $0) } }
    }
}

/// The parameters of named sublayers, as `name/W`.
func nested(_ layers: [(String, Linear)]) -> [(name: String, parameter: Variable)] {
    layers.flatMap { prefix, l in l.namedParameters.map { ("\(prefix)/\($0.name)", $0.parameter) } }
}

/// Sets `prefix/name` on the sublayer `prefix`.
func setNested(_ layers: [(String, Linear)], _ path: String, _ data: NDArray, _ layer: String) throws {
    let parts = path.split(separator: "/", maxSplits: 1).map(String.init)
    guard parts.count == 2, let l = layers.first(where: { $0.0 == parts[0] })?.1 else {
        throw TensorError.invalid(operation: "load_weights", message: "an \(layer) layer has no parameter '\(path)'")
    }
    try l.setParameter(parts[1], data)
}

/// DeZero's `RNN`: `h = tanh(x2h(x))` at the first step, `tanh(x2h(x) + h2h(h))` after,
/// with `x2h = Linear(hidden)` (its input size from `x`) and `h2h = Linear(hidden,
/// nobias)`; without `in_size`, each `W` is drawn at its first use, as DeZero does.
public final class RNNLayer: EngineLayer {
    public let hiddenSize: Int
    public let x2h: Linear, h2h: Linear
    /// The hidden state (nil before the first step and after ``resetState()``).
    public private(set) var h: Variable?

    public init(hiddenSize: Int, inSize: Int? = nil, using generator: inout RandomState) throws {
        try positive(hiddenSize, "hidden_size", "RNN")
        self.hiddenSize = hiddenSize
        x2h = try Linear(outSize: hiddenSize, inSize: inSize, using: &generator)
        // DeZero passes in_size to h2h as well; its input is h, so only its presence counts.
        h2h = try Linear(outSize: hiddenSize, nobias: true, inSize: inSize == nil ? nil : hiddenSize, using: &generator)
    }

    /// DeZero's `reset_state`.
    public func resetState() { h = nil }

    /// One step on `x` (N, in): the new hidden state (N, hidden).
    public func callAsFunction(_ x: Variable, using generator: inout RandomState) throws -> Variable {
        let hNew: Variable
        if let h {
            hNew = try tanh(x2h(x, using: &generator) + h2h(h, using: &generator))
        } else {
            hNew = try tanh(x2h(x, using: &generator))
        }
        h = hNew
        return hNew
    }

    var sublayers: [(String, Linear)] { [("x2h", x2h), ("h2h", h2h)] }
    public var namedParameters: [(name: String, parameter: Variable)] { nested(sublayers) }
    public func setParameter(_ name: String, _ data: NDArray) throws { try setNested(sublayers, name, data, "RNN") }
}

/// DeZero's `LSTM`: gates `f, i, o = sigmoid(x2·(x) + h2·(h))`, `u = tanh(x2u(x) + h2u(h))`
/// (without the `h2·` terms at the first step), `c = f c + i u` (`i u` at first),
/// `h = o tanh(c)`. The four `h2·` layers (hidden, hidden) are drawn at construction, the
/// `x2·` ones at the first step unless `in_size` is given, as DeZero does.
public final class LSTMLayer: EngineLayer {
    public let hiddenSize: Int
    public let x2f: Linear, x2i: Linear, x2o: Linear, x2u: Linear
    public let h2f: Linear, h2i: Linear, h2o: Linear, h2u: Linear
    /// The hidden and cell states (nil before the first step and after ``resetState()``).
    public private(set) var h: Variable?, c: Variable?

    public init(hiddenSize: Int, inSize: Int? = nil, using generator: inout RandomState) throws {
        try positive(hiddenSize, "hidden_size", "LSTM")
        let H = hiddenSize
        self.hiddenSize = H
        x2f = try Linear(outSize: H, inSize: inSize, using: &generator)
        x2i = try Linear(outSize: H, inSize: inSize, using: &generator)
        x2o = try Linear(outSize: H, inSize: inSize, using: &generator)
        x2u = try Linear(outSize: H, inSize: inSize, using: &generator)
        h2f = try Linear(outSize: H, nobias: true, inSize: H, using: &generator)
        h2i = try Linear(outSize: H, nobias: true, inSize: H, using: &generator)
        h2o = try Linear(outSize: H, nobias: true, inSize: H, using: &generator)
        h2u = try Linear(outSize: H, nobias: true, inSize: H, using: &generator)
    }

    /// DeZero's `reset_state`.
    public func resetState() { h = nil; c = nil }

    /// One step on `x` (N, in): the new hidden state (N, hidden).
    public func callAsFunction(_ x: Variable, using g: inout RandomState) throws -> Variable {
        let f: Variable, i: Variable, o: Variable, u: Variable
        if let h {
            f = try sigmoid(x2f(x, using: &g) + h2f(h, using: &g))
            i = try sigmoid(x2i(x, using: &g) + h2i(h, using: &g))
            o = try sigmoid(x2o(x, using: &g) + h2o(h, using: &g))
            u = try tanh(x2u(x, using: &g) + h2u(h, using: &g))
        } else {
            f = try sigmoid(x2f(x, using: &g))
            i = try sigmoid(x2i(x, using: &g))
            o = try sigmoid(x2o(x, using: &g))
            u = try tanh(x2u(x, using: &g))
        }
        let cNew = try c.map { try f * $0 + i * u } ?? (try i * u)
        let hNew = try o * tanh(cNew)
        h = hNew; c = cNew
        return hNew
    }

    var sublayers: [(String, Linear)] {
        [("x2f", x2f), ("x2i", x2i), ("x2o", x2o), ("x2u", x2u), ("h2f", h2f), ("h2i", h2i), ("h2o", h2o), ("h2u", h2u)]
    }
    public var namedParameters: [(name: String, parameter: Variable)] { nested(sublayers) }
    public func setParameter(_ name: String, _ data: NDArray) throws { try setNested(sublayers, name, data, "LSTM") }
}
