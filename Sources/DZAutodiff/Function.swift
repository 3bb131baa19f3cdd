/// An operation of the graph: `forward` on arrays, `backward` on variables.
///
/// Subclasses implement ``forward(_:)`` with `NDArray` operations and ``backward(_:)``
/// with ``Variable`` operations, so that the backward pass is itself a graph and can be
/// differentiated again (`createGraph`). Calling a function records it as the creator of
/// its outputs unless gradients are off (``GradMode``).
///
/// ```swift
/// final class Square: Function {
///     override func forward(_ xs: [NDArray]) throws -> [NDArray] { [try xs[0] * xs[0]] }
///     override func backward(_ gys: [Variable]) throws -> [Variable?] {
///         [try gys[0] * inputs[0] * 2]
///     }
/// }
/// let y = try Square()(x)
/// ```
open class Function {
    /// The variables this function was applied to (empty when nothing was recorded).
    public internal(set) var inputs: [Variable] = []
    /// The outputs, held weakly.
    var outputRefs: [WeakVariable] = []
    /// The shapes of the outputs, kept for seeding missing gradients.
    public internal(set) var outputShapes: [[Int]] = []
    /// The largest generation among the inputs; backward visits higher generations first.
    public internal(set) var generation = 0

    public init() {}

    /// The op's name in graphs and explanations, e.g. `MatMul`.
    open var name: String { String(describing: type(of: self)) }

    /// The gradient rule for each input as text, e.g. `["gx = gy @ W.T", "gW = x.T @ gy"]`.
    open var gradientRules: [String] { [] }

    /// Computes the outputs from the inputs' data.
    open func forward(_ xs: [NDArray]) throws -> [NDArray] {
        throw TensorError.invalid(operation: name, message: "forward is not implemented")
    }

    /// Computes the gradient of each input from the gradients of the outputs; `nil` for an
    /// input that gets no gradient (a constant such as class labels).
    open func backward(_ gys: [Variable]) throws -> [Variable?] {
        throw TensorError.invalid(operation: name, message: "backward is not implemented")
    }

    /// The outputs still alive (a released output is `nil`).
    public var outputs: [Variable?] { outputRefs.map(\.value) }

    /// Applies the function, recording it in the graph when gradients are on.
    public func callAsFunction(_ inputs: [Variable]) throws -> [Variable] {
        let ys = try forward(inputs.map(\.data))
        let outputs = ys.map { Variable($0) }
        if GradMode.isEnabled {
            generation = inputs.reduce(0) { Swift.max($0, $1.generation) }
            for output in outputs { output.setCreator(self) }
            self.inputs = inputs
            outputRefs = outputs.map { WeakVariable($0) }
            outputShapes = ys.map(\.shape)
        }
        return outputs
    }

    /// Applies a one-output function.
    public func callAsFunction(_ inputs: Variable...) throws -> Variable {
        try self(inputs)[0]
    }

    func takeInputs() -> [Variable] {
        defer { inputs = [] }
        return inputs
    }
}

/// A weak reference to a variable (a function's output).
struct WeakVariable {
    weak var value: Variable?
    init(_ value: Variable) { self.value = value }
}
