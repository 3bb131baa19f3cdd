/// An n-dimensional array of one of numpy's four dtypes (``DType``), row-major, the
/// numeric core of dz.
///
/// `NDArray` is a value type: a small struct (shape, strides, offset) over a shared,
/// reference-counted element buffer. Operations never change an array in place; they
/// return new arrays. Reshaping a contiguous array, transposing, broadcasting and basic
/// slicing return *views* that share the buffer (no copy), which is also how a transposed
/// matrix reaches BLAS as a flag instead of a copy.
///
/// ```swift
/// let a = try NDArray(shape: [2, 2], scalars: [1, 2, 3, 4])
/// let b = try a.matmul(a.transposed())     // [[ 5. 11.] [11. 25.]]
/// print(b)                                  // numpy's str()
/// ```
///
/// Every operation that can fail on user input throws a ``TensorError`` naming the
/// operation and the shapes involved; none of them traps.
public struct NDArray: @unchecked Sendable {
    /// The extent of each axis; `[]` for a 0-d array (a scalar).
    public let shape: [Int]
    /// The distance, in elements, between neighbours along each axis (0 for a broadcast axis).
    /// Computed for a contiguous array, which stores none (see ``storedStrides``).
    @inlinable public var strides: [Int] { storedStrides ?? NDArray.contiguousStrides(for: shape) }
    /// The strides of a view; `nil` for an array laid out row-major without gaps from
    /// ``offset``, which is what almost every operation returns (no array to allocate).
    @usableFromInline let storedStrides: [Int]?
    /// ``offset`` and ``dtype`` in one word (`offset << 2 | dtype code`): with a separate
    /// dtype byte the struct is five words instead of four, which Swift passes indirectly
    /// with outlined copies, measurably slower on every operation of a recorded loop.
    @usableFromInline let offsetAndDType: Int
    @usableFromInline var buffer: NDBuffer
    /// The position of element `[0, 0, ...]` in ``buffer``.
    @inlinable var offset: Int { offsetAndDType >> 2 }
    /// The element type; how the slots of ``buffer`` are read (see ``DType``).
    @inlinable public var dtype: DType { DType(code: offsetAndDType & 3) }

    /// Wraps an existing buffer; the caller guarantees that shape, strides and offset fit in it.
    @inlinable
    init(buffer: NDBuffer, shape: [Int], strides: [Int], offset: Int, dtype: DType) {
        self.buffer = buffer
        self.shape = shape
        self.storedStrides = strides
        self.offsetAndDType = offset << 2 | dtype.code
    }

    /// Wraps an existing buffer holding a contiguous array of `shape` from `offset`.
    @inlinable
    init(buffer: NDBuffer, shape: [Int], offset: Int, dtype: DType) {
        self.buffer = buffer
        self.shape = shape
        self.storedStrides = nil
        self.offsetAndDType = offset << 2 | dtype.code
    }

    /// This array's elements (the same buffer) read as `dtype`: for callers that wrote the
    /// slots in that dtype's layout.
    @inlinable
    func retyped(_ dtype: DType) -> NDArray {
        if let s = storedStrides { return NDArray(buffer: buffer, shape: shape, strides: s, offset: offset, dtype: dtype) }
        return NDArray(buffer: buffer, shape: shape, offset: offset, dtype: dtype)
    }

    /// A contiguous array over a fresh buffer whose elements the caller fills; throws
    /// ``TensorError/tooLarge(operation:shape:)`` when the memory left does not hold it
    /// and ``TensorError/tooManyDimensions(operation:ndim:)`` beyond ``maxDimensions`` axes.
    @inlinable
    init(uninitializedShape shape: [Int], count: Int, operation: String, dtype: DType) throws {
        guard shape.count <= NDArray.maxDimensions else {
            throw TensorError.tooManyDimensions(operation: operation, ndim: shape.count)
        }
        guard let buffer = NDBuffer.make(count: count) else { throw TensorError.tooLarge(operation: operation, shape: shape) }
        self.buffer = buffer
        self.shape = shape
        self.storedStrides = nil
        self.offsetAndDType = dtype.code
    }

