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
    /// The outputs, not retained: each output clears its slot when it is freed. (Swift's
    /// `weak` would give every variable a side table and slow reference counting.)
    var outputSlots: [OutputSlot] = []
    /// The largest generation among the inputs; backward visits higher generations first.
    public internal(set) var generation = 0
    /// The backward pass that last scheduled this function (see `BackwardWorklist`).
    var scheduledPass = 0

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
    public var outputs: [Variable?] { outputSlots.map { $0.variable?.takeUnretainedValue() } }

    /// The shapes of the outputs.
    public var outputShapes: [[Int]] { outputSlots.map(\.shape) }

    /// Output `i` if it is still alive.
    func output(_ i: Int) -> Variable? { outputSlots[i].variable?.takeUnretainedValue() }

    /// Called by an output as it is freed.
    func forget(_ output: Variable) {
        for i in outputSlots.indices where outputSlots[i].variable?.toOpaque() == Unmanaged.passUnretained(output).toOpaque() {
            outputSlots[i].variable = nil
        }
    }

    /// Applies the function, recording it in the graph when gradients are on.
    public func callAsFunction(_ inputs: [Variable]) throws -> [Variable] {
        let ys = try forward(inputs.map(\.data))
        let outputs = ys.map { Variable($0) }
        if GradMode.isEnabled {
            generation = inputs.reduce(0) { Swift.max($0, $1.generation) }
            for output in outputs { output.setCreator(self) }
            self.inputs = inputs
            outputSlots = outputs.map { OutputSlot(variable: Unmanaged.passUnretained($0), shape: $0.data.shape) }
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

/// A function's output: a reference that does not retain it (cleared when the output is
/// freed), and its shape.
struct OutputSlot {
    var variable: Unmanaged<Variable>?
    let shape: [Int]
}
