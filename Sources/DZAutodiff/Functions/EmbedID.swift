import DZTensor

/// DeZero's `embed_id(x, W)`: the rows of the table `W` (vocabulary, dimensions) at the
/// integer ids `x` (any shape), i.e. `W[x]` of shape `x.shape + (dimensions,)`. The gradient
/// adds each row's gradient back at its id.
public func embedID(_ x: Variable, _ W: Variable) throws -> Variable {
    guard W.ndim >= 1 else {
        throw TensorError.invalid(operation: "embed_id", message: "W must have at least one axis (vocabulary, ...), got a 0-d tensor")
    }
    let vocabulary = W.shape[0]
    for v in x.data.scalars where !(v.rounded() == v && v >= 0 && v < Double(vocabulary)) {
        throw TensorError.invalid(operation: "embed_id",
            message: "id \(formatCount(v)) is not a row of W \(formatShape(W.shape)): ids must be integers from 0 to \(vocabulary - 1)")
    }
    return try getItem(W, [.array(x.data)])
}
