import DZTensor

// conv2d deconv2d im2col col2im (DeZero's functions_conv.py). A convolution is a matrix
// product of the image's patches (im2col) with the filters, on BLAS; its gradients are
// the transposed convolution (deconv2d) for the input and `Conv2dGradW` for the filters,
// each itself a function with a backward, so higher orders work.

/// A (height, width) pair: DeZero's `pair(x)` for a kernel size, a stride or a padding.
public struct Pair: Equatable, Sendable, CustomStringConvertible {
    public var height: Int, width: Int
    public init(_ height: Int, _ width: Int) { self.height = height; self.width = width }
    /// The same value for both.
    public init(_ both: Int) { self.init(both, both) }
    var tuple: (Int, Int) { (height, width) }
    public var description: String { "(\(height), \(width))" }
}

/// The geometry of a convolution of `x` by filters of kernel `kernel`.
func convGeometry(_ x: [Int], kernel: Pair, stride: Pair, pad: Pair, operation: String) throws -> ConvGeometry {
    try ConvGeometry(input: x, kernel: kernel.tuple, stride: stride.tuple, pad: pad.tuple, operation: operation)
}

/// Checks a bias of `channels` entries (DeZero adds it per output channel).
func checkBias(_ b: NDArray?, channels: Int, operation: String) throws {
    guard let b else { return }
    guard b.shape == [channels] else {
        throw TensorError.invalid(operation: operation, message: "the bias must have shape (\(channels),), one per output channel, got \(formatShape(b.shape))")
    }
}

/// Checks filters `W` for `conv2d`: 4-d (OC, C, KH, KW) with C the input's channels.
func checkFilters(_ x: [Int], _ W: [Int], operation: String, deconv: Bool) throws {
    let layout = deconv ? "(in_channels, out_channels, KH, KW)" : "(out_channels, in_channels, KH, KW)"
    guard x.count == 4 else {
        throw TensorError.invalid(operation: operation, message: "x must be 4-d (batch, channels, height, width), got shape \(formatShape(x))")
    }
    guard W.count == 4 else {
        throw TensorError.invalid(operation: operation, message: "W must be 4-d \(layout), got shape \(formatShape(W))")
    }
    let expected = deconv ? W[0] : W[1]
    guard x[1] == expected else {
        throw TensorError.invalid(operation: operation,
            message: "x of shape \(formatShape(x)) has \(x[1]) channels but W of shape \(formatShape(W)) expects \(expected) (W is \(layout))")
    }
}

/// DeZero's `get_deconv_outsize` for both axes; nil when the size is not positive or overflows.
func deconvOutSize(_ h: Int, _ w: Int, kernel: Pair, stride: Pair, pad: Pair, operation: String) throws -> Pair? {
    guard let height = ConvGeometry.deconvOutSize(h, kernel: kernel.height, stride: stride.height, pad: pad.height),
          let width = ConvGeometry.deconvOutSize(w, kernel: kernel.width, stride: stride.width, pad: pad.width),
          height >= 1, width >= 1 else { return nil }
    return Pair(height, width)
}

extension NDArray {
    /// `conv2d` on arrays: `W (OC, C·KH·KW) @ im2col(x) (N, C·KH·KW, OH·OW)`, which is the
    /// output (N, OC, OH, OW) directly, plus the bias per channel.
    static func convolved(_ x: NDArray, _ W: NDArray, _ b: NDArray?, stride: Pair, pad: Pair, operation: String = "conv2d") throws -> NDArray {
        try checkFilters(x.shape, W.shape, operation: operation, deconv: false)
        let oc = W.shape[0]
        try checkBias(b, channels: oc, operation: operation)
        let g = try convGeometry(x.shape, kernel: Pair(W.shape[2], W.shape[3]), stride: stride, pad: pad, operation: operation)
        let columns = try x.im2col(g, operation: operation)    // its size is checked: k p below fit
        let k = g.channels * g.kernelHeight * g.kernelWidth, p = g.outHeight * g.outWidth
        let col = try columns.reshaped([g.batch, k, p])
        let y = try W.reshaped([oc, k]).matmul(col).reshaped([g.batch, oc, g.outHeight, g.outWidth])
        return try b.map { try y.addingChannelBias($0, operation: operation) } ?? y
    }

