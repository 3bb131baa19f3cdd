import DZTensor

// DeZero's layers of steps 52-60 (dezero/layers.py): Conv2d, Deconv2d, BatchNorm and
// EmbedID, sized lazily as `Linear` is, drawing their weights from the generator passed
// to the call in DeZero's order. They hold their parameters as leaf variables that an
// optimizer changes in place; each lists them by DeZero's attribute names for
// save_weights / load_weights (``namedParameters``, ``setParameter(_:_:)``).

/// A layer of the engine: its parameters by name, and a way to set one from saved data.
public protocol EngineLayer: AnyObject {
    /// The parameters that exist, with DeZero's names (`W`, `b`, `x2h/W`, ...).
    var namedParameters: [(name: String, parameter: Variable)] { get }
    /// Sets the parameter `name` from saved data (creating it when it is not made yet and
    /// the shape fits); throws for an unknown name or a shape that does not fit.
    func setParameter(_ name: String, _ data: NDArray) throws
}

extension EngineLayer {
    /// The parameters that exist, in ``namedParameters`` order.
    public var params: [Variable] { namedParameters.map(\.parameter) }
}

/// Checks that `value` is at least 1 for a layer's constructor.
func positive(_ value: Int, _ name: String, _ layer: String) throws {
    guard value >= 1 else { throw TensorError.invalid(operation: layer, message: "\(name) must be positive, got \(value)") }
}

/// The error for saved data of the wrong shape.
func doesNotFit(_ name: String, _ data: NDArray, _ expected: String, _ layer: String) -> TensorError {
    .invalid(operation: "load_weights", message: "\(name) of shape \(formatShape(data.shape)) does not fit a \(layer) layer with \(name) of shape \(expected)")
}

/// DeZero's `Conv2d` layer (and, with `transposed`, `Deconv2d`): filters `W` of shape
/// (OC, C, KH, KW) ((C, OC, KH, KW) transposed), drawn as `randn(...) * sqrt(1 / (C KH KW))`
/// when `in_channels` is known (given, or the input's axis 1 at the first call), and a bias
/// `b = zeros(OC)` unless `nobias`.
public final class Conv2dLayer: EngineLayer {
    public let outChannels: Int, kernel: Pair, stride: Pair, pad: Pair
    /// Whether this is DeZero's `Deconv2d` (a transposed convolution).
    public let transposed: Bool
    public private(set) var inChannels: Int?
    public private(set) var W: Variable?
    public let b: Variable?
    var layerName: String { transposed ? "Deconv2d" : "Conv2d" }

    public init(outChannels: Int, kernel: Pair, stride: Pair = Pair(1), pad: Pair = Pair(0), nobias: Bool = false,
                inChannels: Int? = nil, transposed: Bool = false, using generator: inout RandomState) throws {
        let name = transposed ? "Deconv2d" : "Conv2d"
        try positive(outChannels, "out_channels", name)
        try positive(kernel.height, "kernel_size", name); try positive(kernel.width, "kernel_size", name)
        try positive(stride.height, "stride", name); try positive(stride.width, "stride", name)
        guard pad.height >= 0, pad.width >= 0 else { throw TensorError.invalid(operation: name, message: "pad must be 0 or more, got \(pad)") }
        self.outChannels = outChannels; self.kernel = kernel; self.stride = stride; self.pad = pad
        self.transposed = transposed
        b = nobias ? nil : Variable(try NDArray.zeros([outChannels]), name: "b")
        if let inChannels { try initializeW(inChannels, using: &generator) }
    }

    /// The filters' shape for `c` input channels.
    func filterShape(_ c: Int) -> [Int] {
        transposed ? [c, outChannels, kernel.height, kernel.width] : [outChannels, c, kernel.height, kernel.width]
    }

    /// DeZero's `_init_W`.
    func initializeW(_ c: Int, using generator: inout RandomState) throws {
        try positive(c, "in_channels", layerName)
        let scale = (1.0 / Double(c * kernel.height * kernel.width)).squareRoot()
        let shape = filterShape(c)
        _ = try NDArray.checkedCount(shape, operation: layerName)
        W = Variable(try generator.randn(shape) * NDArray(scale), name: "W")
        inChannels = c
    }

    /// The convolution of `x` (N, C, H, W), creating `W` first from `C` if needed.
    public func callAsFunction(_ x: Variable, using generator: inout RandomState) throws -> Variable {
        if W == nil {
            guard x.ndim == 4 else {
                throw TensorError.invalid(operation: layerName, message: "the input must be 4-d (batch, channels, height, width), got shape \(formatShape(x.shape))")
            }
            try initializeW(x.shape[1], using: &generator)
        }
        return transposed ? try deconv2d(x, W!, b, stride: stride, pad: pad) : try conv2d(x, W!, b, stride: stride, pad: pad)
    }

    public var namedParameters: [(name: String, parameter: Variable)] {
        [("W", W), ("b", b)].compactMap { n, p in p.map { (n, $0) } }
    }

