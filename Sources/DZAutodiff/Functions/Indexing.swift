// get_item and its adjoint: the gradient of an indexing is a scatter-add, which is itself
// differentiable (its gradient is the indexing again), so higher orders work.

/// `x[index]`.
public final class GetItem: UnaryFunction {
    let index: [IndexItem]
    public init(index: [IndexItem]) { self.index = index }
    public override var gradientRules: [String] { ["gx = scatter_add(zeros(x.shape), \(describeIndex(index)), gy)"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.gathered(index) }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] {
        [try GetItemGrad(index: index, shape: inputs[0].shape)(gys[0])]
    }
}

/// The adjoint of ``GetItem``: zeros of `shape` with `gy` added at `index`.
public final class GetItemGrad: UnaryFunction {
    let index: [IndexItem], shape: [Int]
    public init(index: [IndexItem], shape: [Int]) { self.index = index; self.shape = shape }
    public override var name: String { "ScatterAdd" }
    public override var gradientRules: [String] { ["gx = gy\(describeIndex(index))"] }
    public override func compute(_ x: NDArray) throws -> NDArray { try x.scatterAdded(index, into: shape) }
    public override func backward(_ gys: [Variable]) throws -> [Variable?] { [try getItem(gys[0], index)] }
}

/// An index as the language writes it: `[0, 1:3, ::2]` (an integer array shows its shape).
func describeIndex(_ index: [IndexItem]) -> String {
    let items = index.map { item -> String in
        switch item {
        case .index(let i): return "\(i)"
        case .slice(let start, let stop, let step):
            let s = (start.map(String.init) ?? "") + ":" + (stop.map(String.init) ?? "")
            return step.map { s + ":\($0)" } ?? s
        case .array(let a): return "\(a.dtype == .bool ? "bool mask" : "int array") \(formatShape(a.shape))"
        case .ellipsis: return "..."
        case .newAxis: return "none"
        }
    }
    return "[" + items.joined(separator: ", ") + "]"
}

/// `x[index]`: ints, slices, `...`, `none`, integer arrays and bool masks, as numpy.
public func getItem(_ x: Variable, _ index: [IndexItem]) throws -> Variable { try GetItem(index: index).call(x) }
