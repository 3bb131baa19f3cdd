// Functions of one or two arrays with one result: the shape of almost every operation.
// Their `call` records them without building arrays of inputs, arrays and outputs, which
// is most of the cost of a graph node on small tensors.

/// A one-input, one-output function; `compute` is its forward.
open class UnaryFunction: Function {
    /// The forward pass on the input's data.
    open func compute(_ x: NDArray) throws -> NDArray {
        throw TensorError.invalid(operation: name, message: "forward is not implemented")
    }

    public final override func forward(_ xs: [NDArray]) throws -> [NDArray] { [try compute(xs[0])] }

    /// Applies the function to `x`, recording it when gradients are on.
    public final func call(_ x: Variable) throws -> Variable {
        let output = Variable(try compute(x.data))
        if GradMode.isEnabled { record(output, generation: x.generation, inputs: FunctionInputs(x)) }
        return output
    }
}

/// A two-input, one-output function; `compute` is its forward.
open class BinaryFunction: Function {
    /// The forward pass on the inputs' data.
    open func compute(_ x0: NDArray, _ x1: NDArray) throws -> NDArray {
        throw TensorError.invalid(operation: name, message: "forward is not implemented")
    }

    public final override func forward(_ xs: [NDArray]) throws -> [NDArray] { [try compute(xs[0], xs[1])] }

    /// The operation `compute` is on two 0-d operands, when it is one of
    /// ``NDArray/scalarResult(_:_:_:)``'s (whose result `compute` then gives too).
    open var scalarOperation: ScalarOperation? { nil }

    /// Applies the function to `x0` and `x1`, recording it when gradients are on. (Two 0-d
    /// operands of a ``scalarOperation`` compute through ``NDArray/scalarResult(_:_:_:)``,
    /// which gives `compute`'s array without its broadcasting and loop machinery.)
    public final func call(_ x0: Variable, _ x1: Variable) throws -> Variable {
        let output: Variable
        // Each field read on its own: a copy of `data` would retain its three references.
        if let op = scalarOperation, x0.data.shape.isEmpty, x1.data.shape.isEmpty,
           case let (t0, t1) = (x0.data.dtype, x1.data.dtype), t0 != .float32, t1 != .float32,
           let z = NDArray.scalarResult(op, ScalarSlot(slot: x0.data.offsetSlot, dtype: t0),
                                        ScalarSlot(slot: x1.data.offsetSlot, dtype: t1)) {
            output = Variable(z.array)
        } else {
            output = Variable(try compute(x0.data, x1.data))
        }
        if GradMode.isEnabled {
            record(output, generation: Swift.max(x0.generation, x1.generation), inputs: FunctionInputs(x0, x1))
        }
        return output
    }
}