    public func setParameter(_ name: String, _ data: NDArray) throws {
        switch name {
        case "W":
            let c = data.ndim == 4 ? data.shape[transposed ? 0 : 1] : 0
            let expected = filterShape(inChannels ?? c)
            guard data.shape == expected, c >= 1 else {
                let c = inChannels.map(String.init) ?? "?", oc = String(outChannels)
                let text = "(" + (transposed ? [c, oc] : [oc, c]).joined(separator: ", ") + ", \(kernel.height), \(kernel.width))"
                throw doesNotFit("W", data, text, layerName)
            }
            if let W { W.data = data } else { W = Variable(data, name: "W"); inChannels = c }
        case "b":
            guard let b else { throw TensorError.invalid(operation: "load_weights", message: "the \(layerName) layer has no bias") }
            guard data.shape == [outChannels] else { throw doesNotFit("b", data, "(\(outChannels),)", layerName) }
            b.data = data
        default:
            throw TensorError.invalid(operation: "load_weights", message: "a \(layerName) layer has no parameter '\(name)'")
        }
    }
}

/// DeZero's `BatchNorm` layer: `gamma`, `beta` and the running statistics `avg_mean`,
/// `avg_var`, all of the input's axis 1 and made at the first call (ones, zeros, zeros,
/// ones). The statistics are parameters too (so they are saved) but never get gradients.
public final class BatchNormLayer: EngineLayer {
    public private(set) var gamma: Variable?, beta: Variable?, avgMean: Variable?, avgVar: Variable?
    public let decay: Double, eps: Double

    public init(decay: Double = 0.9, eps: Double = 2e-5) { self.decay = decay; self.eps = eps }

    /// Normalizes `x` (N, C) or (N, C, H, W), making the parameters first from `C`.
    public func callAsFunction(_ x: Variable) throws -> Variable {
        if avgMean == nil {
            guard x.ndim == 2 || x.ndim == 4 else {
                throw TensorError.invalid(operation: "BatchNorm", message: "the input must be 2-d (batch, channels) or 4-d (batch, channels, height, width), got shape \(formatShape(x.shape))")
            }
            let d = x.shape[1]
            avgMean = Variable(try NDArray.zeros([d]), name: "avg_mean")
            avgVar = Variable(try NDArray.ones([d]), name: "avg_var")
            gamma = Variable(try NDArray.ones([d]), name: "gamma")
            beta = Variable(try NDArray.zeros([d]), name: "beta")
        }
        return try batchNorm(x, gamma!, beta!, mean: avgMean!, variance: avgVar!, decay: decay, eps: eps)
    }

    public var namedParameters: [(name: String, parameter: Variable)] {
        [("avg_mean", avgMean), ("avg_var", avgVar), ("gamma", gamma), ("beta", beta)].compactMap { n, p in p.map { (n, $0) } }
    }

    public func setParameter(_ name: String, _ data: NDArray) throws {
        guard ["avg_mean", "avg_var", "gamma", "beta"].contains(name) else {
            throw TensorError.invalid(operation: "load_weights", message: "a BatchNorm layer has no parameter '\(name)'")
        }
        let size = gamma?.shape[0] ?? (data.ndim == 1 ? data.shape[0] : -1)
        guard data.shape == [size], size >= 1 else { throw doesNotFit(name, data, gamma.map { formatShape($0.shape) } ?? "(?,)", "BatchNorm") }
        if avgMean == nil {
            avgMean = Variable(try NDArray.zeros([size]), name: "avg_mean")
            avgVar = Variable(try NDArray.ones([size]), name: "avg_var")
            gamma = Variable(try NDArray.ones([size]), name: "gamma")
            beta = Variable(try NDArray.zeros([size]), name: "beta")
        }
        switch name {
        case "avg_mean": avgMean!.data = data
        case "avg_var": avgVar!.data = data
        case "gamma": gamma!.data = data
        default: beta!.data = data
        }
    }
}

/// DeZero's `EmbedID` layer: a table `W = randn(in_size, out_size)` (no scaling, drawn at
/// construction); calling it on integer ids gives their rows.
public final class EmbedIDLayer: EngineLayer {
    public let W: Variable
    public init(inSize: Int, outSize: Int, using generator: inout RandomState) throws {
        try positive(inSize, "in_size", "EmbedID"); try positive(outSize, "out_size", "EmbedID")
        _ = try NDArray.checkedCount([inSize, outSize], operation: "EmbedID")
        W = Variable(try generator.randn([inSize, outSize]), name: "W")
    }
    /// The rows of `W` at the ids `x`.
    public func callAsFunction(_ x: Variable) throws -> Variable { try embedID(x, W) }
    public var namedParameters: [(name: String, parameter: Variable)] { [("W", W)] }
    public func setParameter(_ name: String, _ data: NDArray) throws {
        guard name == "W" else { throw TensorError.invalid(operation: "load_weights", message: "an EmbedID layer has no parameter '\(name)'") }
        guard data.shape == W.shape else { throw doesNotFit("W", data, formatShape(W.shape), "EmbedID") }
        W.data = data
    }
}
