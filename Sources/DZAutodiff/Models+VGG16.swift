import DZTensor

/// DeZero's `VGG16` model (dezero/models.py): thirteen 3×3 convolutions (pad 1) in five
/// blocks, each block ending in a 2×2 max pooling, then `fc6`, `fc7` (4096, ReLU and
/// dropout) and `fc8` (1000). Every weight is made at the first call, as DeZero's layers
/// make theirs; there are no pretrained weights here: ``setParameter(_:_:)`` (the language's
/// `load_weights`) reads DeZero's `vgg16.npz` when the user has it (keys `conv1_1/W`, ...).
public final class VGG16: EngineLayer {
    /// The convolutions by DeZero's names, in order.
    public let convolutions: [(name: String, layer: Conv2dLayer)]
    public let fc6: Linear, fc7: Linear, fc8: Linear
    /// The number of convolutions in each block.
    static let blocks = [2, 2, 3, 3, 3]
    static let channels = [64, 128, 256, 512, 512]

    public init(using generator: inout RandomState) throws {
        var convs: [(String, Conv2dLayer)] = []
        for (b, count) in VGG16.blocks.enumerated() {
            for i in 1...count {
                convs.append(("conv\(b + 1)_\(i)", try Conv2dLayer(outChannels: VGG16.channels[b], kernel: Pair(3), stride: Pair(1), pad: Pair(1), using: &generator)))
            }
        }
        convolutions = convs
        fc6 = try Linear(outSize: 4096)
        fc7 = try Linear(outSize: 4096)
        fc8 = try Linear(outSize: 1000)
    }

    /// DeZero's `forward` on images (N, 3, H, W), H and W at least 32; dropout draws from
    /// `generator` (and passes everything in test mode).
    public func callAsFunction(_ x: Variable, using generator: inout RandomState) throws -> Variable {
        var h = x
        var k = 0
        for count in VGG16.blocks {
            for _ in 0..<count {
                h = try relu(convolutions[k].layer(h, using: &generator))
                k += 1
            }
            h = try pooling(h, kernel: Pair(2), stride: Pair(2))
        }
        h = try reshape(h, [h.shape[0], h.size / Swift.max(h.shape[0], 1)])
        h = try dropout(relu(fc6(h, using: &generator)), ratio: 0.5, using: &generator)
        h = try dropout(relu(fc7(h, using: &generator)), ratio: 0.5, using: &generator)
        return try fc8(h, using: &generator)
    }

    var sublayers: [(String, EngineLayer)] {
        convolutions.map { ($0.name, $0.layer as EngineLayer) } + [("fc6", fc6), ("fc7", fc7), ("fc8", fc8)]
    }

    public var namedParameters: [(name: String, parameter: Variable)] {
        sublayers.flatMap { prefix, l in l.namedParameters.map { ("\(prefix)/\($0.name)", $0.parameter) } }
    }

    /// Every parameter key the model has once it has run (`conv1_1/W`, ..., `fc8/b`).
    public var parameterKeys: [String] {
        convolutions.flatMap { ["\($0.name)/W", "\($0.name)/b"] } + ["fc6", "fc7", "fc8"].flatMap { ["\($0)/W", "\($0)/b"] }
    }

    public func setParameter(_ name: String, _ data: NDArray) throws {
        let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let l = sublayers.first(where: { $0.0 == parts[0] })?.1 else {
            throw TensorError.invalid(operation: "load_weights", message: "VGG16 has no parameter '\(name)'")
        }
        try l.setParameter(parts[1], data)
    }
}
