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
    public internal(set) var inputs = FunctionInputs()
    /// The outputs, not retained: each output clears its slot when it is freed. (Swift's
    /// `weak` would give every variable a side table and slow reference counting.) The first
    /// is stored inline, so a one-output node needs no array.
    var firstOutput: OutputSlot?
    var otherOutputs: [OutputSlot] = []
    /// The largest generation among the inputs; backward visits higher generations first.
    public var generation: Int { Int(storedGeneration) }
    private var storedGeneration: Int32 = 0
    /// The backward pass that last scheduled this function (see `BackwardWorklist`); 32 bits
    /// with the generation keep a one-output node's function in 72 bytes of fields.
    var scheduledPass: Int32 = 0

    public init() {}

    /// The op's name in graphs and explanations, e.g. `MatMul`.
    open var name: String { String(describing: type(of: self)) }

    /// The gradient rule for each input as text, e.g. `["gx = gy @ W.T", "gW = x.T @ gy"]`.
    open var gradientRules: [String] { [] }

    /// For a rule written by its author rather than declared (a user-defined Function):
    /// the lines ``explain(_:)`` shows under the function's heading, given explain's names
    /// of the inputs and outputs. Nil for the builtin ops, which declare ``gradientRules``.
    open func explainedRule(inputNames: [String], outputNames: [String]) -> [String]? { nil }

    /// Computes the outputs from the inputs' data.
    open func forward(_ xs: [NDArray]) throws -> [NDArray] {
        throw TensorError.invalid(operation: name, message: "forward is not implemented")
    }

    /// Computes the gradient of each input from the gradients of the outputs; `nil` for an
    /// input that gets no gradient (a constant such as class labels).
    open func backward(_ gys: [Variable]) throws -> [Variable?] {
        throw TensorError.invalid(operation: name, message: "backward is not implemented")
    }

    /// The output slots in order.
    var outputSlots: [OutputSlot] { firstOutput.map { [$0] + otherOutputs } ?? [] }

    /// The number of outputs recorded.
    var outputCount: Int { firstOutput == nil ? 0 : 1 + otherOutputs.count }

    /// The outputs still alive (a released output is `nil`).
    public var outputs: [Variable?] { outputSlots.map { $0.variable?.takeUnretainedValue() } }

    /// The shapes of the outputs.
    public var outputShapes: [[Int]] { outputSlots.map { $0.shape } }

    /// The shape of output `i`.
    func outputShape(_ i: Int) -> [Int] { i == 0 ? firstOutput!.shape : otherOutputs[i - 1].shape }

    /// Output `i` if it is still alive.
    func output(_ i: Int) -> Variable? {
        (i == 0 ? firstOutput?.variable : otherOutputs[i - 1].variable)?.takeUnretainedValue()
    }

    /// Called by an output as it is freed.
    func forget(_ output: Variable) {
        let target = Unmanaged.passUnretained(output).toOpaque()
        if firstOutput?.variable?.toOpaque() == target { firstOutput?.variable = nil }
        for i in otherOutputs.indices where otherOutputs[i].variable?.toOpaque() == target {
            otherOutputs[i].variable = nil
        }
    }

    /// Called by an output as it is freed when its stand-in lives on: the stand-in becomes
    /// the output in its place (see ``Variable/standInForGraphs()``).
    func replaceOutput(_ output: Variable, with standIn: Variable) {
        let target = Unmanaged.passUnretained(output).toOpaque()
        let replacement = Unmanaged.passUnretained(standIn)
        if firstOutput?.variable?.toOpaque() == target { firstOutput?.variable = replacement }
        for i in otherOutputs.indices where otherOutputs[i].variable?.toOpaque() == target {
            otherOutputs[i].variable = replacement
        }
    }

    /// Applies the function, recording it in the graph when gradients are on.
    public func callAsFunction(_ inputs: [Variable]) throws -> [Variable] {
        let ys = try forward(inputs.map { $0.data })
        guard GradMode.isEnabled else { return ys.map { Variable($0) } }
        var generation = 0
        for x in inputs { generation = Swift.max(generation, x.generation) }
        storedGeneration = Int32(clamping: generation)
        self.inputs = FunctionInputs(inputs)
        var outputs: [Variable] = []
        outputs.reserveCapacity(ys.count)
        for (i, y) in ys.enumerated() {
            let output = Variable(y)
            output.setCreator(self)
            let slot = OutputSlot(variable: Unmanaged.passUnretained(output), shape: y.shape)
            if i == 0 { firstOutput = slot } else { otherOutputs.append(slot) }
            outputs.append(output)
        }
        return outputs
    }

    /// Records `output` as this function's only output, with these inputs.
    func record(_ output: Variable, generation: Int, inputs: consuming FunctionInputs) {
        storedGeneration = Int32(clamping: generation)
        self.inputs = inputs
        output.setCreator(self)
        firstOutput = OutputSlot(variable: Unmanaged.passUnretained(output), shape: output.data.shape)
    }

    /// Applies a one-output function.
    public func callAsFunction(_ inputs: Variable...) throws -> Variable {
        try self(inputs)[0]
    }

    func takeInputs() -> FunctionInputs {
        defer { inputs = FunctionInputs() }
        return inputs
    }
}

/// The inputs of a function: the first two stored inline (no array per graph node), any
/// more in an array (nil without them: storing or dropping the inputs then moves no array).
/// Indexed from 0 like an array.
public struct FunctionInputs: RandomAccessCollection, MutableCollection {
    private var a: Variable?
    private var b: Variable?
    private var rest: [Variable]?

    /// No inputs.
    public init() {}

    /// One input.
    init(_ x: Variable) { a = x }

    /// Two inputs.
    init(_ x0: Variable, _ x1: Variable) { a = x0; b = x1 }

    /// The given inputs, in order.
    public init(_ variables: [Variable]) {
        if variables.count > 0 { a = variables[0] }
        if variables.count > 1 { b = variables[1] }
        if variables.count > 2 { rest = Array(variables[2...]) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { a == nil ? 0 : b == nil ? 1 : 2 + (rest?.count ?? 0) }

    public subscript(i: Int) -> Variable {
        get {
            switch i {
            case 0: a!
            case 1: b!
            default: rest![i - 2]
            }
        }
        set {
            switch i {
            case 0: a = newValue
            case 1: b = newValue
            default: rest![i - 2] = newValue
            }
        }
    }

    /// Removes and returns the last input (used to take a graph apart).
    mutating func popLast() -> Variable? {
        if rest?.isEmpty == false { return rest!.removeLast() }
        if let v = b { b = nil; return v }
        if let v = a { a = nil; return v }
        return nil
    }
}

/// A function's output: a reference that does not retain it (cleared when the output is
/// freed), and its shape.
struct OutputSlot {
    var variable: Unmanaged<Variable>?
    let shape: [Int]
}