    /// A contiguous array of a few elements (a scalar, a literal already held in memory),
    /// where running out of memory cannot be reported and stops the program.
    @inlinable
    init(smallShape shape: [Int], count: Int, dtype: DType = .float64) {
        guard let buffer = NDBuffer.make(count: count) else {
            fatalError("out of memory allocating \(count) elements of shape \(formatShape(shape))")
        }
        self.buffer = buffer
        self.shape = shape
        self.storedStrides = nil
        self.offsetAndDType = dtype.code
    }

    /// Creates an array of the given shape from its elements in row-major order.
    public init(shape: [Int], scalars: [Double]) throws {
        let count = try NDArray.checkedCount(shape, operation: "array")
        guard count == scalars.count else {
            throw TensorError.elementCount(operation: "array", shape: shape, count: scalars.count)
        }
        try self.init(uninitializedShape: shape, count: count, operation: "array", dtype: .float64)
        scalars.withUnsafeBufferPointer { src in
            if let p = src.baseAddress { buffer.base.update(from: p, count: count) }
        }
    }

    /// A 0-d array holding `value`.
    public init(_ value: Double) {
        self.init(smallShape: [], count: 1)
        buffer.base[0] = value
    }

    /// A 1-d array of the given elements.
    public init(_ scalars: [Double]) {
        self.init(smallShape: [scalars.count], count: scalars.count)
        scalars.withUnsafeBufferPointer { src in
            if let p = src.baseAddress { buffer.base.update(from: p, count: scalars.count) }
        }
    }

    /// The number of axes.
    @inlinable public var ndim: Int { shape.count }

    /// The number of elements (1 for a 0-d array).
    @inlinable public var size: Int { shape.reduce(1, *) }