    /// `deconv2d` on arrays: `Wᵀ (OC·KH·KW, C) @ x (N, C, H·W)` as columns, summed into the
    /// image by col2im, plus the bias per channel.
    static func deconvolved(_ x: NDArray, _ W: NDArray, _ b: NDArray?, stride: Pair, pad: Pair, outsize: Pair?, operation: String = "deconv2d") throws -> NDArray {
        try checkFilters(x.shape, W.shape, operation: operation, deconv: true)
        let n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3]
        let oc = W.shape[1], kh = W.shape[2], kw = W.shape[3]
        try checkBias(b, channels: oc, operation: operation)
        guard let out = try outsize ?? deconvOutSize(h, w, kernel: Pair(kh, kw), stride: stride, pad: pad, operation: operation),
              out.height >= 1, out.width >= 1 else {
            throw TensorError.invalid(operation: operation, message: "the output of x \(formatShape(x.shape)) under kernel (\(kh), \(kw)), stride \(stride), pad \(pad) would be empty (or too large)")
        }
        let g = try convGeometry([n, oc, out.height, out.width], kernel: Pair(kh, kw), stride: stride, pad: pad, operation: operation)
        guard g.outHeight == h, g.outWidth == w else {
            throw TensorError.invalid(operation: operation,
                message: "an output of size \(out) convolves back to (\(g.outHeight), \(g.outWidth)), not the input's (\(h), \(w)), under kernel (\(kh), \(kw)), stride \(stride), pad \(pad)")
        }
        let rows = oc * kh * kw
        let gcol = try W.reshaped([c, rows]).transposed().matmul(x.reshaped([n, c, h * w]))
        let y = try gcol.reshaped(g.columnShape).col2im(g, operation: operation)
        return try b.map { try y.addingChannelBias($0, operation: operation) } ?? y
    }

    /// The filters' gradient of a convolution: `sum over n of gy (OC, OH·OW) @ im2col(x)ᵀ`,
    /// as (OC, C, KH, KW).
    static func convolutionFilterGradient(_ x: NDArray, _ gy: NDArray, kernel: Pair, stride: Pair, pad: Pair, operation: String = "conv2d") throws -> NDArray {
        let g = try convGeometry(x.shape, kernel: kernel, stride: stride, pad: pad, operation: operation)
        guard gy.ndim == 4, gy.shape[0] == g.batch, gy.shape[2] == g.outHeight, gy.shape[3] == g.outWidth else {
            throw TensorError.invalid(operation: operation,
                message: "a gradient of shape \(formatShape(gy.shape)) does not fit the output (\(g.batch), _, \(g.outHeight), \(g.outWidth)) of x \(formatShape(x.shape))")
        }
        let columns = try x.im2col(g, operation: operation)    // its size is checked: k p below fit
        let oc = gy.shape[1], k = g.channels * g.kernelHeight * g.kernelWidth, p = g.outHeight * g.outWidth
        let col = try columns.reshaped([g.batch, k, p])
        let perImage = try gy.reshaped([g.batch, oc, p]).matmul(col.transposed([0, 2, 1]))
        return try perImage.sum(axes: [0]).reshaped([oc, g.channels, g.kernelHeight, g.kernelWidth])
    }
}

