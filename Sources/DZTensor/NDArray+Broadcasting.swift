/// Numpy broadcasting: shapes are aligned at their trailing axes; an axis of extent 1
/// stretches to match the other. See https://numpy.org/doc/stable/user/basics.broadcasting.html
extension NDArray {
    /// The shape two or more shapes broadcast to, or a ``TensorError/broadcast(operation:shapes:)``.
    /// Folds the two-shape rule over the list; an error names every shape.
    public static func broadcastShape(_ shapes: [[Int]], operation: String) throws -> [Int] {
        guard var result = shapes.first else { return [] }
        do {
            for shape in shapes.dropFirst() { result = try broadcastShape(result, shape, operation: operation) }
        } catch {
            throw TensorError.broadcast(operation: operation, shapes: shapes)
        }
        return result
    }

    /// The shape two shapes broadcast to (the binary operators' case: no array of shapes,
    /// and a 0-d operand or equal shapes cost nothing).
    @inlinable
    public static func broadcastShape(_ a: [Int], _ b: [Int], operation: String) throws -> [Int] {
        if a == b || b.isEmpty { return a }
        if a.isEmpty { return b }
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        var result = long
        let pad = long.count - short.count
        for i in 0..<short.count {
            let r = long[pad + i], d = short[i]
            if r == d || d == 1 { continue }
            if r == 1 { result[pad + i] = d; continue }
            throw TensorError.broadcast(operation: operation, shapes: [a, b])
        }
        return result
    }

    /// A read-only view of this array stretched to `shape` (stride 0 along stretched axes).
    @usableFromInline
    func broadcastView(to shape: [Int], operation: String) throws -> NDArray {
        if shape == self.shape { return self }
        let pad = shape.count - ndim
        guard pad >= 0 else {
            throw TensorError.broadcast(operation: operation, shapes: [self.shape, shape])
        }
        let strides = self.strides
        var newStrides = [Int](repeating: 0, count: shape.count)
        for i in 0..<ndim {
            if self.shape[i] == shape[pad + i] {
                newStrides[pad + i] = strides[i]
            } else if self.shape[i] == 1 {
                newStrides[pad + i] = 0
            } else {
                throw TensorError.broadcast(operation: operation, shapes: [self.shape, shape])
            }
        }
        return NDArray(buffer: buffer, shape: shape, strides: newStrides, offset: offset, dtype: dtype)
    }

    /// This array repeated along axes of extent 1 (and new leading axes) to fill `shape`,
    /// as `np.broadcast_to` (the result owns its elements).
    public func broadcast(to shape: [Int]) throws -> NDArray {
        _ = try NDArray.checkedCount(shape, operation: "broadcast_to")
        let view = try broadcastView(to: shape, operation: "broadcast_to")
        return try view.contiguous(operation: "broadcast_to")
    }

    /// The sum of this array over the axes that broadcasting to its shape would have
    /// stretched from `shape` (DeZero's `sum_to`), the adjoint of ``broadcast(to:)``.
    public func sum(to shape: [Int]) throws -> NDArray {
        if shape == self.shape { return self }
        let lead = ndim - shape.count
        guard lead >= 0 else {
            throw TensorError.invalid(operation: "sum_to",
                message: "cannot sum shape \(formatShape(self.shape)) to \(formatShape(shape))")
        }
        var axes = Array(0..<lead)
        for (i, d) in shape.enumerated() {
            if d == 1 && self.shape[lead + i] != 1 {
                axes.append(lead + i)
            } else if d != self.shape[lead + i] {
                throw TensorError.invalid(operation: "sum_to",
                    message: "cannot sum shape \(formatShape(self.shape)) to \(formatShape(shape))")
            }
        }
        let summed = try sum(axes: axes, keepdims: true)
        return lead > 0 ? try summed.reshaped(shape) : summed
    }
}