    /// Whether the elements are laid out row-major without gaps from ``offset``.
    @inlinable public var isContiguous: Bool {
        guard let strides = storedStrides else { return true }
        var expected = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            if shape[axis] != 1 && strides[axis] != expected { return false }
            expected *= shape[axis]
        }
        return true
    }

    /// The elements in row-major order, as doubles (an int64 beyond 2^53 rounded).
    public var scalars: [Double] {
        if dtype == .int64 { return rawSlots.map { NDArray.integer($0).asDouble } }
        return rawSlots
    }

    /// The slots in row-major order, as stored (see ``DType``).
    @usableFromInline var rawSlots: [Double] {
        if isContiguous { return Array(UnsafeBufferPointer(start: buffer.base + offset, count: size)) }
        var result: [Double] = []
        result.reserveCapacity(size)
        forEachOffset { result.append(buffer.base[$0]) }
        return result
    }

    /// Whether `other` has this array's shape and equal elements (`==` of doubles: NaN is
    /// never equal), compared in place.
    public func hasSameElements(as other: NDArray) -> Bool {
        guard shape == other.shape else { return false }
        if dtype == .int64 || other.dtype == .int64 {
            guard dtype == other.dtype else { return scalars == other.scalars }
            return rawSlots.map { $0.bitPattern } == other.rawSlots.map { $0.bitPattern }
        }
        if isContiguous && other.isContiguous {
            let p = buffer.base + offset, q = other.buffer.base + other.offset
            for i in 0..<size where p[i] != q[i] { return false }
            return true
        }
        // A view: walk this array in row-major order and find each element in `other`.
        let otherStrides = other.strides, base = buffer.base, otherBase = other.buffer.base
        var equal = true, i = 0
        forEachOffset { o in
            guard equal else { return }
            var rest = i, q = other.offset
            for axis in stride(from: shape.count - 1, through: 0, by: -1) {
                q += (rest % shape[axis]) * otherStrides[axis]
                rest /= shape[axis]
            }
            if base[o] != otherBase[q] { equal = false }
            i += 1
        }
        return equal
    }

    /// The single element of a one-element array (of any shape), or `nil`.
    public var scalar: Double? {
        guard size == 1 else { return nil }
        return dtype == .int64 ? NDArray.integer(buffer.base[offset]).asDouble : buffer.base[offset]
    }

    /// The element at a multi-index, as a double (no bounds checks beyond a precondition in
    /// debug builds).
    public subscript(_ index: [Int]) -> Double {
        var position = offset
        for (axis, i) in index.enumerated() { position += i * axisStride(axis) }
        return dtype == .int64 ? NDArray.integer(buffer.base[position]).asDouble : buffer.base[position]
    }

    /// This array with its elements laid out contiguously (itself when already so); a copy
    /// that does not fit in the memory left is a ``TensorError/tooLarge(operation:shape:)``
    /// under `operation`.
    public func contiguous(operation: String = "copy") throws -> NDArray {
        if isContiguous { return self }
        let result = try NDArray(uninitializedShape: shape, count: size, operation: operation, dtype: dtype)
        let out = result.buffer.base
        var i = 0
        forEachOffset { out[i] = buffer.base[$0]; i += 1 }
        return result
    }

    /// Calls `body` with the buffer offset of every element, in row-major order.
    @inlinable
    func forEachOffset(_ body: (Int) -> Void) {
        let n = shape.count
        if n == 0 { body(offset); return }
        if shape.contains(0) { return }
        let strides = self.strides
        let inner = shape[n - 1], innerStride = strides[n - 1]
        var index = [Int](repeating: 0, count: n)
        var base = offset
        while true {
            var p = base
            for _ in 0..<inner { body(p); p += innerStride }
            // Advance the odometer over the outer axes.
            var axis = n - 2
            while axis >= 0 {
                index[axis] += 1
                base += strides[axis]
                if index[axis] < shape[axis] { break }
                base -= strides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }

    /// Adds `other` (of the same shape) into this array: in place when the storage is
    /// contiguous and not shared with any other array, otherwise into a new array.
    public mutating func add(_ other: NDArray) throws {
        guard shape == other.shape, dtype == .float64, other.dtype == .float64, isContiguous,
              isKnownUniquelyReferenced(&buffer) else {
            self = try self + other
            return
        }
        let p = buffer.base + offset
        let c = try other.contiguous(operation: "add")
        let q = UnsafePointer(c.buffer.base + c.offset)
        for i in 0..<size { p[i] += q[i] }
    }

    /// The stride of one axis (without making the strides array of a contiguous array).
    @inlinable
    func axisStride(_ axis: Int) -> Int {
        if let s = storedStrides { return s[axis] }
        var s = 1
        for a in (axis + 1)..<shape.count { s *= Swift.max(shape[a], 1) }
        return s
    }

    /// Row-major strides for a shape.
    @inlinable
    static func contiguousStrides(for shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var s = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = s
            s *= Swift.max(shape[axis], 1)
        }
        return strides
    }

    /// The most axes an array may have (numpy's `NPY_MAXDIMS`).
    public static let maxDimensions = 64

    /// Throws ``TensorError/tooManyDimensions(operation:ndim:)`` for a shape of more than
    /// ``maxDimensions`` axes.
    @inlinable
    public static func checkDimensions(_ ndim: Int, operation: String) throws {
        guard ndim <= maxDimensions else { throw TensorError.tooManyDimensions(operation: operation, ndim: ndim) }
    }

    /// The element count of `shape`, refusing too many axes, negative extents, overflow and
    /// sizes beyond the memory limit before anything is allocated.
    public static func checkedCount(_ shape: [Int], operation: String) throws -> Int {
        try checkDimensions(shape.count, operation: operation)
        var count = 1
        for d in shape {
            guard d >= 0 else { throw TensorError.negativeDimension(operation: operation, shape: shape) }
            let (p, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow else { throw TensorError.tooLarge(operation: operation, shape: shape) }
            count = p
        }
        try MemoryLimit.check(elements: count, operation: operation, shape: shape)
        return count
    }
}
