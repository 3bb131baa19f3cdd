import CBLAS
#if canImport(Glibc)
import Glibc
#endif

// Matrix products with numpy's rules, on OpenBLAS's dgemm/dgemv. An operand whose last two
// axes are a transposed contiguous matrix (a view from `transposed()` or `.T`) goes to BLAS
// with a transpose flag and its own leading dimension, never copied.

extension NDArray {
    /// numpy's `matmul` (`@`): 1-d operands are promoted to a row (left) or a column (right)
    /// and the added axis removed again; leading axes broadcast as batches.
    public func matmul(_ other: NDArray) throws -> NDArray {
        try NDArray.matmul(self, other, operation: "matmul")
    }

    /// numpy's `dot`: a product with a 0-d operand is elementwise; otherwise a sum product
    /// over the last axis of `self` and the second-to-last of `other` (the last if 1-d).
    public func dot(_ other: NDArray) throws -> NDArray {
        let a = self, b = other
        if a.ndim == 0 || b.ndim == 0 { return try a * b }
        if a.ndim <= 2 && b.ndim <= 2 || a.ndim == 1 || b.ndim == 1 {
            return try NDArray.matmul(a, b, operation: "dot")
        }
        let plan = try DotPlan(a.shape, b.shape)
        let left = try a.reshaped(plan.leftShape)
        let right = try b.transposed(plan.rightPermutation).contiguous(operation: "dot").reshaped(plan.rightShape)
        return try NDArray.matmul(left, right, operation: "dot").reshaped(plan.resultShape)
    }

    static func matmul(_ a: NDArray, _ b: NDArray, operation: String) throws -> NDArray {
        guard a.ndim > 0, b.ndim > 0 else {
            throw TensorError.invalid(operation: operation,
                message: "input operand \(a.ndim == 0 ? 0 : 1) does not have enough dimensions (0-d arrays multiply with *)")
        }
        // Mixed dtypes are promoted first (numpy's `promote_types`: neither operand is 0-d).
        let dtype = DType.promote(a.dtype, b.dtype)
        if a.dtype != dtype || b.dtype != dtype {
            return try matmul(a.astype(dtype, operation: operation), b.astype(dtype, operation: operation), operation: operation)
        }
        // Promote 1-d operands to a row / a column.
        let A = a.ndim == 1 ? NDArray(buffer: a.buffer, shape: [1, a.shape[0]], strides: [0, a.axisStride(0)], offset: a.offset, dtype: a.dtype) : a
        let B = b.ndim == 1 ? NDArray(buffer: b.buffer, shape: [b.shape[0], 1], strides: [b.axisStride(0), 0], offset: b.offset, dtype: b.dtype) : b
        let m = A.shape[A.ndim - 2], k = A.shape[A.ndim - 1], n = B.shape[B.ndim - 1]
        guard k == B.shape[B.ndim - 2] else {
            throw TensorError.notAligned(operation: operation, lhs: a.shape, rhs: b.shape,
                                         lhsDim: a.ndim - 1, rhsDim: Swift.max(b.ndim - 2, 0))
        }
        // Two matrices (the common case): no batch bookkeeping.
        if a.ndim == 2 && b.ndim == 2 {
            let shape = [m, n]
            let count = try checkedCount(shape, operation: operation)
            let result = try NDArray(uninitializedShape: shape, count: count, operation: operation, dtype: dtype)
            if count > 0 {
                let left = try A.matrixOperand(operation: operation), right = try B.matrixOperand(operation: operation)
                multiply(left.storage.buffer.base + left.storage.offset, left.matrix,
                         right.storage.buffer.base + right.storage.offset, right.matrix, into: result.buffer.base, dtype: dtype)
                withExtendedLifetime((left.storage, right.storage)) {}
                // A large product cannot stop inside BLAS: Ctrl-C is seen once it returns.
                try Interruption.check()
            }
            return result
        }
        let batch: [Int]
        do {
            batch = try broadcastShape([Array(A.shape.dropLast(2)), Array(B.shape.dropLast(2))], operation: operation)
        } catch {
            throw TensorError.broadcast(operation: operation, shapes: [a.shape, b.shape])
        }
        var resultShape = batch + [m, n]
        let count = try checkedCount(resultShape, operation: operation)
        let result = try NDArray(uninitializedShape: resultShape, count: count, operation: operation, dtype: dtype)
        if count > 0 {
            let left = try MatrixBatch(A.broadcastView(to: batch + [m, k], operation: operation), operation: operation)
            let right = try MatrixBatch(B.broadcastView(to: batch + [k, n], operation: operation), operation: operation)
            let out = result.buffer.base
            for i in 0..<left.offsets.count {
                try Interruption.check()
                multiply(left.base + left.offsets[i], left.matrix, right.base + right.offsets[i], right.matrix,
                         into: out + i * m * n, dtype: dtype)
            }
            try Interruption.check()
            withExtendedLifetime((left, right)) {}
        }
        if b.ndim == 1 { resultShape.removeLast() }
        if a.ndim == 1 { resultShape.remove(at: resultShape.count - (b.ndim == 1 ? 1 : 2)) }
        return NDArray(buffer: result.buffer, shape: resultShape, offset: 0, dtype: result.dtype)
    }
}