/// DeZero's `Conv2d`: inputs `x` (N, C, H, W), `W` (OC, C, KH, KW) and optionally `b` (OC).
public final class Conv2d: Function {
    let stride: Pair, pad: Pair
    public init(stride: Pair, pad: Pair) { self.stride = stride; self.pad = pad }
    public override var gradientRules: [String] {
        ["gx = deconv2d(gy, W, stride=\(stride), pad=\(pad), outsize=x.shape[2:])", "gW = conv2d_grad_w(x, gy)", "gb = sum(gy, axis=(0, 2, 3))"]
    }
    public override func forward(_ xs: [NDArray]) throws -> [NDArray] {
        [try NDArray.convolved(xs[0], xs[1], xs.count > 2 ? xs[2] : nil, stride: stride, pad: pad)]
    }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let x = inputs[0], W = inputs[1], gy = gys[0]
        let gx = try deconv2d(gy, W, stride: stride, pad: pad, outsize: Pair(x.shape[2], x.shape[3]))
        let gW = try Conv2dGradW(kernel: Pair(W.shape[2], W.shape[3]), stride: stride, pad: pad)(x, gy)
        guard inputs.count > 2 else { return [gx, gW] }
        return [gx, gW, try ChannelSum().call(gy)]
    }
}

/// The bias gradient of a convolution: `sum(gy, axis=(0, 2, 3))`, in one pass.
public final class ChannelSum: UnaryFunction {
    public override var gradientRules: [String] { ["gx = broadcast_to(reshape(gy, (1, C, 1, 1)), x.shape)"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.channelSums() }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let shape = inputs[0].shape
        var kept = [Int](repeating: 1, count: shape.count)
        kept[1] = shape[1]
        return [try broadcastTo(reshape(gys[0], kept), shape)]
    }
}

/// DeZero's `Deconv2d` (the transposed convolution): inputs `x` (N, C, H, W), `W`
/// (C, OC, KH, KW) and optionally `b` (OC); output (N, OC, outsize).
public final class Deconv2d: Function {
    let stride: Pair, pad: Pair, outsize: Pair?
    public init(stride: Pair, pad: Pair, outsize: Pair?) { self.stride = stride; self.pad = pad; self.outsize = outsize }
    public override var gradientRules: [String] {
        ["gx = conv2d(gy, W, stride=\(stride), pad=\(pad))", "gW = conv2d_grad_w(gy, x)", "gb = sum(gy, axis=(0, 2, 3))"]
    }
    public override func forward(_ xs: [NDArray]) throws -> [NDArray] {
        [try NDArray.deconvolved(xs[0], xs[1], xs.count > 2 ? xs[2] : nil, stride: stride, pad: pad, outsize: outsize)]
    }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let x = inputs[0], W = inputs[1], gy = gys[0]
        let gx = try conv2d(gy, W, stride: stride, pad: pad)
        let gW = try Conv2dGradW(kernel: Pair(W.shape[2], W.shape[3]), stride: stride, pad: pad)(gy, x)
        guard inputs.count > 2 else { return [gx, gW] }
        return [gx, gW, try ChannelSum().call(gy)]
    }
}

/// DeZero's `Conv2DGradW`: the filters' gradient `gW` from the convolution's input `x` and
/// output gradient `gy`. It is bilinear in them, so its own gradients are a transposed
/// convolution and a convolution by the incoming `ggW` (DeZero's reads `gW` where it means
/// `ggW`; this one is checked numerically to second order).
public final class Conv2dGradW: Function {
    let kernel: Pair, stride: Pair, pad: Pair
    public init(kernel: Pair, stride: Pair, pad: Pair) { self.kernel = kernel; self.stride = stride; self.pad = pad }
    public override var name: String { "Conv2DGradW" }
    public override var gradientRules: [String] {
        ["gx = deconv2d(gy, ggW, outsize=x.shape[2:])", "ggy = conv2d(x, ggW)"]
    }
    public override func forward(_ xs: [NDArray]) throws -> [NDArray] {
        [try NDArray.convolutionFilterGradient(xs[0], xs[1], kernel: kernel, stride: stride, pad: pad)]
    }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        let x = inputs[0], gy = inputs[1], ggW = gys[0]
        let gx = try deconv2d(gy, ggW, stride: stride, pad: pad, outsize: Pair(x.shape[2], x.shape[3]))
        let ggy = try conv2d(x, ggW, stride: stride, pad: pad)
        return [gx, ggy]
    }
}

