@testable import DZTensor

/// A contiguous array from a shape and row-major values (test shorthand).
func array(_ shape: [Int], _ values: [Double]) -> NDArray {
    try! NDArray(shape: shape, scalars: values)
}

/// `0, 1, 2, ...` in the given shape.
func iota(_ shape: [Int]) -> NDArray {
    try! NDArray.arange(0, Double(shape.reduce(1, *))).reshaped(shape)
}

/// The message of the `TensorError` thrown by `body`, or nil.
func errorMessage(_ body: () throws -> Any) -> String? {
    do { _ = try body(); return nil } catch { return "\(error)" }
}