/// How numpy's `dot` of an N-d and an M-d operand (both at least 2-d, one more) becomes
/// one matrix product: `a` as (rows, k), `b` with its second-to-last axis moved first as
/// (k, cols), and the product reshaped to `a.shape[:-1] + b.shape[:-2] + b.shape[-1:]`.
public struct DotPlan: Sendable {
    public let leftShape: [Int]
    public let rightPermutation: [Int]
    public let rightShape: [Int]
    public let resultShape: [Int]

    public init(_ a: [Int], _ b: [Int]) throws {
        let k = a[a.count - 1]
        guard k == b[b.count - 2] else {
            throw TensorError.notAligned(operation: "dot", lhs: a, rhs: b, lhsDim: a.count - 1, rhsDim: b.count - 2)
        }
        var perm = Array(0..<b.count)
        perm.remove(at: b.count - 2)
        perm.insert(b.count - 2, at: 0)
        leftShape = [a.dropLast().reduce(1, *), k]
        rightPermutation = perm
        rightShape = [k, perm.dropFirst().reduce(1) { $0 * b[$1] }]
        resultShape = Array(a.dropLast()) + Array(b.dropLast(2)) + [b[b.count - 1]]
    }
}

extension NDArray {
    /// This 2-d array as a BLAS operand: itself when BLAS can read it in place (possibly
    /// transposed), else a contiguous copy.
    func matrixOperand(operation: String) throws -> (storage: NDArray, matrix: Matrix) {
        let matrix = Matrix(rows: shape[0], cols: shape[1], rowStride: axisStride(0), colStride: axisStride(1))
        if matrix.blasLayout != nil { return (self, matrix) }
        let c = try contiguous(operation: operation)
        return (c, Matrix(rows: shape[0], cols: shape[1], rowStride: shape[1], colStride: 1))
    }
}

/// A 2-d matrix inside a buffer, described by its strides.
struct Matrix {
    var rows: Int, cols: Int, rowStride: Int, colStride: Int

    /// How BLAS can read this matrix in place: with or without a transpose flag and with
    /// which leading dimension; `nil` when it must be copied first.
    var blasLayout: (transposed: Bool, leading: Int)? {
        let rs = rows == 1 ? Swift.max(cols, 1) : rowStride, cs = cols == 1 ? 1 : colStride
        if cs == 1 && rs >= Swift.max(cols, 1) { return (false, rs) }
        let rs2 = rows == 1 ? 1 : rowStride, cs2 = cols == 1 ? Swift.max(rows, 1) : colStride
        if rs2 == 1 && cs2 >= Swift.max(rows, 1) { return (true, cs2) }
        return nil
    }
}

/// The matrices of a (broadcast) batch: one base pointer, the offset of each matrix and
/// their common layout. Operands BLAS cannot read in place are copied once, contiguous.
struct MatrixBatch {
    let storage: NDArray
    let base: UnsafeMutablePointer<Double>
    let offsets: [Int]
    let matrix: Matrix

