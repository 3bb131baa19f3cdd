// Shape manipulation: reshape, transpose, expand_dims, squeeze, flatten, concat, stack.
// Reshaping a contiguous array and transposing return views that share the buffer.

extension NDArray {
    /// The same elements in a new shape; one extent may be `-1` and is then inferred.
    public func reshaped(_ newShape: [Int]) throws -> NDArray {
        var target = newShape
        let unknown = newShape.indices.filter { newShape[$0] == -1 }
        guard unknown.count <= 1 else {
            throw TensorError.invalid(operation: "reshape", message: "can only specify one unknown dimension")
        }
        if let u = unknown.first {
            let known = newShape.enumerated().filter { $0.offset != u }.map(\.element)
            guard known.allSatisfy({ $0 >= 0 }) else { throw TensorError.negativeDimension(operation: "reshape", shape: newShape) }
            let product = known.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
            guard product > 0, size % product == 0 else { throw TensorError.reshape(from: shape, to: newShape) }
            target[u] = size / product
        }
        let count = try NDArray.checkedCount(target, operation: "reshape")
        guard count == size else { throw TensorError.reshape(from: shape, to: newShape) }
        if target == shape { return self }
        let c = try contiguous(operation: "reshape")
        return NDArray(buffer: c.buffer, shape: target, offset: c.offset, dtype: dtype)
    }

    /// The axes permuted (reversed when `axes` is `nil`), as a view.
    public func transposed(_ axes: [Int]? = nil) throws -> NDArray {
        if axes == nil && ndim == 2 {
            return NDArray(buffer: buffer, shape: [shape[1], shape[0]], strides: [axisStride(1), axisStride(0)], offset: offset, dtype: dtype)
        }
        let perm: [Int]
        if let axes {
            guard axes.count == ndim else {
                throw TensorError.invalid(operation: "transpose", message: "axes don't match array: got \(axes.count) axes for an array of dimension \(ndim)")
            }
            let normalized = try axes.map { try NDArray.normalizeAxis($0, ndim: ndim, operation: "transpose") }
            guard Set(normalized).count == ndim else {
                throw TensorError.invalid(operation: "transpose", message: "repeated axis in transpose")
            }
            perm = normalized
        } else {
            perm = Array((0..<ndim).reversed())
        }
        let strides = self.strides
        return NDArray(buffer: buffer, shape: perm.map { shape[$0] }, strides: perm.map { strides[$0] }, offset: offset, dtype: dtype)
    }

    /// The reversed-axes transpose (`x.T`).
    public var T: NDArray { NDArray(buffer: buffer, shape: shape.reversed(), strides: strides.reversed(), offset: offset, dtype: dtype) }

    /// A new axis of extent 1 inserted at `axis` (which may be `ndim`, or negative).
    public func expandingDims(_ axis: Int) throws -> NDArray {
        let a = try NDArray.normalizeAxis(axis, ndim: ndim + 1, operation: "expand_dims")
        var s = shape
        s.insert(1, at: a)
        return try reshaped(s)
    }

    /// Axes of extent 1 removed (the given ones, or all when `nil`).
    public func squeezed(_ axes: [Int]? = nil) throws -> NDArray {
        let remove: [Int]
        if let axes {
            remove = try NDArray.normalizeAxes(axes, ndim: ndim, operation: "squeeze")
            for a in remove where shape[a] != 1 {
                throw TensorError.invalid(operation: "squeeze",
                    message: "cannot select an axis to squeeze out which has size not equal to one (axis \(a) of shape \(formatShape(shape)))")
            }
        } else {
            remove = shape.indices.filter { shape[$0] == 1 }
        }
        return try reshaped(shape.indices.filter { !remove.contains($0) }.map { shape[$0] })
    }

    /// The elements as a 1-d array (numpy's `flatten`).
    public func flattened() throws -> NDArray {
        let c = try contiguous(operation: "flatten")
        return NDArray(buffer: c.buffer, shape: [size], offset: c.offset, dtype: dtype)
    }

    /// Arrays joined along an existing axis (numpy's `concatenate`).
    public static func concatenate(_ arrays: [NDArray], axis: Int = 0) throws -> NDArray {
        guard let first = arrays.first else {
            throw TensorError.invalid(operation: "concat", message: "need at least one array to concatenate")
        }
        guard first.ndim > 0 else {
            throw TensorError.invalid(operation: "concat", message: "zero-dimensional arrays cannot be concatenated")
        }
        let a = try normalizeAxis(axis, ndim: first.ndim, operation: "concat")
        let dtype = arrays.dropFirst().reduce(first.dtype) { DType.promote($0, $1.dtype) }
        if arrays.contains(where: { $0.dtype != dtype }) {
            return try concatenate(arrays.map { try $0.astype(dtype) }, axis: axis)
        }
        var total = 0
        for (i, x) in arrays.enumerated() {
            guard x.ndim == first.ndim else {
                throw TensorError.invalid(operation: "concat",
                    message: "all the input arrays must have same number of dimensions, but the array at index 0 has \(first.ndim) dimension(s) and the array at index \(i) has \(x.ndim) dimension(s)")
            }
            for d in 0..<first.ndim where d != a && x.shape[d] != first.shape[d] {
                throw TensorError.invalid(operation: "concat",
                    message: "all the input array dimensions except for the concatenation axis must match exactly, but along dimension \(d), the array at index 0 has size \(first.shape[d]) and the array at index \(i) has size \(x.shape[d])")
            }
            total += x.shape[a]
        }
        var shape = first.shape
        shape[a] = total
        let count = try checkedCount(shape, operation: "concat")
        let result = try NDArray(uninitializedShape: shape, count: count, operation: "concat", dtype: dtype)
        let out = result.buffer.base
        let outer = shape[..<a].reduce(1, *), inner = shape[(a + 1)...].reduce(1, *)
        var column = 0
        for x in arrays {
            let c = try x.contiguous(operation: "concat")
            let run = x.shape[a] * inner
            let src = c.buffer.base + c.offset
            for o in 0..<outer {
                (out + o * total * inner + column).update(from: src + o * run, count: run)
            }
            column += run
        }
        return result
    }

    /// Arrays of one shape joined along a new axis (numpy's `stack`).
    public static func stack(_ arrays: [NDArray], axis: Int = 0) throws -> NDArray {
        guard let first = arrays.first else {
            throw TensorError.invalid(operation: "stack", message: "need at least one array to stack")
        }
        for (i, x) in arrays.enumerated() where x.shape != first.shape {
            throw TensorError.invalid(operation: "stack",
                message: "all input arrays must have the same shape, but the array at index 0 has shape \(formatShape(first.shape)) and the array at index \(i) has shape \(formatShape(x.shape))")
        }
        let a = try normalizeAxis(axis, ndim: first.ndim + 1, operation: "stack")
        return try concatenate(arrays.map { try $0.expandingDims(a) }, axis: a)
    }
}
