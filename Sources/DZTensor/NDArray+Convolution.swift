// The array kernels of DeZero's convolutions (dezero/functions_conv.py): im2col and col2im
// in DeZero's layout, and the window loops of max and average pooling. The convolutions
// themselves are matrix products of these columns (BLAS), composed in DZAutodiff.

/// The sizes of a 2-d convolution over a batch of images (N, C, H, W): kernel (KH, KW),
/// stride (SH, SW), zero padding (PH, PW) on each side, and the output (OH, OW) that
/// DeZero's `get_conv_outsize` gives: `(H + 2 PH - KH) / SH + 1`, rounded down.
public struct ConvGeometry: Equatable, Sendable {
    public let batch: Int, channels: Int, height: Int, width: Int
    public let kernelHeight: Int, kernelWidth: Int
    public let strideHeight: Int, strideWidth: Int
    public let padHeight: Int, padWidth: Int
    public let outHeight: Int, outWidth: Int

    /// The geometry of `shape` (N, C, H, W) under a kernel, a stride and a padding (each as
    /// (height, width)); throws under `operation` for a shape that is not 4-d, a kernel or
    /// stride below 1, a negative padding, or a kernel larger than the padded image.
    public init(input shape: [Int], kernel: (Int, Int), stride: (Int, Int), pad: (Int, Int), operation: String) throws {
        guard shape.count == 4 else {
            throw TensorError.invalid(operation: operation, message: "the input must be 4-d (batch, channels, height, width), got shape \(formatShape(shape))")
        }
        guard kernel.0 >= 1, kernel.1 >= 1 else {
            throw TensorError.invalid(operation: operation, message: "the kernel size must be at least 1, got (\(kernel.0), \(kernel.1))")
        }
        guard stride.0 >= 1, stride.1 >= 1 else {
            throw TensorError.invalid(operation: operation, message: "the stride must be at least 1, got (\(stride.0), \(stride.1))")
        }
        guard pad.0 >= 0, pad.1 >= 0 else {
            throw TensorError.invalid(operation: operation, message: "the padding must be 0 or more, got (\(pad.0), \(pad.1))")
        }
        // Sizes this large cannot be allocated anyway; refusing them keeps the arithmetic below from overflowing.
        let limit = 1 << 40
        for v in shape + [kernel.0, kernel.1, stride.0, stride.1, pad.0, pad.1] where v > limit {
            throw TensorError.tooLarge(operation: operation, shape: shape)
        }
        batch = shape[0]; channels = shape[1]; height = shape[2]; width = shape[3]
        kernelHeight = kernel.0; kernelWidth = kernel.1
        strideHeight = stride.0; strideWidth = stride.1
        padHeight = pad.0; padWidth = pad.1
        let paddedHeight = height + 2 * padHeight, paddedWidth = width + 2 * padWidth
        guard kernelHeight <= paddedHeight, kernelWidth <= paddedWidth else {
            throw TensorError.invalid(operation: operation,
                message: "the kernel (\(kernelHeight), \(kernelWidth)) is larger than the padded image (\(paddedHeight), \(paddedWidth)) of input \(formatShape(shape)) with padding (\(padHeight), \(padWidth))")
        }
        outHeight = (paddedHeight - kernelHeight) / strideHeight + 1
        outWidth = (paddedWidth - kernelWidth) / strideWidth + 1
    }

    /// DeZero's `get_conv_outsize`.
    public static func outSize(_ size: Int, kernel: Int, stride: Int, pad: Int) -> Int {
        (size + 2 * pad - kernel) / stride + 1
    }

    /// DeZero's `get_deconv_outsize`: `SH (H - 1) + KH - 2 PH`; nil when it overflows.
    public static func deconvOutSize(_ size: Int, kernel: Int, stride: Int, pad: Int) -> Int? {
        let (a, o1) = stride.multipliedReportingOverflow(by: size - 1)
        let (b, o2) = a.addingReportingOverflow(kernel)
        let (twoPad, o3) = pad.multipliedReportingOverflow(by: 2)
        let (c, o4) = b.subtractingReportingOverflow(twoPad)
        return o1 || o2 || o3 || o4 ? nil : c
    }

    /// The image shape (N, C, H, W).
    public var imageShape: [Int] { [batch, channels, height, width] }
    /// The columns' shape, DeZero's `to_matrix=False` layout: (N, C, KH, KW, OH, OW).
    public var columnShape: [Int] { [batch, channels, kernelHeight, kernelWidth, outHeight, outWidth] }
    /// The columns as a matrix (`to_matrix=True`): (N OH OW, C KH KW).
    /// (A product that overflows is given as -1, a shape no array has.)
    public var matrixShape: [Int] {
        func product(_ xs: [Int]) -> Int {
            var p = 1
            for x in xs {
                let (q, o) = p.multipliedReportingOverflow(by: x)
                if o { return -1 }
                p = q
            }
            return p
        }
        return [product([batch, outHeight, outWidth]), product([channels, kernelHeight, kernelWidth])]
    }
    /// The shape of a pooling's output: (N, C, OH, OW).
    public var pooledShape: [Int] { [batch, channels, outHeight, outWidth] }
    /// The kernel as (KH, KW), the stride and the padding, for messages.
    var kernelText: String { "(\(kernelHeight), \(kernelWidth))" }

