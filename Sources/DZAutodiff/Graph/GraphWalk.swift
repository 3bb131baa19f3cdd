// The graph behind a variable as plain data: every variable and function reachable from
// it, each once, numbered in the order a walk from the output meets them. The DOT export,
// the terminal drawing and the tests all read this one structure.

/// The computation graph that produced a variable, flattened into numbered nodes.
///
/// A variable that feeds several functions is one node with several out-edges (a diamond
/// stays a diamond). Constants (number literals, ``Variable/isConstant``) are the
/// exception: one shared instance stands for unrelated literals, so each use of a constant
/// is its own node. The walk uses an explicit work list, so a million-deep chain is fine.
public struct GraphSnapshot {
    /// A variable of the graph.
    public struct VariableNode {
        /// The variable (kept alive by the snapshot).
        public let variable: Variable
        /// Its bound name, if any.
        public var name: String? { variable.name }
        public var shape: [Int] { variable.shape }
        public var isConstant: Bool { variable.isConstant }
        /// The index in ``GraphSnapshot/functions`` of its creator, if it has one.
        public let creator: Int?
    }

    /// A function of the graph.
    public struct FunctionNode {
        public let function: Function
        public var name: String { function.name }
        /// Indices in ``GraphSnapshot/variables`` of the inputs, in order.
        public let inputs: [Int]
        /// Indices of the outputs still alive (a released output has no node).
        public let outputs: [Int]
    }

    public private(set) var variables: [VariableNode] = []
    public private(set) var functions: [FunctionNode] = []
    /// The index of the output the walk started from (always 0).
    public let root = 0

    /// Walks the graph behind `output`.
    public init(_ output: Variable) {
        var variableIndex: [ObjectIdentifier: Int] = [:]
        var functionIndex: [ObjectIdentifier: Int] = [:]
        // Pending functions to expand, with the index their node will get.
        var pending: [Function] = []

        func functionNode(_ f: Function) -> Int {
            if let i = functionIndex[ObjectIdentifier(f)] { return i }
            let i = pending.count
            functionIndex[ObjectIdentifier(f)] = i
            pending.append(f)
            return i
        }
        func variableNode(_ v: Variable, shared: Bool = true) -> Int {
            if shared, !v.isConstant, let i = variableIndex[ObjectIdentifier(v)] { return i }
            let creator = v.creator.map(functionNode)
            let i = variables.count
            variables.append(VariableNode(variable: v, creator: creator))
            if !v.isConstant { variableIndex[ObjectIdentifier(v)] = i }
            return i
        }

        _ = variableNode(output)
        // Expand functions breadth-first, in the order they were numbered.
        var next = 0
        while next < pending.count {
            let f = pending[next]
            next += 1
            let inputs = f.inputs.map { variableNode($0) }
            var outputs: [Int] = []
            for case let y? in f.outputs { outputs.append(variableNode(y)) }
            functions.append(FunctionNode(function: f, inputs: inputs, outputs: outputs))
        }
    }

    /// How many times each op occurs, most frequent first (ties by name).
    public var functionCounts: [(name: String, count: Int)] {
        var counts: [String: Int] = [:]
        for f in functions { counts[f.name, default: 0] += 1 }
        return counts.map { ($0.key, $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
    }
}
