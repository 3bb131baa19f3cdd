import DZTensor

/// DeZero's `Linear` layer: `y = x W + b`, with `W` of shape (in, out) created lazily.
///
/// When `inSize` is not given, `W` is created at the first call from the input's last
/// axis, as DeZero does: `W = randn(in, out) * sqrt(1 / in)` drawn from the generator
/// passed to the call; `b` is zeros(out) from the start (no random draw). The parameters
/// are leaf variables named `W` and `b`; optimizers replace their ``Variable/data`` in
/// place, so a parameter keeps its identity for the whole training.
///
/// ```swift
/// var rng = RandomState(); rng.seed(0)
/// let layer = Linear(outSize: 3)
/// let y = try layer(x, using: &rng)     // W is (x.shape.last, 3) from now on
/// ```
public final class Linear {
    /// The number of outputs.
    public let outSize: Int
    /// The number of inputs; nil until `W` exists.
    public private(set) var inSize: Int?
    /// The weights (in, out); nil until the first call when no input size was given.
    public private(set) var W: Variable?
    /// The bias (out); nil with `nobias`.
    public let b: Variable?
    /// What the parameters' names start with: `l1.` in a model that holds the layer as
    /// `l1` (see ``label(prefix:)``); empty for a layer on its own.
    public private(set) var labelPrefix = ""
    /// The dtype of `W` and `b` (DeZero's `dtype=`): float64 unless asked otherwise.
    public let dtype: DType

    /// A layer with `outSize` outputs and parameters of `dtype` (a floating dtype). With
    /// `inSize`, `W` is drawn now from `generator`.
    public init(outSize: Int, nobias: Bool = false, inSize: Int? = nil, dtype: DType = .float64, using generator: inout RandomState) throws {
        guard outSize > 0 else { throw TensorError.invalid(operation: "Linear", message: "out_size must be positive, got \(outSize)") }
        guard dtype.isFloating else { throw TensorError.invalid(operation: "Linear", message: "dtype must be float32 or float64, got \(dtype)") }
        self.outSize = outSize
        self.dtype = dtype
        self.b = nobias ? nil : Variable.parameter(try NDArray.zeros([outSize]).astype(dtype), name: "b")
        if let inSize { try initializeW(inSize: inSize, using: &generator) }
    }

    /// A layer whose `W` is created at the first call.
    public convenience init(outSize: Int, nobias: Bool = false) throws {
        var unused = RandomState()
        try self.init(outSize: outSize, nobias: nobias, inSize: nil, using: &unused)
    }

    /// DeZero's `_init_W`: `randn(in, out).astype(dtype) * sqrt(1 / in)`, in `dtype` (for
    /// float32 the scale is a float32 too, as numpy 1's casting gave DeZero's float32 `W`).
    func initializeW(inSize: Int, using generator: inout RandomState) throws {
        guard inSize > 0 else { throw TensorError.invalid(operation: "Linear", message: "in_size must be positive, got \(inSize)") }
        let data = try generator.randn([inSize, outSize]).astype(dtype) * NDArray((1.0 / Double(inSize)).squareRoot()).astype(dtype)
        self.inSize = inSize
        W = Variable.parameter(data, name: labelPrefix + "W")
    }

    /// Names the parameters `prefix + "W"` and `prefix + "b"`, now and when `W` is made.
    public func label(prefix: String) {
        labelPrefix = prefix
        W?.name = prefix + "W"
        b?.name = prefix + "b"
    }

    /// `x W + b`, creating `W` first if needed (its input size is `x`'s last axis).
    public func callAsFunction(_ x: Variable, using generator: inout RandomState) throws -> Variable {
        if W == nil {
            guard let last = x.shape.last else {
                throw TensorError.invalid(operation: "Linear", message: "the input must have at least one axis, got a 0-d tensor")
            }
            try initializeW(inSize: last, using: &generator)
        }
        return try linear(x, W!, b)
    }

    /// Sets a parameter from saved data (`W` may not exist yet: it is created with that
    /// data, fixing the input size). The shape must fit the layer.
    public func setParameter(_ name: String, _ data: NDArray) throws {
        try checkParameter(name, data)
        switch name {
        case "W":
            if let W { W.data = data } else {
                inSize = data.shape[0]
                W = Variable.parameter(data, name: labelPrefix + "W")
            }
        default:
            b?.data = data
        }
    }

    /// Checks that `data` fits the parameter `name` (``setParameter(_:_:)`` would take it).
    public func checkParameter(_ name: String, _ data: NDArray) throws {
        switch name {
        case "W":
            guard data.ndim == 2, data.shape[1] == outSize, inSize == nil || data.shape[0] == inSize else {
                throw TensorError.invalid(operation: "load_weights",
                    message: "W of shape \(formatShape(data.shape)) does not fit a layer with W of shape (\(inSize.map(String.init) ?? "?"), \(outSize))")
            }
        case "b":
            guard b != nil else { throw TensorError.invalid(operation: "load_weights", message: "the layer has no bias") }
            guard data.shape == [outSize] else {
                throw TensorError.invalid(operation: "load_weights",
                    message: "b of shape \(formatShape(data.shape)) does not fit a layer with b of shape (\(outSize),)")
            }
        default:
            throw TensorError.invalid(operation: "load_weights", message: "a Linear layer has no parameter '\(name)'")
        }
    }

    /// The parameter names the layer has (`W`, and `b` unless `nobias`).
    public var parameterNames: [String] { b == nil ? ["W"] : ["W", "b"] }

    /// The parameters that exist, `W` then `b`.
    public var params: [Variable] { [W, b].compactMap { $0 } }
}

/// DeZero's `MLP`: `Linear` layers `l0, l1, ...` of the given output sizes, with
/// `activation` between them (not after the last).
public final class MLP {
    /// The layers, in order.
    public let layers: [Linear]
    /// Applied after every layer but the last.
    public var activation: (Variable) throws -> Variable

    /// An MLP with one `Linear` per output size; every input size is set at the first call.
    public init(sizes: [Int], activation: @escaping (Variable) throws -> Variable = { try sigmoid($0) }) throws {
        guard !sizes.isEmpty else { throw TensorError.invalid(operation: "MLP", message: "sizes must not be empty") }
        layers = try sizes.map { try Linear(outSize: $0) }
        self.activation = activation
    }

    /// `forward` as DeZero's: each layer but the last followed by the activation.
    public func callAsFunction(_ x: Variable, using generator: inout RandomState) throws -> Variable {
        var x = x
        for l in layers.dropLast() { x = try activation(l(x, using: &generator)) }
        return try layers[layers.count - 1](x, using: &generator)
    }

    /// The parameters that exist, layer by layer.
    public var params: [Variable] { layers.flatMap(\.params) }
}
