import DZLanguage

/// The `:vars` table: every global with its kind, shape, and whether it has a gradient.
enum VariableTable {
    static func render(_ globals: [String: Value]) -> String {
        let names = globals.keys.filter { $0 != "args" }.sorted()
        guard !names.isEmpty else { return "no variables yet\n" }
        var rows: [[String]] = [["name", "kind", "shape", "grad"]]
        for name in names {
            let v = globals[name]!
            switch v {
            case .tensor(let t):
                let grad = t.grad.map { "yes " + formatShape($0.shape) } ?? "-"
                rows.append([name, t.isLeaf ? "tensor" : "tensor (computed)", formatShape(t.shape), grad])
            case .tuple(let items): rows.append([name, "tuple", "\(items.count) items", "-"])
            case .function(let f): rows.append([name, "function", f.signature, "-"])
            default: rows.append([name, v.kindName, "-", "-"])
            }
        }
        let widths = (0..<4).map { c in rows.map { $0[c].count }.max()! }
        return rows.map { row in
            row.enumerated().map { i, cell in i == 3 ? cell : cell.padding(widths[i] + 1) }.joined()
        }.joined(separator: "\n") + "\n"
    }
}

/// A compact list of a graph's nodes (what `:graph` shows): each function in the order the
/// backward pass visits them, with its input and output shapes.
enum GraphListing {
    static func render(_ y: Variable) -> String {
        guard y.creator != nil else {
            return "\(y.name ?? "tensor") \(formatShape(y.shape)): a leaf (no graph)\n"
        }
        var lines: [String] = []
        var pending: [Function] = [y.creator!]
        var seen = Set<ObjectIdentifier>()
        var count = 0
        while let f = pending.popLast() {
            guard seen.insert(ObjectIdentifier(f)).inserted else { continue }
            count += 1
            if count <= 200 {
                let inputs = f.inputs.map { "\($0.name ?? "_")\(formatShape($0.shape))" }.joined(separator: ", ")
                let outputs = f.outputShapes.map(formatShape).joined(separator: ", ")
                lines.append("\(f.name)(\(inputs)) -> \(outputs)")
            }
            for x in f.inputs { if let c = x.creator { pending.append(c) } }
        }
        if count > 200 { lines.append("... \(count - 200) more functions (\(count) in all)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