    /// The input row of output row `o` under kernel row `k`, -1 when it falls in the padding.
    @inline(__always) func inputRow(_ o: Int, _ k: Int) -> Int {
        let y = o * strideHeight + k - padHeight
        return y >= 0 && y < height ? y : -1
    }
    @inline(__always) func inputColumn(_ o: Int, _ k: Int) -> Int {
        let x = o * strideWidth + k - padWidth
        return x >= 0 && x < width ? x : -1
    }

    /// The output columns `lo..<hi` whose input column under kernel column `k` is inside the
    /// image (the others read padding).
    @inline(__always) func validColumns(_ k: Int) -> (lo: Int, hi: Int) {
        // ow * SW + k - PW >= 0  and  < W
        let first = padWidth - k
        let lo = first <= 0 ? 0 : (first + strideWidth - 1) / strideWidth
        let last = width + padWidth - k    // ow * SW < last
        let hi = last <= 0 ? 0 : Swift.min(outWidth, (last + strideWidth - 1) / strideWidth)
        return (Swift.min(lo, hi), hi)
    }
}

extension NDArray {
    /// DeZero's `im2col_array`: the patches of this image (N, C, H, W) under the kernel, as
    /// (N, C, KH, KW, OH, OW), or with `toMatrix` as (N OH OW, C KH KW); padded positions are 0.
    public func im2col(_ g: ConvGeometry, toMatrix: Bool = false, operation: String = "im2col") throws -> NDArray {
        guard shape == g.imageShape else {
            throw TensorError.invalid(operation: operation, message: "expected an input of shape \(formatShape(g.imageShape)), got \(formatShape(shape))")
        }
        let shape = g.columnShape
        let count = try NDArray.checkedCount(shape, operation: operation)
        let x = try contiguous(operation: operation)
        let result = try NDArray(uninitializedShape: shape, count: count, operation: operation, dtype: x.dtype)
        let src = x.buffer.base + x.offset, out = result.buffer.base
        var p = 0
        for plane in 0..<(g.batch * g.channels) {
            let image = src + plane * g.height * g.width
            for kh in 0..<g.kernelHeight {
                for kw in 0..<g.kernelWidth {
                    let (lo, hi) = g.validColumns(kw)
                    let sw = g.strideWidth, shift = kw - g.padWidth
                    for oh in 0..<g.outHeight {
                        let y = g.inputRow(oh, kh)
                        let o = out + p
                        p += g.outWidth
                        if y < 0 {
                            o.update(repeating: 0, count: g.outWidth)
                            continue
                        }
                        let row = image + y * g.width + shift
                        for ow in 0..<lo { o[ow] = 0 }
                        if sw == 1 {
                            (o + lo).update(from: row + lo, count: hi - lo)
                        } else {
                            for ow in lo..<hi { o[ow] = row[ow * sw] }
                        }
                        for ow in hi..<g.outWidth { o[ow] = 0 }
                    }
                }
            }
            try Interruption.check()
        }
        withExtendedLifetime(x) {}
        guard toMatrix else { return result }
        return try result.transposed([0, 4, 5, 1, 2, 3]).contiguous(operation: operation).reshaped(g.matrixShape)
    }