    init(_ view: NDArray, operation: String) throws {
        let rows = view.shape[view.ndim - 2], cols = view.shape[view.ndim - 1]
        let matrix = Matrix(rows: rows, cols: cols, rowStride: view.axisStride(view.ndim - 2), colStride: view.axisStride(view.ndim - 1))
        let batchShape = Array(view.shape.dropLast(2))
        if matrix.blasLayout != nil {
            storage = view
            self.matrix = matrix
            let walker = NDArray(buffer: view.buffer, shape: batchShape, strides: Array(view.strides.dropLast(2)), offset: view.offset, dtype: view.dtype)
            var offsets: [Int] = []
            offsets.reserveCapacity(batchShape.reduce(1, *))
            walker.forEachOffset { offsets.append($0) }
            self.offsets = offsets
        } else {
            storage = try view.contiguous(operation: operation)
            self.matrix = Matrix(rows: rows, cols: cols, rowStride: cols, colStride: 1)
            offsets = (0..<batchShape.reduce(1, *)).map { $0 * rows * cols }
        }
        base = storage.buffer.base
    }
}

/// `out (m×n) = a (m×k) · b (k×n)` of `dtype` slots, contiguous output: float64 through
/// dgemm/dgemv, float32 through sgemm, int64 and bool exactly by loops.
func multiply(_ a: UnsafeMutablePointer<Double>, _ am: Matrix,
              _ b: UnsafeMutablePointer<Double>, _ bm: Matrix,
              into out: UnsafeMutablePointer<Double>, dtype: DType) {
    let m = am.rows, k = am.cols, n = bm.cols
    if k == 0 {
        out.initialize(repeating: 0, count: m * n)   // 0.0 is also int64 0 and bool false
        return
    }
    switch dtype {
    case .float64: break
    case .float32: return multiplyFloat32(a, am, b, bm, into: out)
    case .int64, .bool: return exactMultiply(a, am, b, bm, into: out, boolean: dtype == .bool)
    }
    guard let blas = BLASLibrary.functions, let la = am.blasLayout, let lb = bm.blasLayout,
          m <= Int32.max, n <= Int32.max, k <= Int32.max, la.leading <= Int32.max, lb.leading <= Int32.max else {
        naiveMultiply(a, am, b, bm, into: out)
        return
    }
    BLASThreads.prepare(flops: 2 * Double(m) * Double(n) * Double(k))
    let ta = la.transposed ? CblasTrans : CblasNoTrans, tb = lb.transposed ? CblasTrans : CblasNoTrans
    if n == 1 {
        // Matrix times column: y = op(A) x, x read with the column's row stride.
        let incX = k == 1 ? 1 : bm.rowStride
        if incX > 0 {
            let (M, N) = la.transposed ? (k, m) : (m, k)
            blas.dgemv(CblasRowMajor, ta, blasint(M), blasint(N), 1, a, blasint(la.leading), b, blasint(incX), 0, out, 1)
            return
        }
    } else if m == 1 {
        // Row times matrix: yᵀ = op(B)ᵀ aᵀ.
        let incX = k == 1 ? 1 : am.colStride
        if incX > 0 {
            let (M, N) = lb.transposed ? (n, k) : (k, n)
            blas.dgemv(CblasRowMajor, lb.transposed ? CblasNoTrans : CblasTrans, blasint(M), blasint(N), 1,
                       b, blasint(lb.leading), a, blasint(incX), 0, out, 1)
            return
        }
    }
    blas.dgemm(CblasRowMajor, ta, tb, blasint(m), blasint(n), blasint(k), 1,
               a, blasint(la.leading), b, blasint(lb.leading), 0, out, blasint(n))
}

/// The product by plain loops (no BLAS, or sizes BLAS's 32-bit integers cannot describe).
func naiveMultiply(_ a: UnsafeMutablePointer<Double>, _ am: Matrix,
                   _ b: UnsafeMutablePointer<Double>, _ bm: Matrix,
                   into out: UnsafeMutablePointer<Double>) {
    let m = am.rows, k = am.cols, n = bm.cols
    for i in 0..<m {
        for j in 0..<n {
            var s = 0.0
            for p in 0..<k { s += a[i * am.rowStride + p * am.colStride] * b[p * bm.rowStride + j * bm.colStride] }
            out[i * n + j] = s
        }
    }
}

