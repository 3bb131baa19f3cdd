import DZTensor

/// DeZero's `binary_cross_entropy(p, t)` for probabilities `p` and targets `t`:
/// `-sum(t log p + (1 - t) log(1 - p)) / len(t)`, with `p` clipped to [1e-15, 0.999] first
/// (so a probability of 0 or 1 gives a finite loss, and no gradient through the clip). `t`
/// is reshaped to `p`'s shape when their dimensions differ, as DeZero does.
public func binaryCrossEntropy(_ p: Variable, _ t: Variable) throws -> Variable {
    var t = t
    if p.ndim != t.ndim {
        guard p.size == t.size else {
            throw TensorError.invalid(operation: "binary_cross_entropy",
                message: "targets of shape \(formatShape(t.shape)) do not fit probabilities of shape \(formatShape(p.shape))")
        }
        t = try reshape(t, p.shape)
    }
    guard t.ndim > 0 else {
        throw TensorError.invalid(operation: "binary_cross_entropy", message: "len() of a 0-d array; the inputs need a first axis")
    }
    let n = Double(t.shape[0])
    let q = try clip(p, NDArray(1e-15), NDArray(0.999))
    let tlogp = try t * log(q) + (1.0 - t) * log(1.0 - q)
    return try -1.0 * sum(tlogp) / n
}
