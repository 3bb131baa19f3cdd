#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Elementwise kernels. Contiguous operands of the same shape, and a one-element operand
// against a contiguous one, run as tight loops; anything else walks broadcast views.

extension NDArray {
    /// Applies `f` to every element. (Always inlined, so that `f` is inlined into the loop.)
    @inlinable @inline(__always)
    public func map(operation: String = "map", _ f: (Double) -> Double) throws -> NDArray {
        if dtype == .int64 { return try readableAsDoubles().map(operation: operation, f) }
        let count = size
        let result = try NDArray(uninitializedShape: shape, count: count, operation: operation)
        let out = result.buffer.base
        if isContiguous {
            let src = UnsafePointer(buffer.base + offset)
            for i in 0..<count { out[i] = f(src[i]) }
        } else {
            let src = buffer.base
            var i = 0
            forEachOffset { out[i] = f(src[$0]); i += 1 }
        }
        return result
    }

    /// Runs a loop kernel over the elements when they are contiguous, and `scalar` on each
    /// element of a strided view otherwise; the two must compute the same bits.
    func map(operation: String, kernel: (UnsafePointer<Double>, UnsafeMutablePointer<Double>, _ count: Int) -> Void,
             scalar: (Double) -> Double) throws -> NDArray {
        guard isContiguous, dtype != .int64 else { return try map(operation: operation, scalar) }
        let result = try NDArray(uninitializedShape: shape, count: size, operation: operation)
        kernel(UnsafePointer(buffer.base + offset), result.buffer.base, size)
        return result
    }

    /// Combines `a` and `b` elementwise under numpy broadcasting. (Always inlined, so that `f`
    /// is inlined into the loops and they vectorize.)
    @inlinable @inline(__always)
    public static func combine(_ a: NDArray, _ b: NDArray, operation: String,
                           _ f: (Double, Double) -> Double) throws -> NDArray {
        if a.dtype == .int64 || b.dtype == .int64 {
            return try combine(a.readableAsDoubles(), b.readableAsDoubles(), operation: operation, f)
        }
        let shape = try broadcastShape(a.shape, b.shape, operation: operation)
        let count = try checkedCount(shape, operation: operation)
        let result = try NDArray(uninitializedShape: shape, count: count, operation: operation)
        let out = result.buffer.base
        let aFull = a.shape == shape, bFull = b.shape == shape
        if a.isContiguous && b.isContiguous {
            let pa = UnsafePointer(a.buffer.base + a.offset), pb = UnsafePointer(b.buffer.base + b.offset)
            if aFull && bFull {
                for i in 0..<count { out[i] = f(pa[i], pb[i]) }
                return result
            }
            if bFull && a.size == 1 {
                let s = pa[0]
                for i in 0..<count { out[i] = f(s, pb[i]) }
                return result
            }
            if aFull && b.size == 1 {
                let s = pb[0]
                for i in 0..<count { out[i] = f(pa[i], s) }
                return result
            }
            // A row against every row (a bias): one operand's shape ends the other's.
            if aFull && isTrailing(b.shape, of: shape) {
                eachRow(pa, pb, out, count: count, inner: b.size) { full, row in f(full, row) }
                return result
            }
            if bFull && isTrailing(a.shape, of: shape) {
                eachRow(pb, pa, out, count: count, inner: a.size) { full, row in f(row, full) }
                return result
            }
        }
        let va = try a.broadcastView(to: shape, operation: operation)
        let vb = try b.broadcastView(to: shape, operation: operation)
        let ba = va.buffer.base, bb = vb.buffer.base
        var i = 0
        forEachOffsetPair(va, vb) { oa, ob in
            out[i] = f(ba[oa], bb[ob]); i += 1
        }
        return result
    }

    /// `out[r + j] = g(full[r + j], row[j])` for each row `r` of `inner` elements.
    @inlinable @inline(__always)
    static func eachRow(_ full: UnsafePointer<Double>, _ row: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                        count: Int, inner: Int, _ g: (Double, Double) -> Double) {
        for start in Swift.stride(from: 0, to: count, by: inner) {
            let pf = full + start, po = out + start
            for j in 0..<inner { po[j] = g(pf[j], row[j]) }
        }
    }

    /// Whether `part` equals the last axes of `shape` (leading 1s aside), with at least
    /// one element: broadcasting it then repeats it whole along the leading axes.
    @inlinable
    static func isTrailing(_ part: [Int], of shape: [Int]) -> Bool {
        var p = part[...]
        while p.first == 1 && p.count > 1 { p = p.dropFirst() }
        guard p.count <= shape.count, !p.contains(0) else { return false }
        return p.elementsEqual(shape[(shape.count - p.count)...])
    }

