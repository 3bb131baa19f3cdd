import DZTensor

/// DeZero's `ResNet` (50, 101 or 152 layers; dezero/models.py, after Chainer's): `conv1`
/// (7×7, stride 2, pad 3) with `bn1`, ReLU and a 3×3 max pooling of stride 2, then the
/// building blocks `res2` ... `res5` of bottlenecks, a global average pooling and `fc6`
/// (1000), every weight made at the first call. DeZero 0.0.13's own constructor passes Chainer's argument order
/// (`Conv2d(in, out, ksize, stride, pad)`) to its `Conv2d(out, ksize, stride, pad, nobias)`
/// and cannot build the model; this is the network that code describes. Weights are made at
/// the first call; `load_weights` reads DeZero's `resnet50.npz` ... when the user has it.
public final class ResNet: EngineLayer {
    public let layers: Int
    let conv1: Conv2dLayer, bn1: BatchNormLayer
    let stages: [(name: String, blocks: [Bottleneck])]
    let fc6: Linear

    public init(layers: Int, using generator: inout RandomState) throws {
        let counts: [Int]
        switch layers {
        case 50: counts = [3, 4, 6, 3]
        case 101: counts = [3, 4, 23, 3]
        case 152: counts = [3, 8, 36, 3]
        default: throw TensorError.invalid(operation: "ResNet", message: "n_layers must be 50, 101 or 152, got \(layers)")
        }
        self.layers = layers
        conv1 = try Conv2dLayer(outChannels: 64, kernel: Pair(7), stride: Pair(2), pad: Pair(3), using: &generator)
        bn1 = BatchNormLayer()
        let plan = [(64, 64, 256, 1), (256, 128, 512, 2), (512, 256, 1024, 2), (1024, 512, 2048, 2)]
        var stages: [(String, [Bottleneck])] = []
        for (k, (inC, mid, out, stride)) in plan.enumerated() {
            var blocks = [try Bottleneck(name: "a", inChannels: inC, mid: mid, out: out, stride: stride, using: &generator)]
            for i in 1..<counts[k] {
                blocks.append(try Bottleneck(name: "b\(i)", inChannels: out, mid: mid, out: out, stride: nil, using: &generator))
            }
            stages.append(("res\(k + 2)", blocks))
        }
        self.stages = stages
        fc6 = try Linear(outSize: 1000)
    }

    /// DeZero's `forward` on images (N, 3, H, W).
    public func callAsFunction(_ x: Variable, using generator: inout RandomState) throws -> Variable {
        var h = try relu(bn1(conv1(x, using: &generator)))
        h = try pooling(h, kernel: Pair(3), stride: Pair(2))
        for (_, blocks) in stages {
            for b in blocks { h = try b(h, using: &generator) }
        }
        // DeZero's _global_average_pooling_2d.
        let n = h.shape[0], c = h.shape[1]
        h = try reshape(averagePooling(h, kernel: Pair(h.shape[2], h.shape[3]), stride: Pair(1)), [n, c])
        return try fc6(h, using: &generator)
    }

    var sublayers: [(String, EngineLayer)] {
        [("conv1", conv1), ("bn1", bn1)]
            + stages.flatMap { stage, blocks in blocks.flatMap { b in b.sublayers.map { ("\(stage)/\(b.name)/\($0.0)", $0.1) } } }
            + [("fc6", fc6)]
    }

    public var namedParameters: [(name: String, parameter: Variable)] {
        sublayers.flatMap { prefix, l in l.namedParameters.map { ("\(prefix)/\($0.name)", $0.parameter) } }
    }

    /// Every parameter key once the model has run (`conv1/W`, `bn1/avg_mean`, `res2/a/conv1/W`, ...).
    public var parameterKeys: [String] {
        sublayers.flatMap { prefix, l -> [String] in
            let names: [String]
            switch l {
            case let c as Conv2dLayer: names = c.b == nil ? ["W"] : ["W", "b"]
            case is BatchNormLayer: names = ["avg_mean", "avg_var", "gamma", "beta"]
            default: names = ["W", "b"]
            }
            return names.map { "\(prefix)/\($0)" }
        }
    }

    public func setParameter(_ name: String, _ data: NDArray) throws {
        guard let slash = name.lastIndex(of: "/"), let l = sublayers.first(where: { $0.0 == String(name[..<slash]) })?.1 else {
            throw TensorError.invalid(operation: "load_weights", message: "ResNet\(layers) has no parameter '\(name)'")
        }
        try l.setParameter(String(name[name.index(after: slash)...]), data)
    }
}

/// DeZero's `BottleneckA` (with a projection `conv4`/`bn4` of the input, when `stride` is
/// given) and `BottleneckB` (identity shortcut): 1×1, 3×3, 1×1 convolutions without bias,
/// each followed by batch normalization; the stride is on the first 1×1 (MSRA ResNet).
final class Bottleneck {
    let name: String
    let conv1: Conv2dLayer, bn1 = BatchNormLayer(), conv2: Conv2dLayer, bn2 = BatchNormLayer()
    let conv3: Conv2dLayer, bn3 = BatchNormLayer()
    let projection: (conv: Conv2dLayer, bn: BatchNormLayer)?

    init(name: String, inChannels: Int, mid: Int, out: Int, stride: Int?, using g: inout RandomState) throws {
        self.name = name
        let s = stride ?? 1
        conv1 = try Conv2dLayer(outChannels: mid, kernel: Pair(1), stride: Pair(s), pad: Pair(0), nobias: true, using: &g)
        conv2 = try Conv2dLayer(outChannels: mid, kernel: Pair(3), stride: Pair(1), pad: Pair(1), nobias: true, using: &g)
        conv3 = try Conv2dLayer(outChannels: out, kernel: Pair(1), stride: Pair(1), pad: Pair(0), nobias: true, using: &g)
        projection = stride == nil ? nil
            : (try Conv2dLayer(outChannels: out, kernel: Pair(1), stride: Pair(s), pad: Pair(0), nobias: true, using: &g), BatchNormLayer())
    }

    func callAsFunction(_ x: Variable, using g: inout RandomState) throws -> Variable {
        var h = try relu(bn1(conv1(x, using: &g)))
        h = try relu(bn2(conv2(h, using: &g)))
        h = try bn3(conv3(h, using: &g))
        let shortcut = try projection.map { try $0.bn($0.conv(x, using: &g)) } ?? x
        return try relu(h + shortcut)
    }

    var sublayers: [(String, EngineLayer)] {
        [("conv1", conv1), ("bn1", bn1), ("conv2", conv2), ("bn2", bn2), ("conv3", conv3), ("bn3", bn3)]
            + (projection.map { [("conv4", $0.conv as EngineLayer), ("bn4", $0.bn as EngineLayer)] } ?? [])
    }
}
