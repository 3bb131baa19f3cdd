import DZAutodiff
import DZTensor

// The functions of DeZero's steps 52-60: convolutions, pooling, batch normalization, and
// the smaller ones of those steps (leaky_relu, binary_cross_entropy, embed_id, unchain).

extension Builtins {
    static let convolution: [Builtin] = [
        Builtin("conv2d", [param("x", .tensor), param("W", .tensor), param("b", .optionalTensor, DefaultValue.none),
                           param("stride", .any, .number(1)), param("pad", .any, .number(0))],
                category: "conv", differentiable: true,
                help: "DeZero's 2-d convolution of images `x` (N, C, H, W) by filters `W` (OC, C, KH, KW), plus the bias `b` (OC) per output channel: (N, OC, OH, OW) with `OH = (H + 2 pad - KH) // stride + 1`. `stride` and `pad` are an integer or a pair (height, width); the image is padded with zeros. Runs as a matrix product of `im2col(x)` with the filters (BLAS); differentiable to any order.",
                example: "conv2d(ones(1, 1, 4, 4), ones(2, 1, 3, 3), pad=1).shape") { args in
            .tensor(try DZAutodiff.conv2d(try args.tensor("x"), try args.tensor("W"), try args.optionalTensor("b"),
                                          stride: try pairArgument(args, "stride"), pad: try pairArgument(args, "pad")))
        },
        Builtin("deconv2d", [param("x", .tensor), param("W", .tensor), param("b", .optionalTensor, DefaultValue.none),
                             param("stride", .any, .number(1)), param("pad", .any, .number(0)), param("outsize", .any, DefaultValue.none)],
                category: "conv", differentiable: true,
                help: "DeZero's transposed convolution (the gradient of `conv2d` with respect to its input) of `x` (N, C, H, W) by `W` (C, OC, KH, KW), plus `b` (OC): (N, OC, OH, OW) with `OH = stride (H - 1) + KH - 2 pad` unless `outsize` (an integer or a pair) says otherwise; `outsize` must convolve back to (H, W).",
                example: "deconv2d(ones(1, 2, 3, 3), ones(2, 1, 2, 2), stride=2).shape") { args in
            let outsize: Pair? = args.value("outsize").isNone ? nil : try pairArgument(args, "outsize")
            return .tensor(try DZAutodiff.deconv2d(try args.tensor("x"), try args.tensor("W"), try args.optionalTensor("b"),
                                                   stride: try pairArgument(args, "stride"), pad: try pairArgument(args, "pad"), outsize: outsize))
        },
        Builtin("im2col", [param("x", .tensor), param("kernel_size", .any), param("stride", .any, .number(1)), param("pad", .any, .number(0)),
                           param("to_matrix", .bool, .bool(true))],
                category: "conv", differentiable: true,
                help: "DeZero's `im2col`: the patches of `x` (N, C, H, W) that a kernel of `kernel_size` (an integer or a pair) visits, as the matrix (N OH OW, C KH KW) with `to_matrix` (one row per output position), else as (N, C, KH, KW, OH, OW). Padded positions are 0. Its gradient is `col2im`.",
                example: "im2col(arange(9).reshape(1, 1, 3, 3), 2)") { args in
            .tensor(try DZAutodiff.im2col(try args.tensor("x"), kernel: try pairArgument(args, "kernel_size"), stride: try pairArgument(args, "stride"),
                                          pad: try pairArgument(args, "pad"), toMatrix: try args.bool("to_matrix")))
        },
        Builtin("col2im", [param("x", .tensor), param("input_shape", .sizes), param("kernel_size", .any), param("stride", .any, .number(1)),
                           param("pad", .any, .number(0)), param("to_matrix", .bool, .bool(true))],
                category: "conv", differentiable: true,
                help: "DeZero's `col2im`, the adjoint of `im2col`: columns (in `im2col`'s layout for the same arguments) summed back into an image of `input_shape` (N, C, H, W); each pixel gets the sum of the patch entries that read it.",
                example: "col2im(ones(4, 4), (1, 1, 3, 3), 2)") { args in
            .tensor(try DZAutodiff.col2im(try args.tensor("x"), inputShape: try args.sizes("input_shape"), kernel: try pairArgument(args, "kernel_size"),
                                          stride: try pairArgument(args, "stride"), pad: try pairArgument(args, "pad"), toMatrix: try args.bool("to_matrix")))
        },
        Builtin("pooling", [param("x", .tensor), param("kernel_size", .any), param("stride", .any, .number(1)), param("pad", .any, .number(0))],
                category: "conv", differentiable: true,
                help: "DeZero's max pooling: the largest entry of each `kernel_size` window of `x` (N, C, H, W), moved by `stride`, over the image padded with zeros: (N, C, OH, OW). The gradient goes to the entry each window chose (the first largest).",
                example: "pooling(arange(16).reshape(1, 1, 4, 4), 2, 2)") { args in
            .tensor(try DZAutodiff.pooling(try args.tensor("x"), kernel: try pairArgument(args, "kernel_size"), stride: try pairArgument(args, "stride"),
                                           pad: try pairArgument(args, "pad")))
        },
        Builtin("average_pooling", [param("x", .tensor), param("kernel_size", .any), param("stride", .any, .number(1)), param("pad", .any, .number(0))],
                category: "conv", differentiable: true,
                help: "DeZero's average pooling: the mean of each `kernel_size` window of `x` (N, C, H, W) (over KH KW entries, padded zeros included): (N, C, OH, OW).",
                example: "average_pooling(arange(16).reshape(1, 1, 4, 4), 2, 2)") { args in
            .tensor(try DZAutodiff.averagePooling(try args.tensor("x"), kernel: try pairArgument(args, "kernel_size"), stride: try pairArgument(args, "stride"),
                                                  pad: try pairArgument(args, "pad")))
        },
        Builtin("batch_norm", [param("x", .tensor), param("gamma", .tensor), param("beta", .tensor), param("mean", .tensor), param("var", .tensor),
                               param("decay", .real, .number(0.9)), param("eps", .real, .number(2e-5))],
                category: "conv", differentiable: true,
                help: "DeZero's batch normalization (`F.batch_nrom`): `gamma (x - mu) / sqrt(sigma² + eps) + beta` per channel of `x` (N, C) or (N, C, H, W), `gamma`, `beta`, `mean` and `var` of shape (C,). In training, mu and sigma² are the batch's, and the running statistics `mean` and `var` are updated in place (`mean = decay mean + (1 - decay) mu`, `var` likewise with the unbiased variance); inside `test_mode { }` the running statistics normalize and stay as they are.",
                example: "m = zeros(2); v = ones(2); y = batch_norm(randn(4, 2), ones(2), zeros(2), m, v); m") { args in
            .tensor(try batchNorm(try args.tensor("x"), try args.tensor("gamma"), try args.tensor("beta"), mean: try args.tensor("mean"),
                                  variance: try args.tensor("var"), decay: try args.double("decay"), eps: try args.double("eps")))
        },
        Builtin("leaky_relu", [param("x", .tensor), param("slope", .real, .number(0.2))], category: "nn", differentiable: true,
                help: "DeZero's leaky ReLU: `x` where `x > 0`, `slope * x` elsewhere.",
                example: "leaky_relu([-1, 0, 2])") { .tensor(try leakyReLU(try $0.tensor("x"), slope: try $0.double("slope"))) },
        Builtin("binary_cross_entropy", [param("p", .tensor), param("t", .tensor)], category: "nn", differentiable: true,
                help: "DeZero's binary cross entropy of probabilities `p` against targets `t` in {0, 1}: `-sum(t log p + (1 - t) log(1 - p)) / len(t)`, with `p` clipped to [1e-15, 0.999] first; `t` is reshaped to `p`'s shape when their dimensions differ.",
                example: "binary_cross_entropy([[0.9], [0.2]], [1, 0])") { .tensor(try binaryCrossEntropy(try $0.tensor("p"), try $0.tensor("t"))) },
        Builtin("embed_id", [param("x", .tensor), param("W", .tensor)], category: "nn", differentiable: true,
                help: "DeZero's `embed_id`: the rows of the table `W` (vocabulary, ...) at the integer ids `x`, `W[x]`, of shape `x.shape + W.shape[1:]`; the gradient adds into the rows used.",
                example: "embed_id([2, 0], arange(6).reshape(3, 2))") { .tensor(try embedID(try $0.tensor("x"), try $0.tensor("W"))) },
        Builtin("unchain", [param("x", .tensor)], category: "autodiff",
                help: "DeZero's `x.unchain()`: `x` forgets the function that made it and becomes a leaf (its value stays), so a later `backward` stops at it.",
                example: "x = 2.0; y = x * x; unchain(y); backward(y * 3); x.grad") { args in
            try args.tensor("x").unchain()
            return .none
        },
        Builtin("unchain_backward", [param("x", .tensor)], category: "autodiff",
                help: "DeZero's `x.unchain_backward()`: unchains every tensor of the graph behind `x`, so that the graph is released and a later `backward` through `x` stops there (truncated backpropagation through time, steps 59-60).",
                example: "x = 2.0; h = x * x; y = h * 3; unchain_backward(y); backward(y); h.grad") { args in
            try args.tensor("x").unchainBackward()
            return .none
        },
    ]

    /// An integer or a pair (height, width) of integers, as DeZero's `pair()` reads a
    /// kernel size, a stride, a padding or an output size.
    static func pairArgument(_ args: BuiltinArguments, _ name: String) throws -> Pair {
        let function = args.builtin.name
        switch args.value(name) {
        case .tuple(let items) where items.count == 2:
            return Pair(try BuiltinArguments.integer(items[0], function: function, parameter: name),
                        try BuiltinArguments.integer(items[1], function: function, parameter: name))
        case .tensor(let t) where t.ndim == 1 && t.size == 2:
            let v = t.data.scalars
            return Pair(try BuiltinArguments.integer(.number(v[0]), function: function, parameter: name),
                        try BuiltinArguments.integer(.number(v[1]), function: function, parameter: name))
        case .tensor(let t) where t.ndim == 0:
            return Pair(try BuiltinArguments.integer(.tensor(t), function: function, parameter: name))
        case let v:
            throw BuiltinError(.argumentType(function, name, expected: "an integer or a pair (height, width) of integers", got: BuiltinArguments.describe(v)))
        }
    }
}
