// Reductions over an axis or a set of axes, with numpy's rules: negative axes count from
// the end, `keepdims` leaves reduced axes with extent 1, and sums use numpy's pairwise
// summation along the innermost axis so that results agree with numpy to the last bit.

extension NDArray {
    /// Normalises possibly negative axes for an array of `ndim` dimensions, sorted; throws on
    /// an out-of-range or repeated axis.
    public static func normalizeAxes(_ axes: [Int], ndim: Int, operation: String) throws -> [Int] {
        var seen: [Int] = []
        seen.reserveCapacity(axes.count)
        for axis in axes {
            guard axis >= -ndim && axis < ndim else { throw TensorError.axis(operation: operation, axis: axis, ndim: ndim) }
            let a = axis < 0 ? axis + ndim : axis
            guard !seen.contains(a) else { throw TensorError.repeatedAxis(operation: operation, axis: axis) }
            seen.append(a)
        }
        return seen.sorted()
    }

    /// Normalises one possibly negative axis.
    public static func normalizeAxis(_ axis: Int, ndim: Int, operation: String) throws -> Int {
        guard axis >= -ndim && axis < ndim else { throw TensorError.axis(operation: operation, axis: axis, ndim: ndim) }
        return axis < 0 ? axis + ndim : axis
    }

    /// The sum over `axes` (all axes when `nil`): float64 and float32 pairwise in their own
    /// precision as numpy's, int64 (wrapping) for int64 and bool.
    public func sum(axes: [Int]? = nil, keepdims: Bool = false) throws -> NDArray {
        switch dtype {
        case .float64:
            return try reduce(axes: axes, keepdims: keepdims, operation: "sum", dtype: .float64, initial: 0, pairwise: true, +)
        case .float32:
            return try reduce(axes: axes, keepdims: keepdims, operation: "sum", dtype: .float32, initial: 0, pairwise: true) {
                NDArray.roundedToFloat32($0 + $1)
            }
        case .int64, .bool:
            return try astype(.int64, operation: "sum").reduce(axes: axes, keepdims: keepdims, operation: "sum", dtype: .int64,
                                                               initial: NDArray.slot(0), pairwise: false, identity: true) {
                NDArray.slot(NDArray.integer($0) &+ NDArray.integer($1))
            }
        }
    }

    /// The arithmetic mean over `axes` (NaN for an empty reduction, as numpy): float32 stays
    /// float32, int64 and bool average in float64.
    public func mean(axes: [Int]? = nil, keepdims: Bool = false) throws -> NDArray {
        if !dtype.isFloating { return try astype(.float64, operation: "mean").mean(axes: axes, keepdims: keepdims) }
        let s = try sum(axes: axes, keepdims: keepdims)
        let normalized = try NDArray.normalizeAxes(axes ?? Array(0..<ndim), ndim: ndim, operation: "mean")
        let n = Double(normalized.reduce(1) { $0 * shape[$1] })
        return try s.map(operation: "mean") { $0 / n }
    }

    /// The maximum over `axes`, of this array's dtype; NaN propagates. An empty reduction is
    /// an error.
    public func max(axes: [Int]? = nil, keepdims: Bool = false) throws -> NDArray {
        if dtype == .int64 {
            return try reduce(axes: axes, keepdims: keepdims, operation: "max", dtype: .int64, initial: NDArray.slot(.min),
                              pairwise: false) { NDArray.integer($0) >= NDArray.integer($1) ? $0 : $1 }
        }
        return try reduce(axes: axes, keepdims: keepdims, operation: "max", dtype: dtype, initial: -.infinity, pairwise: false) { acc, x in
            (acc >= x || acc.isNaN) ? acc : x
        }
    }

