import HeapModule
import Synchronization

// Reverse-mode differentiation: a work list of functions ordered by generation (never
// recursion), gradients accumulated per variable.

/// A function waiting in the backward work list: the highest generation comes out first,
/// and among equals the one added last (as DeZero's stable sort followed by `pop()`), so
/// gradients accumulate in DeZero's order, bit for bit.
private struct PendingFunction: Comparable {
    let generation: Int
    let order: Int
    let function: Function

    static func < (a: Self, b: Self) -> Bool {
        a.generation != b.generation ? a.generation < b.generation : a.order < b.order
    }
    static func == (a: Self, b: Self) -> Bool { a.generation == b.generation && a.order == b.order }
}

/// The functions still to visit in a backward pass, each once, in the engine's order
/// (``explain(_:)`` walks the same list without computing anything).
struct BackwardWorklist {
    private var heap = Heap<PendingFunction>()
    private var order = 0
    /// This pass's number: a function scheduled in it carries the number (no set to hash).
    private let pass = Int32(truncatingIfNeeded: BackwardWorklist.passes.add(1, ordering: .relaxed).newValue)
    private static let passes = Atomic<Int>(0)

    /// Adds `f` unless it was added before.
    mutating func schedule(_ f: Function) {
        if f.scheduledPass != pass {
            f.scheduledPass = pass
            heap.insert(PendingFunction(generation: f.generation, order: order, function: f))
            order += 1
        }
    }

    /// The next function: the highest generation, the last added among equals.
    mutating func next() -> Function? { heap.popMax()?.function }
}

/// Runs the backward pass from `output` seeded with `seed`, returning the gradient of every
/// variable reached, keyed by identity (with the variables kept alive alongside).
/// `keep` says which variables' gradients are wanted at the end; the others are dropped as
/// soon as their creator has used them (DeZero's `y().grad = None`), so the peak memory of a
/// backward pass does not hold a gradient for every intermediate of the graph.
func propagate(from output: Variable, seed: Variable, createGraph: Bool,
               keep: (Variable) -> Bool, visit: (Variable, Variable) -> Void) throws {
    // Gradients live in each variable's `pendingGrad` slot during the pass (no dictionary);
    // `touched` lists the variables that have one, in the order they got it.
    var touched: [Variable] = [output]
    output.pendingGrad = seed
    defer { for v in touched { v.pendingGrad = nil } }
    var worklist = BackwardWorklist()
    if let c = output.creator { worklist.schedule(c) }
    try GradMode.with(enabled: createGraph) {
        while let f = worklist.next() {
            // Between functions: a long pass stops for Ctrl-C, leaving every grad as it was.
            try Interruption.check()
            let gys: [Variable] = try (0..<f.outputCount).map { i in
                if let y = f.output(i), let g = y.pendingGrad { return g }
                return Variable(try NDArray.zeros(f.outputShape(i)))
            }
            let gxs = try f.backward(gys)
            guard gxs.count == f.inputs.count else {
                throw TensorError.invalid(operation: f.name,
                    message: "backward returned \(gxs.count) gradients for \(f.inputs.count) inputs")
            }
            for (input, gx) in zip(f.inputs, gxs) {
                guard let gx, !input.isConstant else { continue }
                let x = input.isStandIn ? (input.original ?? input) : input
                guard gx.shape == x.shape else {
                    throw TensorError.invalid(operation: f.name,
                        message: "backward gave a gradient of shape \(formatShape(gx.shape)) for an input of shape \(formatShape(x.shape))")
                }
                if var existing = x.pendingGrad {
                    x.pendingGrad = nil
                    if !createGraph && existing.creator == nil && isKnownUniquelyReferenced(&existing) {
                        // Nobody else sees this gradient yet: accumulate into it in place.
                        try existing.data.add(gx.data)
                        x.pendingGrad = existing
                    } else {
                        x.pendingGrad = try existing + gx
                    }
                } else {
                    x.pendingGrad = gx
                    touched.append(x)
                }
                if let c = x.creator { worklist.schedule(c) }
            }
            for i in 0..<f.outputCount {
                if let y = f.output(i), !keep(y) { y.pendingGrad = nil }
            }
        }
    }
    for v in touched { if let g = v.pendingGrad { visit(v, g) } }
}

extension Variable {
    /// Computes the gradient of this variable with respect to every variable it depends on
    /// (DeZero's `backward`): the seed is ones of this variable's shape (or its existing
    /// ``grad``); leaves accumulate into ``grad``; intermediate variables keep theirs only
    /// with `retainGrad`. With `createGraph`, the gradients are themselves graphs and can
    /// be differentiated again.
    public func backward(retainGrad: Bool = false, createGraph: Bool = false) throws {
        try runBackward(retainGrad: retainGrad, createGraph: createGraph)
    }

    /// ``backward(retainGrad:createGraph:)``, returning the number of functions walked to
    /// break the cycles of `createGraph` (linear in this pass's graph, whatever the
    /// gradients had accumulated before).
    @discardableResult
    func runBackward(retainGrad: Bool, createGraph: Bool) throws -> Int {
        let seed = try grad ?? Variable(NDArray.ones(shape, dtype: data.dtype))
        let output = self
        var updates: [(variable: Variable, gradient: Variable)] = []
        try propagate(from: self, seed: seed, createGraph: createGraph, keep: { retainGrad || $0.isLeaf }) { v, g in
            // A stand-in whose variable is gone keeps nothing: nobody can see it.
            guard !v.isStandIn, v.isLeaf || retainGrad else { return }
            var g = g
            if v === output {
                // The seed: ones, or the gradient the output already had.
            } else if g === v {
                // A user rule that returned its input as the gradient: the variable must
                // not hold itself.
                g = createGraph ? v.standInForGraphs() : v.detached()
            } else if !createGraph && g.creator != nil {
                // Without create_graph a gradient is data: it must not hold a graph (which
                // may hold the variable).
                g = g.detached()
            }
            updates.append((v, g))
        }
        try GradMode.with(enabled: createGraph) {
            for (v, g) in updates {
                if v === output { v.grad = g; continue }
                v.grad = try v.grad.map { try $0 + g } ?? g
            }
        }
        var walked = 0
        if createGraph {
            // Every variable that keeps a gradient graph (leaves, and intermediates with
            // retainGrad) must not be held by that graph.
            walked = GraphRelease.breakCycles(updates)
        }
        if !retainGrad && !isLeaf { grad = nil }
        return walked
    }
}

/// The gradients of `output` with respect to `inputs` (ones as the seed for a non-scalar
/// output), without reading or changing any variable's ``Variable/grad``. An input that
/// `output` does not depend on gets zeros.
public func grad(of output: Variable, withRespectTo inputs: [Variable], createGraph: Bool = false) throws -> [Variable] {
    let seed = Variable(try NDArray.ones(output.shape, dtype: output.data.dtype))
    var found: [ObjectIdentifier: Variable] = [:]
    let wanted = Set(inputs.map(ObjectIdentifier.init))
    try propagate(from: output, seed: seed, createGraph: createGraph, keep: { wanted.contains(ObjectIdentifier($0)) }) { v, g in
        if wanted.contains(ObjectIdentifier(v)) { found[ObjectIdentifier(v)] = g }
    }
    return try inputs.map { x in try found[ObjectIdentifier(x)] ?? Variable(NDArray.zeros(x.shape)) }
}