    /// Calls `body` with the buffer offsets of corresponding elements of two arrays of the
    /// same shape, in row-major order.
    @inlinable
    static func forEachOffsetPair(_ a: NDArray, _ b: NDArray, _ body: (Int, Int) -> Void) {
        let shape = a.shape, n = shape.count
        if n == 0 { body(a.offset, b.offset); return }
        if shape.contains(0) { return }
        let stridesA = a.strides, stridesB = b.strides
        let inner = shape[n - 1], sa = stridesA[n - 1], sb = stridesB[n - 1]
        var index = [Int](repeating: 0, count: n)
        var baseA = a.offset, baseB = b.offset
        while true {
            var pa = baseA, pb = baseB
            for _ in 0..<inner { body(pa, pb); pa += sa; pb += sb }
            var axis = n - 2
            while axis >= 0 {
                index[axis] += 1
                baseA += stridesA[axis]; baseB += stridesB[axis]
                if index[axis] < shape[axis] { break }
                baseA -= stridesA[axis] * shape[axis]; baseB -= stridesB[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }
}

// MARK: - Arithmetic

extension NDArray {
    public static func + (a: NDArray, b: NDArray) throws -> NDArray { try combine(a, b, operation: "add", +) }
    public static func - (a: NDArray, b: NDArray) throws -> NDArray { try combine(a, b, operation: "sub", -) }
    public static func * (a: NDArray, b: NDArray) throws -> NDArray { try combine(a, b, operation: "mul", *) }
    public static func / (a: NDArray, b: NDArray) throws -> NDArray { try combine(a, b, operation: "div", /) }
    public static prefix func - (a: NDArray) throws -> NDArray { try a.map(operation: "negative") { -$0 } }

    /// `a ** b` elementwise (C's `pow`, as numpy).
    public func power(_ b: NDArray) throws -> NDArray { try NDArray.combine(self, b, operation: "pow", Glibc.pow) }

    /// The remainder with the sign of the divisor, as numpy's `mod` (Python's `%`).
    public func mod(_ b: NDArray) throws -> NDArray { try NDArray.combine(self, b, operation: "mod", NDArray.pythonMod) }

    /// Python's floored modulo for doubles, as numpy's `npy_divmod`.
    @inlinable
    public static func pythonMod(_ a: Double, _ b: Double) -> Double {
        var mod = fmod(a, b)
        if b == 0 { return mod }
        if mod != 0 {
            if (b < 0) != (mod < 0) { mod += b }
        } else {
            mod = copysign(0.0, b)
        }
        return mod
    }

    /// The larger of each pair of elements; NaN if either is NaN (numpy's `maximum`).
    public static func maximum(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try combine(a, b, operation: "maximum") { x, y in (x >= y || x.isNaN) ? x : y }
    }

    /// The smaller of each pair of elements; NaN if either is NaN (numpy's `minimum`).
    public static func minimum(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try combine(a, b, operation: "minimum") { x, y in (x <= y || x.isNaN) ? x : y }
    }

    /// Elements limited to `[low, high]` (numpy's `clip`: `minimum(maximum(x, low), high)`).
    public func clipped(_ low: NDArray, _ high: NDArray) throws -> NDArray {
        _ = try NDArray.broadcastShape([shape, low.shape, high.shape], operation: "clip")
        return try NDArray.minimum(try NDArray.maximum(self, low), high)
    }
}

// MARK: - Comparisons (bool results)

extension NDArray {
    /// `true` where `a == b`, else `false`.
    public static func equal(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try combine(a, b, operation: "equal") { $0 == $1 ? 1 : 0 }.retyped(.bool)
    }
    /// `true` where `a != b`, else `false`.
    public static func notEqual(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try combine(a, b, operation: "not_equal") { $0 != $1 ? 1 : 0 }.retyped(.bool)
    }
    /// `true` where `a < b`, else `false`.
    public static func less(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try combine(a, b, operation: "less") { $0 < $1 ? 1 : 0 }.retyped(.bool)
    }
    /// `true` where `a <= b`, else `false`.
    public static func lessEqual(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try combine(a, b, operation: "less_equal") { $0 <= $1 ? 1 : 0 }.retyped(.bool)
    }
    /// `true` where `a > b`, else `false`.
    public static func greater(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try combine(a, b, operation: "greater") { $0 > $1 ? 1 : 0 }.retyped(.bool)
    }
    /// `true` where `a >= b`, else `false`.
    public static func greaterEqual(_ a: NDArray, _ b: NDArray) throws -> NDArray {
        try combine(a, b, operation: "greater_equal") { $0 >= $1 ? 1 : 0 }.retyped(.bool)
    }
}

// MARK: - Elementary functions

extension NDArray {
    /// `e ** x` elementwise.
    public func exp() throws -> NDArray { try map(operation: "exp", Glibc.exp) }
    /// The natural logarithm elementwise (`-inf` at 0, NaN below).
    public func log() throws -> NDArray { try map(operation: "log", Glibc.log) }
    /// The sine elementwise.
    public func sin() throws -> NDArray { try map(operation: "sin", Glibc.sin) }
    /// The cosine elementwise.
    public func cos() throws -> NDArray { try map(operation: "cos", Glibc.cos) }
    /// The tangent elementwise.
    public func tan() throws -> NDArray { try map(operation: "tan", Glibc.tan) }
    /// The hyperbolic tangent elementwise (`VectorTanh`: within 1 ulp, vectorized).
    public func tanh() throws -> NDArray { try map(operation: "tanh", kernel: VectorTanh.tanh, scalar: VectorTanh.tanh) }
    /// The square root elementwise (NaN below 0).
    public func sqrt() throws -> NDArray { try map(operation: "sqrt") { $0.squareRoot() } }
    /// The absolute value elementwise.
    public func abs() throws -> NDArray { try map(operation: "abs") { Swift.abs($0) } }
    /// The logistic function `1 / (1 + e^-x)`, computed as `tanh(x/2)/2 + 1/2` (DeZero's
    /// form, on `VectorTanh`), which neither overflows nor loses precision for large `|x|`.
    public func sigmoid() throws -> NDArray { try map(operation: "sigmoid", kernel: VectorTanh.sigmoid, scalar: VectorTanh.sigmoid) }
    /// `max(x, 0)` elementwise (NaN stays NaN).
    public func relu() throws -> NDArray { try map(operation: "relu") { ($0 >= 0 || $0.isNaN) ? $0 : 0 } }
    /// The sign (`-1`, `0` or `1`; NaN stays NaN).
    public func sign() throws -> NDArray { try map(operation: "sign") { $0 > 0 ? 1 : ($0 < 0 ? -1 : $0) } }
}