    /// The minimum over `axes`, of this array's dtype; NaN propagates. An empty reduction is
    /// an error.
    public func min(axes: [Int]? = nil, keepdims: Bool = false) throws -> NDArray {
        if dtype == .int64 {
            return try reduce(axes: axes, keepdims: keepdims, operation: "min", dtype: .int64, initial: NDArray.slot(.max),
                              pairwise: false) { NDArray.integer($0) <= NDArray.integer($1) ? $0 : $1 }
        }
        return try reduce(axes: axes, keepdims: keepdims, operation: "min", dtype: dtype, initial: .infinity, pairwise: false) { acc, x in
            (acc <= x || acc.isNaN) ? acc : x
        }
    }

    /// The index of the first maximum along `axis` (of the flattened array when `nil`), as
    /// int64; the first NaN counts as the maximum (numpy).
    public func argmax(axis: Int? = nil, keepdims: Bool = false) throws -> NDArray {
        if dtype == .int64 {
            return try argReduce(axis: axis, keepdims: keepdims, operation: "argmax", nanFirst: false) {
                NDArray.integer($0) > NDArray.integer($1)
            }
        }
        return try argReduce(axis: axis, keepdims: keepdims, operation: "argmax") { x, best in x > best }
    }

    /// The index of the first minimum along `axis` (of the flattened array when `nil`), as int64.
    public func argmin(axis: Int? = nil, keepdims: Bool = false) throws -> NDArray {
        if dtype == .int64 {
            return try argReduce(axis: axis, keepdims: keepdims, operation: "argmin", nanFirst: false) {
                NDArray.integer($0) < NDArray.integer($1)
            }
        }
        return try argReduce(axis: axis, keepdims: keepdims, operation: "argmin") { x, best in x < best }
    }

    // MARK: - Machinery