/// The float32 product through sgemm: each operand narrowed to a packed float32 copy
/// (its slots hold float32 values exactly) in memory order, so a transposed operand
/// stays a transpose flag; the product widened back into slots. Without sgemm, or for
/// layouts sgemm cannot read, float64 loops on the same values rounded to float32 once.
func multiplyFloat32(_ a: UnsafeMutablePointer<Double>, _ am: Matrix,
                     _ b: UnsafeMutablePointer<Double>, _ bm: Matrix,
                     into out: UnsafeMutablePointer<Double>) {
    let m = am.rows, k = am.cols, n = bm.cols
    guard let sgemm = BLASLibrary.functions?.sgemm, let la = am.blasLayout, let lb = bm.blasLayout,
          m <= Int32.max, n <= Int32.max, k <= Int32.max else {
        naiveMultiply(a, am, b, bm, into: out)
        for i in 0..<(m * n) { out[i] = NDArray.roundedToFloat32(out[i]) }
        return
    }
    let fa = UnsafeMutablePointer<Float>.allocate(capacity: m * k), fb = UnsafeMutablePointer<Float>.allocate(capacity: k * n)
    let fc = UnsafeMutablePointer<Float>.allocate(capacity: m * n)
    defer { fa.deallocate(); fb.deallocate(); fc.deallocate() }
    // A transposed operand is stored as its transpose, row-major: rows of `cols` slots
    // `leading` apart. Packing keeps that order, with the leading dimension its row length.
    let (aRows, aCols) = la.transposed ? (k, m) : (m, k)
    let (bRows, bCols) = lb.transposed ? (n, k) : (k, n)
    narrowRows(a, rows: aRows, cols: aCols, leading: la.leading, into: fa)
    narrowRows(b, rows: bRows, cols: bCols, leading: lb.leading, into: fb)
    BLASThreads.prepare(flops: 2 * Double(m) * Double(n) * Double(k))
    sgemm(CblasRowMajor, la.transposed ? CblasTrans : CblasNoTrans, lb.transposed ? CblasTrans : CblasNoTrans,
          blasint(m), blasint(n), blasint(k), 1, fa, blasint(Swift.max(aCols, 1)), fb, blasint(Swift.max(bCols, 1)),
          0, fc, blasint(Swift.max(n, 1)))
    widen(fc, count: m * n, into: out)
}

/// Copies `rows` rows of `cols` float32-valued slots, `leading` slots apart, into a
/// packed float32 buffer (contiguous inner loops, which the compiler vectorizes).
@inline(__always)
private func narrowRows(_ source: UnsafeMutablePointer<Double>, rows: Int, cols: Int, leading: Int,
                        into target: UnsafeMutablePointer<Float>) {
    for r in 0..<rows {
        let s = source + r * leading, t = target + r * cols
        for c in 0..<cols { t[c] = Float(s[c]) }
    }
}

/// Widens a packed float32 buffer into slots.
@inline(__always)
private func widen(_ source: UnsafeMutablePointer<Float>, count: Int, into target: UnsafeMutablePointer<Double>) {
    for i in 0..<count { target[i] = Double(source[i]) }
}

/// The exact product of int64 slots (wrapping, as numpy's integer matmul) or of bool slots
/// (numpy's bool product: any `a and b` along the sum), by loops in i-k-j order.
func exactMultiply(_ a: UnsafeMutablePointer<Double>, _ am: Matrix,
                   _ b: UnsafeMutablePointer<Double>, _ bm: Matrix,
                   into out: UnsafeMutablePointer<Double>, boolean: Bool) {
    let m = am.rows, k = am.cols, n = bm.cols
    var row = [Int64](repeating: 0, count: n)
    for i in 0..<m {
        for j in 0..<n { row[j] = 0 }
        for p in 0..<k {
            let x = a[i * am.rowStride + p * am.colStride]
            if boolean {
                guard x != 0 else { continue }
                for j in 0..<n where b[p * bm.rowStride + j * bm.colStride] != 0 { row[j] = 1 }
            } else {
                let xi = NDArray.integer(x)
                guard xi != 0 else { continue }
                for j in 0..<n { row[j] = row[j] &+ xi &* NDArray.integer(b[p * bm.rowStride + j * bm.colStride]) }
            }
        }
        for j in 0..<n { out[i * n + j] = boolean ? Double(row[j]) : NDArray.slot(row[j]) }
    }
}