    /// DeZero's `col2im_array`: columns (N, C, KH, KW, OH, OW), or with `toMatrix` a matrix
    /// (N OH OW, C KH KW), summed back into an image (N, C, H, W) (each pixel gets the sum of
    /// the patch entries that read it; padded entries are dropped). The adjoint of ``im2col(_:toMatrix:operation:)``.
    public func col2im(_ g: ConvGeometry, toMatrix: Bool = false, operation: String = "col2im") throws -> NDArray {
        let expected = toMatrix ? g.matrixShape : g.columnShape
        if expected.contains(-1) { throw TensorError.tooLarge(operation: operation, shape: g.columnShape) }
        guard shape == expected else {
            throw TensorError.invalid(operation: operation,
                message: "columns of shape \(formatShape(shape)) do not fit image \(formatShape(g.imageShape)) under kernel \(g.kernelText): expected \(formatShape(expected))")
        }
        let columns = toMatrix
            ? try readableAsDoubles(operation).reshaped([g.batch, g.outHeight, g.outWidth, g.channels, g.kernelHeight, g.kernelWidth]).transposed([0, 3, 4, 5, 1, 2]).contiguous(operation: operation)
            : try readableAsDoubles(operation).contiguous(operation: operation)
        let imageShape = g.imageShape
        let count = try NDArray.checkedCount(imageShape, operation: operation)
        let result = try NDArray(uninitializedShape: imageShape, count: count, operation: operation, dtype: columns.dtype.floatKernelResult)
        let out = result.buffer.base
        out.initialize(repeating: 0, count: count)
        let src = columns.buffer.base + columns.offset
        var p = 0
        for plane in 0..<(g.batch * g.channels) {
            let image = out + plane * g.height * g.width
            for kh in 0..<g.kernelHeight {
                for kw in 0..<g.kernelWidth {
                    let (lo, hi) = g.validColumns(kw)
                    let sw = g.strideWidth, shift = kw - g.padWidth
                    for oh in 0..<g.outHeight {
                        let y = g.inputRow(oh, kh)
                        let c = src + p
                        p += g.outWidth
                        if y < 0 { continue }
                        let row = image + y * g.width + shift
                        for ow in lo..<hi { row[ow * sw] += c[ow] }
                    }
                }
            }
            try Interruption.check()
        }
        withExtendedLifetime(columns) {}
        result.roundToDType()
        return result
    }

    /// DeZero's max pooling forward: the largest entry of each window (padding counts as 0),
    /// as (N, C, OH, OW), and for each output the flat position in this image of the entry
    /// chosen (the first largest in kernel order), or -1 when it is a padded zero.
    public func maxPooled(_ g: ConvGeometry, operation: String = "pooling") throws -> (values: NDArray, positions: [Int]) {
        guard shape == g.imageShape else {
            throw TensorError.invalid(operation: operation, message: "expected an input of shape \(formatShape(g.imageShape)), got \(formatShape(shape))")
        }
        let outShape = g.pooledShape
        let count = try NDArray.checkedCount(outShape, operation: operation)
        try NDArray.admitOffsets(count, shape: outShape)
        let x = try readableAsDoubles(operation).contiguous(operation: operation)
        let result = try NDArray(uninitializedShape: outShape, count: count, operation: operation, dtype: x.dtype)
        var positions = [Int](repeating: -1, count: count)
        let src = x.buffer.base + x.offset, out = result.buffer.base
        var o = 0
        for plane in 0..<(g.batch * g.channels) {
            let base = plane * g.height * g.width
            for oh in 0..<g.outHeight {
                for ow in 0..<g.outWidth {
                    var best = -Double.infinity, bestPosition = -1, first = true
                    for kh in 0..<g.kernelHeight {
                        let y = g.inputRow(oh, kh)
                        for kw in 0..<g.kernelWidth {
                            let c = y < 0 ? -1 : g.inputColumn(ow, kw)
                            let v = c < 0 ? 0 : src[base + y * g.width + c]
                            // numpy's argmax: the first maximum; a NaN wins at once.
                            if first || v > best || (v.isNaN && !best.isNaN) {
                                best = v; bestPosition = c < 0 ? -1 : base + y * g.width + c; first = false
                            }
                        }
                    }
                    out[o] = best
                    positions[o] = bestPosition
                    o += 1
                }
            }
        }
        withExtendedLifetime(x) {}
        return (result, positions)
    }

    /// This array (one value per pooled output) added into zeros of `shape` at `positions`
    /// (-1: nowhere): the gradient of max pooling.
    public func scattered(to positions: [Int], shape: [Int], operation: String = "pooling") throws -> NDArray {
        guard size == positions.count else {
            throw TensorError.invalid(operation: operation, message: "\(size) values for \(positions.count) pooled positions")
        }
        let count = try NDArray.checkedCount(shape, operation: operation)
        let g = try readableAsDoubles(operation).contiguous(operation: operation)
        let result = try NDArray(uninitializedShape: shape, count: count, operation: operation, dtype: g.dtype.floatKernelResult)
        let out = result.buffer.base, src = g.buffer.base + g.offset
        out.initialize(repeating: 0, count: count)
        for (i, p) in positions.enumerated() where p >= 0 { out[p] += src[i] }
        withExtendedLifetime(g) {}
        result.roundToDType()
        return result
    }

    /// The entries of this array at `positions` (0 for -1), in the given shape: max pooling
    /// with the windows' choices already made.
    public func gathered(at positions: [Int], shape: [Int], operation: String = "pooling") throws -> NDArray {
        let count = try NDArray.checkedCount(shape, operation: operation)
        guard count == positions.count else {
            throw TensorError.invalid(operation: operation, message: "\(positions.count) pooled positions for an output of shape \(formatShape(shape))")
        }
        let x = try contiguous(operation: operation)
        let n = x.size
        let result = try NDArray(uninitializedShape: shape, count: count, operation: operation, dtype: x.dtype)
        let out = result.buffer.base, src = x.buffer.base + x.offset
        for (i, p) in positions.enumerated() { out[i] = p >= 0 && p < n ? src[p] : 0 }
        withExtendedLifetime(x) {}
        return result
    }