/// DeZero's `Im2col`: the patches of `x` (see ``NDArray/im2col(_:toMatrix:operation:)``).
public final class Im2col: UnaryFunction {
    let kernel: Pair, stride: Pair, pad: Pair, toMatrix: Bool
    public init(kernel: Pair, stride: Pair, pad: Pair, toMatrix: Bool) {
        self.kernel = kernel; self.stride = stride; self.pad = pad; self.toMatrix = toMatrix
    }
    public override var gradientRules: [String] { ["gx = col2im(gy, x.shape, kernel_size=\(kernel), stride=\(stride), pad=\(pad))"] }
    public override func compute(_ x: NDArray) throws -> NDArray {
        try x.im2col(convGeometry(x.shape, kernel: kernel, stride: stride, pad: pad, operation: "im2col"), toMatrix: toMatrix)
    }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        [try col2im(gys[0], inputShape: inputs[0].shape, kernel: kernel, stride: stride, pad: pad, toMatrix: toMatrix)]
    }
}

/// DeZero's `Col2im`: columns summed back into an image of `inputShape`.
public final class Col2im: UnaryFunction {
    let inputShape: [Int], kernel: Pair, stride: Pair, pad: Pair, toMatrix: Bool
    public init(inputShape: [Int], kernel: Pair, stride: Pair, pad: Pair, toMatrix: Bool) {
        self.inputShape = inputShape; self.kernel = kernel; self.stride = stride; self.pad = pad; self.toMatrix = toMatrix
    }
    public override var gradientRules: [String] { ["gx = im2col(gy, kernel_size=\(kernel), stride=\(stride), pad=\(pad))"] }
    public override func compute(_ x: NDArray) throws -> NDArray {
        try x.col2im(convGeometry(inputShape, kernel: kernel, stride: stride, pad: pad, operation: "col2im"), toMatrix: toMatrix)
    }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        [try im2col(gys[0], kernel: kernel, stride: stride, pad: pad, toMatrix: toMatrix)]
    }
}

/// The 2-d convolution of images `x` (N, C, H, W) by filters `W` (OC, C, KH, KW), plus
/// `b` (OC) per output channel: (N, OC, OH, OW) with `OH = (H + 2 pad - KH) / stride + 1`.
public func conv2d(_ x: Variable, _ W: Variable, _ b: Variable? = nil, stride: Pair = Pair(1), pad: Pair = Pair(0)) throws -> Variable {
    try Conv2d(stride: stride, pad: pad)(b.map { [x, W, $0] } ?? [x, W])[0]
}

/// The transposed convolution of `x` (N, C, H, W) by `W` (C, OC, KH, KW), plus `b` (OC):
/// (N, OC, OH, OW) with `OH = stride (H - 1) + KH - 2 pad` unless `outsize` is given.
public func deconv2d(_ x: Variable, _ W: Variable, _ b: Variable? = nil, stride: Pair = Pair(1), pad: Pair = Pair(0), outsize: Pair? = nil) throws -> Variable {
    try Deconv2d(stride: stride, pad: pad, outsize: outsize)(b.map { [x, W, $0] } ?? [x, W])[0]
}

/// The patches of `x` (N, C, H, W): (N, C, KH, KW, OH, OW), or (N OH OW, C KH KW) with `toMatrix`.
public func im2col(_ x: Variable, kernel: Pair, stride: Pair = Pair(1), pad: Pair = Pair(0), toMatrix: Bool = true) throws -> Variable {
    try Im2col(kernel: kernel, stride: stride, pad: pad, toMatrix: toMatrix).call(x)
}

/// Columns summed back into an image of `inputShape` (the adjoint of ``im2col(_:kernel:stride:pad:toMatrix:)``).
public func col2im(_ x: Variable, inputShape: [Int], kernel: Pair, stride: Pair = Pair(1), pad: Pair = Pair(0), toMatrix: Bool = true) throws -> Variable {
    try Col2im(inputShape: inputShape, kernel: kernel, stride: stride, pad: pad, toMatrix: toMatrix).call(x)
}