    /// The shape after reducing `axes` (sorted, normalised).
    static func reducedShape(_ shape: [Int], axes: [Int], keepdims: Bool) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(shape.count)
        for (i, d) in shape.enumerated() {
            if axes.contains(i) { if keepdims { result.append(1) } } else { result.append(d) }
        }
        return result
    }

    @inline(__always)
    func reduce(axes: [Int]?, keepdims: Bool, operation: String, dtype: DType, initial: Double, pairwise: Bool,
                identity: Bool = false, _ combine: (Double, Double) -> Double) throws -> NDArray {
        let axes = try NDArray.normalizeAxes(axes ?? Array(0..<ndim), ndim: ndim, operation: operation)
        if !pairwise, !identity, axes.contains(where: { shape[$0] == 0 }) {
            throw TensorError.invalid(operation: operation,
                message: "zero-size array to reduction operation \(operation) which has no identity")
        }
        // A transpose of a contiguous array (x.T, a permuted view) is reduced in memory order,
        // as numpy's iterator does: the contiguous array over the matching axes, whose
        // result is then put back in this array's axis order. (A copy would change the order
        // of the additions, and so the last bits of sums.)
        // (One call of the in-order loops, so that `combine` is inlined into them.)
        let layout = memoryOrder()
        let source = layout?.view ?? self
        let sourceAxes = layout.map { l in axes.map { l.order.firstIndex(of: $0)! }.sorted() } ?? axes
        let reduced = try source.reduceInOrder(axes: sourceAxes, keepdims: keepdims, operation: operation,
                                               dtype: dtype, initial: initial, pairwise: pairwise, combine)
        guard let order = layout?.order else { return reduced }
        // The result's axes are `order`'s (reduced ones dropped unless kept); sort them back.
        let resultAxes = keepdims ? order : order.filter { !axes.contains($0) }
        let back = resultAxes.indices.sorted { resultAxes[$0] < resultAxes[$1] }
        return try reduced.transposed(back).contiguous(operation: operation)
    }

    /// The reduction over normalised, sorted `axes`, walking the elements in row-major order.
    @inline(__always)
    func reduceInOrder(axes: [Int], keepdims: Bool, operation: String, dtype: DType, initial: Double, pairwise: Bool,
                       _ combine: (Double, Double) -> Double) throws -> NDArray {
        let keptShape = NDArray.reducedShape(shape, axes: axes, keepdims: true)
        let finalShape = NDArray.reducedShape(shape, axes: axes, keepdims: keepdims)
        let outCount = try NDArray.checkedCount(finalShape, operation: operation)
        let result = try NDArray(uninitializedShape: finalShape, count: outCount, operation: operation, dtype: dtype)
        let out = result.buffer.base
        let c = try contiguous(operation: operation)
        let src = UnsafePointer(c.buffer.base + c.offset)
        // numpy's iterator drops axes of extent 1 before it orders the loops, so the two
        // fast cases below are recognised on the shape without them: summing (100, 1) over
        // axis 0 is a pairwise sum of one run of 100, as numpy does, not 100 row additions.
        var squeezed: [Int] = [], squeezedAxes: [Int] = []
        squeezed.reserveCapacity(ndim)
        squeezedAxes.reserveCapacity(axes.count)
        for (i, d) in shape.enumerated() where d != 1 {
            if axes.contains(i) { squeezedAxes.append(squeezed.count) }
            squeezed.append(d)
        }
        if squeezedAxes.isEmpty { squeezed = shape; squeezedAxes = axes }
        let k = squeezedAxes.count, m = squeezed.count
        // Reducing a trailing block of axes: each output reduces one contiguous run.
        if squeezedAxes.elementsEqual((m - k)..<m) {
            let run = squeezedAxes.reduce(1) { $0 * squeezed[$1] }
            for o in 0..<outCount {
                let p = src + o * run
                if pairwise {
                    out[o] = dtype == .float32 ? NDArray.pairwiseSumFloat32(p, run) : NDArray.pairwiseSum(p, run)
                } else {
                    var acc = initial
                    for i in 0..<run { acc = combine(acc, p[i]) }
                    out[o] = acc
                }
            }
            return result
        }
        // Reducing a leading block of axes: accumulate whole rows into the output in order
        // (numpy's order for such reductions, so sums agree bit for bit), a vectorizable loop.
        if squeezedAxes.elementsEqual(0..<k) {
            let rows = squeezedAxes.reduce(1) { $0 * squeezed[$1] }
            for o in 0..<outCount { out[o] = initial }
            for r in 0..<rows {
                let p = src + r * outCount
                for o in 0..<outCount { out[o] = combine(out[o], p[o]) }
            }
            return result
        }
        // General case: walk the input in order, accumulating through output strides that
        // are 0 along reduced axes.
        for o in 0..<outCount { out[o] = initial }
        let outStrides = NDArray.contiguousStrides(for: keptShape)
        var walkStrides = outStrides
        for a in axes { walkStrides[a] = 0 }
        let target = NDArray(buffer: result.buffer, shape: shape, strides: walkStrides, offset: 0, dtype: result.dtype)
        var i = 0
        target.forEachOffset { o in
            out[o] = combine(out[o], src[i]); i += 1
        }
        return result
    }

    /// For a non-contiguous array that is a transpose of a contiguous one: the axes from the
    /// largest stride to the smallest, and `transposed(order)`, which is contiguous. nil
    /// otherwise (contiguous arrays, slices with gaps, broadcast views).
    func memoryOrder() -> (order: [Int], view: NDArray)? {
        guard let strides = storedStrides, !isContiguous else { return nil }
        let order = (0..<ndim).sorted { a, b in
            // Axes of extent 1 have arbitrary strides and do not matter for the layout.
            let sa = shape[a] == 1 ? Int.max : strides[a], sb = shape[b] == 1 ? Int.max : strides[b]
            return sa != sb ? sa > sb : a < b
        }
        guard let view = try? transposed(order), view.isContiguous else { return nil }
        return (order, view)
    }

    /// numpy's pairwise summation (blocks of 128 with eight accumulators), bit for bit.
    @inlinable
    static func pairwiseSum(_ a: UnsafePointer<Double>, _ n: Int) -> Double {
        if n < 8 {
            var res = 0.0
            for i in 0..<n { res += a[i] }
            return res
        } else if n <= 128 {
            var r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7]
            var i = 8
            let end = n - n % 8
            while i < end {
                r0 += a[i]; r1 += a[i + 1]; r2 += a[i + 2]; r3 += a[i + 3]
                r4 += a[i + 4]; r5 += a[i + 5]; r6 += a[i + 6]; r7 += a[i + 7]
                i += 8
            }
            var res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while i < n { res += a[i]; i += 1 }
            return res
        } else {
            var n2 = n / 2
            n2 -= n2 % 8
            return pairwiseSum(a, n2) + pairwiseSum(a + n2, n - n2)
        }
    }

    /// numpy's pairwise summation in float32 (each addition rounded to float32), bit for bit.
    @inlinable
    static func pairwiseSumFloat32(_ a: UnsafePointer<Double>, _ n: Int) -> Double {
        @inline(__always) func f(_ i: Int) -> Float { Float(a[i]) }
        if n < 8 {
            var res: Float = 0
            for i in 0..<n { res += f(i) }
            return Double(res)
        } else if n <= 128 {
            var r0 = f(0), r1 = f(1), r2 = f(2), r3 = f(3), r4 = f(4), r5 = f(5), r6 = f(6), r7 = f(7)
            var i = 8
            let end = n - n % 8
            while i < end {
                r0 += f(i); r1 += f(i + 1); r2 += f(i + 2); r3 += f(i + 3)
                r4 += f(i + 4); r5 += f(i + 5); r6 += f(i + 6); r7 += f(i + 7)
                i += 8
            }
            var res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while i < n { res += f(i); i += 1 }
            return Double(res)
        } else {
            var n2 = n / 2
            n2 -= n2 % 8
            return Double(Float(pairwiseSumFloat32(a, n2)) + Float(pairwiseSumFloat32(a + n2, n - n2)))
        }
    }

    func argReduce(axis: Int?, keepdims: Bool, operation: String, nanFirst: Bool = true,
                   _ better: (Double, Double) -> Bool) throws -> NDArray {
        let c = try contiguous(operation: operation)
        guard let axis else {
            guard size > 0 else {
                throw TensorError.invalid(operation: operation, message: "attempt to get \(operation) of an empty sequence")
            }
            let best = NDArray.argBest(UnsafePointer(c.buffer.base + c.offset), count: size, stride: 1, nanFirst: nanFirst, better)
            let r = NDArray(integer: Int64(best))
            return keepdims ? try r.reshaped([Int](repeating: 1, count: ndim)) : r
        }
        let a = try NDArray.normalizeAxis(axis, ndim: ndim, operation: operation)
        guard shape[a] > 0 else {
            throw TensorError.invalid(operation: operation, message: "attempt to get \(operation) of an empty sequence")
        }
        let outer = shape[..<a].reduce(1, *), inner = shape[(a + 1)...].reduce(1, *), n = shape[a]
        let finalShape = NDArray.reducedShape(shape, axes: [a], keepdims: keepdims)
        let count = try NDArray.checkedCount(finalShape, operation: operation)
        let result = try NDArray(uninitializedShape: finalShape, count: count, operation: operation, dtype: .int64)
        let out = result.buffer.base
        let src = UnsafePointer(c.buffer.base + c.offset)
        for o in 0..<outer {
            for i in 0..<inner {
                out[o * inner + i] = NDArray.slot(Int64(NDArray.argBest(src + o * n * inner + i, count: n, stride: inner,
                                                                        nanFirst: nanFirst, better)))
            }
        }
        return result
    }

    static func argBest(_ p: UnsafePointer<Double>, count: Int, stride: Int, nanFirst: Bool,
                        _ better: (Double, Double) -> Bool) -> Int {
        var best = p[0], index = 0
        if nanFirst && best.isNaN { return 0 }
        for i in 1..<Swift.max(count, 1) {
            let x = p[i * stride]
            if nanFirst && x.isNaN { return i }
            if better(x, best) { best = x; index = i }
        }
        return index
    }
}