    /// DeZero's average pooling forward: the mean of each window over KH KW entries
    /// (padded entries count as 0), as (N, C, OH, OW).
    public func averagePooled(_ g: ConvGeometry, operation: String = "average_pooling") throws -> NDArray {
        guard shape == g.imageShape else {
            throw TensorError.invalid(operation: operation, message: "expected an input of shape \(formatShape(g.imageShape)), got \(formatShape(shape))")
        }
        let outShape = g.pooledShape
        let count = try NDArray.checkedCount(outShape, operation: operation)
        let x = try readableAsDoubles(operation).contiguous(operation: operation)
        let result = try NDArray(uninitializedShape: outShape, count: count, operation: operation, dtype: x.dtype.floatKernelResult)
        let src = x.buffer.base + x.offset, out = result.buffer.base
        let k = Double(g.kernelHeight * g.kernelWidth)
        var o = 0
        for plane in 0..<(g.batch * g.channels) {
            let base = plane * g.height * g.width
            for oh in 0..<g.outHeight {
                for ow in 0..<g.outWidth {
                    var s = 0.0
                    for kh in 0..<g.kernelHeight {
                        let y = g.inputRow(oh, kh)
                        if y < 0 { continue }
                        for kw in 0..<g.kernelWidth {
                            let c = g.inputColumn(ow, kw)
                            if c >= 0 { s += src[base + y * g.width + c] }
                        }
                    }
                    out[o] = s / k
                    o += 1
                }
            }
        }
        withExtendedLifetime(x) {}
        result.roundToDType()
        return result
    }
}

extension NDArray {
    /// This array (N, C, ...) plus `b` (C) along axis 1 (a bias per channel), in one pass.
    public func addingChannelBias(_ b: NDArray, operation: String = "conv2d") throws -> NDArray {
        guard ndim >= 2, b.shape == [shape[1]] else {
            throw TensorError.broadcast(operation: operation, shapes: [shape, b.shape])
        }
        let dtype = NDArray.resultType(self, b).floatKernelResult
        let x = try astype(dtype, operation: operation).contiguous(operation: operation)
        let bias = try b.astype(dtype, operation: operation).contiguous(operation: operation)
        let count = size
        let result = try NDArray(uninitializedShape: shape, count: count, operation: operation, dtype: dtype)
        let src = x.buffer.base + x.offset, out = result.buffer.base, bb = bias.buffer.base + bias.offset
        let c = shape[1], inner = c == 0 || shape[0] == 0 ? 0 : count / (shape[0] * c)
        var p = 0
        for _ in 0..<shape[0] {
            for j in 0..<c {
                let v = bb[j]
                for _ in 0..<inner { out[p] = src[p] + v; p += 1 }
            }
        }
        withExtendedLifetime((x, bias)) {}
        result.roundToDType()
        return result
    }

    /// The sum of this array (N, C, ...) over every axis but 1: one value per channel, (C),
    /// summed in the order numpy's `sum(axis=(0, 2, 3))` visits them per channel.
    public func channelSums(operation: String = "conv2d") throws -> NDArray {
        guard ndim >= 2 else { throw TensorError.axis(operation: operation, axis: 1, ndim: ndim) }
        let x = try readableAsDoubles(operation).contiguous(operation: operation)
        let c = shape[1], count = size, inner = c == 0 || shape[0] == 0 ? 0 : count / (shape[0] * c)
        var sums = [Double](repeating: 0, count: c)
        let src = x.buffer.base + x.offset
        var p = 0
        for _ in 0..<shape[0] {
            for j in 0..<c {
                var s = 0.0
                for _ in 0..<inner { s += src[p]; p += 1 }
                sums[j] += s
            }
        }
        withExtendedLifetime(x) {}
        return try NDArray(shape: [c], scalars: sums, dtype: x.dtype.floatKernelResult)
    }
}

extension DType {
    /// The dtype of a kernel that computes in doubles: float32 stays float32 (rounded once at
    /// the end), int64 and bool give float64.
    public var floatKernelResult: DType { self == .float32 ? .float32 : .float64 }
}

extension NDArray {
    /// Rounds every slot of this fresh contiguous float32 array to float32 (after a kernel
    /// computed it in doubles); nothing for other dtypes.
    func roundToDType() {
        guard dtype == .float32 else { return }
        let out = buffer.base + offset
        for i in 0..<size { out[i] = NDArray.roundedToFloat32(out[i]) }
    }
}
