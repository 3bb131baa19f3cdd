// explain: the backward pass of a variable, function by function in the order the engine
// runs it, with each input's gradient rule (in the inputs' own names) and the shapes the
// rule combines.

/// The backward pass that `output.backward()` would run, as text, without running it.
///
/// Functions come in the engine's order (``BackwardWorklist``: the highest generation
/// first, among equals the one scheduled last). For each, the op with its input and output
/// shapes, then one line per input: the rule from ``Function/gradientRules`` with the
/// rule's placeholders (`x`, `W`, `x0`, `y`, `gy`...) replaced by the variables' names and
/// the shapes of the operands it combines. When broadcasting stretched an input, its rule
/// ends in `sum_to` and the line shows the shape summed from. Unnamed intermediate
/// variables get the names `t1`, `t2`... in the order they are met.
///
/// ```
/// backward of y (2, 4): 1 function, newest first; the seed gy is ones (2, 4)
/// 1. MatMul  x (2, 3), W (3, 4) -> y (2, 4)
///      gx = gy @ W.T   (2, 3) = (2, 4) @ (4, 3)
///      gW = x.T @ gy   (3, 4) = (3, 2) @ (2, 4)
/// leaves: x gets gx (2, 3); W gets gW (3, 4)
/// ```
public func explain(_ output: Variable) -> String {
    ExplainWriter(output).text
}

struct ExplainWriter {
    /// How many functions are described one by one before the rest is summarized.
    static let maxFunctions = 100

    let output: Variable
    var order: [Function] = []
    var names: [ObjectIdentifier: String] = [:]

    init(_ output: Variable) {
        self.output = output
        // The engine's visiting order, without computing gradients.
        var worklist = BackwardWorklist()
        if let c = output.creator { worklist.schedule(c) }
        while let f = worklist.next() {
            order.append(f)
            for x in f.inputs where !x.isConstant { if let c = x.creator { worklist.schedule(c) } }
        }
        // Names: the bound ones, then t1, t2... for the others, avoiding the bound ones.
        var bound = Set<String>()
        var all: [Variable] = [output]
        for f in order {
            for case let y? in f.outputs { all.append(y) }
            all.append(contentsOf: f.inputs)
        }
        for v in all { if let n = v.name, isIdentifier(n) { bound.insert(n) } }
        var counter = 0
        for v in all where !v.isConstant && names[ObjectIdentifier(v)] == nil {
            if let n = v.name, isIdentifier(n) {
                names[ObjectIdentifier(v)] = n
            } else {
                var candidate: String
                repeat { counter += 1; candidate = "t\(counter)" } while bound.contains(candidate)
                names[ObjectIdentifier(v)] = candidate
            }
        }
    }

    func name(_ v: Variable) -> String {
        if v.isConstant { return v.size == 1 ? v.data.scalarText! : "constant\(formatShape(v.shape))" }
        return names[ObjectIdentifier(v)] ?? "?"
    }

    var text: String {
        let root = name(output)
        guard !order.isEmpty else {
            return "\(root) \(formatShape(output.shape)) is a leaf: backward(\(root)) only sets \(root).grad to ones \(formatShape(output.shape))\n"
        }
        var lines: [String] = []
        let count = order.count == 1 ? "1 function" : "\(order.count) functions"
        lines.append("backward of \(root) \(formatShape(output.shape)): \(count), newest first; the seed g\(root) is ones \(formatShape(output.shape))")
        // A huge graph is summarized: the first functions in full, then counts by op.
        for (k, f) in order.prefix(ExplainWriter.maxFunctions).enumerated() {
            lines.append(contentsOf: describe(f, number: k + 1))
        }
        if order.count > ExplainWriter.maxFunctions {
            var counts: [String: Int] = [:]
            for f in order.dropFirst(ExplainWriter.maxFunctions) { counts[f.name, default: 0] += 1 }
            let summary = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            lines.append("... \(order.count - ExplainWriter.maxFunctions) more functions (\(summary))")
        }
        var leaves: [String] = []
        var seen = Set<ObjectIdentifier>()
        for f in order {
            let rules = f.gradientRules
            for (i, x) in f.inputs.enumerated() where x.isLeaf && !x.isConstant {
                // An input whose rule is `none` (class labels) receives nothing.
                if i < rules.count, let rhs = ruleParts(rules[i])?.rhs, rhs.hasPrefix("none") { continue }
                guard seen.insert(ObjectIdentifier(x)).inserted else { continue }
                leaves.append("\(name(x)) gets g\(name(x)) \(formatShape(x.shape))")
            }
        }
        if !leaves.isEmpty { lines.append("leaves: " + leaves.joined(separator: "; ")) }
        return lines.joined(separator: "\n") + "\n"
    }

    func describe(_ f: Function, number: Int) -> [String] {
        let ins = f.inputs.map { "\(name($0)) \(formatShape($0.shape))" }.joined(separator: ", ")
        let outputs = f.outputs
        let outs = f.outputShapes.indices.map { i in
            (outputs[i].map(name) ?? "(released)") + " " + formatShape(f.outputShapes[i])
        }.joined(separator: ", ")
        var lines = ["\(number). \(f.name)  \(ins) -> \(outs)"]
        if let custom = f.explainedRule(inputNames: f.inputs.map(name),
                                        outputNames: outputs.map { $0.map(name) ?? "(released)" }) {
            return lines + custom.map { "     " + $0 }
        }
        let rules = f.gradientRules
        // Placeholders: input i is called by its rule's left-hand side minus the `g`.
        let placeholders: [String?] = f.inputs.indices.map { i in
            guard i < rules.count, let lhs = ruleParts(rules[i])?.lhs, lhs.hasPrefix("g") else { return nil }
            return String(lhs.dropFirst())
        }
        var substitution: [String: String] = [:]
        var shapes: [String: [Int]] = [:]
        let yName = outputs.first.flatMap { $0 }.map(name) ?? "y"
        let yShape = f.outputShapes.first ?? []
        substitution["y"] = yName
        substitution["gy"] = "g" + yName
        shapes["y"] = yShape
        shapes["gy"] = yShape
        for (i, x) in f.inputs.enumerated() {
            guard let p = placeholders[i] else { continue }
            substitution[p] = name(x)
            substitution["g" + p] = "g" + name(x)
            shapes[p] = x.shape
            shapes["g" + p] = x.shape
        }
        for (i, x) in f.inputs.enumerated() {
            guard i < rules.count, let (lhs, rhs) = ruleParts(rules[i]) else {
                lines.append("     g\(name(x)): no gradient rule is declared for \(f.name)")
                continue
            }
            if x.isConstant {
                lines.append("     (\(name(x)) is a constant: no gradient)")
                continue
            }
            let shownLHS = substitute(lhs, substitution)
            var shownRHS = substitute(rhs, substitution)
            if rhs.hasPrefix("none") {
                lines.append("     \(shownLHS) = \(shownRHS)")
                continue
            }
            let parsed = RuleParser.parse(rhs)
            let evaluation = parsed.map { RuleShapes(shapes: shapes).annotate($0) }
            var note: String
            if let evaluation, let s = evaluation.shape {
                if s != x.shape, broadcastable(x.shape, to: s) {
                    shownRHS = "sum_to(\(shownRHS), \(formatShape(x.shape)))"
                    note = "\(formatShape(x.shape)) <- \(evaluation.operands)"
                } else {
                    note = "\(formatShape(x.shape)) \(evaluation.relation) \(evaluation.operands)"
                }
            } else {
                note = "\(formatShape(x.shape)) <- g\(yName) \(formatShape(yShape))"
            }
            lines.append("     \(shownLHS) = \(shownRHS)   \(note)")
        }
        return lines
    }

    /// `lhs = rhs` split at the first `=` that is not part of `==`, `<=` or `>=`.
    func ruleParts(_ rule: String) -> (lhs: String, rhs: String)? {
        let chars = Array(rule)
        for i in chars.indices where chars[i] == "=" {
            let before = i > 0 ? chars[i - 1] : " ", after = i + 1 < chars.count ? chars[i + 1] : " "
            if "<>=!".contains(before) || after == "=" { continue }
            let lhs = String(chars[..<i]).trimmingSpaces(), rhs = String(chars[(i + 1)...]).trimmingSpaces()
            return lhs.isEmpty || rhs.isEmpty ? nil : (lhs, rhs)
        }
        return nil
    }

    /// `text` with whole identifiers replaced (all at once, so swaps work); a name after
    /// `.` is an attribute (`W.T`, `x.shape`) and stays.
    func substitute(_ text: String, _ map: [String: String]) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isLetter || c == "_" || c.isNumber {
                var j = i
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || (c.isNumber && chars[j] == ".") { j += 1 }
                let word = String(chars[i..<j])
                let isAttribute = i > 0 && chars[i - 1] == "."
                out += (c.isNumber || isAttribute) ? word : (map[word] ?? word)
                i = j
            } else {
                out.append(c)
                i += 1
            }
        }
        return out
    }
}

/// Whether `s` can name a variable in explain: an identifier, or a parameter's path of
/// identifiers (`l1.W`).
func isIdentifier(_ s: String) -> Bool {
    s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
        guard let first = part.first, first.isLetter || first == "_" else { return false }
        return part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}

/// Whether broadcasting `shape` gives `target`.
func broadcastable(_ shape: [Int], to target: [Int]) -> Bool {
    guard shape.count <= target.count else { return false }
    for (a, b) in zip(shape.reversed(), target.reversed()) where a != b && a != 1 { return false }
    return true
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

// MARK: - Rule expressions

/// A gradient rule's right-hand side, parsed just enough to follow shapes.
indirect enum RuleExpr {
    case name(String)
    case number(Double)
    case tuple([RuleExpr])
    case call(String, [RuleExpr], keywords: [String: RuleExpr])
    case unary(String, RuleExpr)
    case binary(String, RuleExpr, RuleExpr)
    case attribute(RuleExpr, String)
    case subscripted(RuleExpr)
}

/// Recursive descent over rule text: comparisons, `+ -`, `* / @`, unary `-`, `**`,
/// postfix `.attr` and `[...]`, calls, tuples. Anything else gives nil.
struct RuleParser {
    var tokens: [String]
    var position = 0

    static func parse(_ text: String) -> RuleExpr? {
        var p = RuleParser(tokens: tokenize(text))
        guard let e = p.comparison(), p.position == p.tokens.count else { return nil }
        return e
    }

    static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " { i += 1; continue }
            if c.isLetter || c == "_" {
                var j = i
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
                tokens.append(String(chars[i..<j])); i = j; continue
            }
            if c.isNumber {
                var j = i
                while j < chars.count, chars[j].isNumber || chars[j] == "." { j += 1 }
                tokens.append(String(chars[i..<j])); i = j; continue
            }
            if i + 1 < chars.count, ["**", "<=", ">=", "==", "!="].contains(String(chars[i...i + 1])) {
                tokens.append(String(chars[i...i + 1])); i += 2; continue
            }
            tokens.append(String(c)); i += 1
        }
        return tokens
    }

    var peek: String? { position < tokens.count ? tokens[position] : nil }
    mutating func take() -> String? { defer { position += 1 }; return peek }
    mutating func accept(_ t: String) -> Bool {
        if peek == t { position += 1; return true }
        return false
    }

    mutating func comparison() -> RuleExpr? {
        guard var e = additive() else { return nil }
        while let op = peek, ["<", ">", "<=", ">=", "==", "!="].contains(op) {
            position += 1
            guard let r = additive() else { return nil }
            e = .binary(op, e, r)
        }
        return e
    }
    mutating func additive() -> RuleExpr? {
        guard var e = multiplicative() else { return nil }
        while let op = peek, op == "+" || op == "-" {
            position += 1
            guard let r = multiplicative() else { return nil }
            e = .binary(op, e, r)
        }
        return e
    }
    mutating func multiplicative() -> RuleExpr? {
        guard var e = unary() else { return nil }
        while let op = peek, op == "*" || op == "/" || op == "@" {
            position += 1
            guard let r = unary() else { return nil }
            e = .binary(op, e, r)
        }
        return e
    }
    mutating func unary() -> RuleExpr? {
        if accept("-") { return unary().map { .unary("-", $0) } }
        return power()
    }
    mutating func power() -> RuleExpr? {
        guard let base = postfix() else { return nil }
        if accept("**") { return unary().map { .binary("**", base, $0) } }
        return base
    }
    mutating func postfix() -> RuleExpr? {
        guard var e = primary() else { return nil }
        while true {
            if accept(".") {
                guard let attr = take() else { return nil }
                e = .attribute(e, attr)
            } else if accept("[") {
                var depth = 1
                while depth > 0 {
                    guard let t = take() else { return nil }
                    if t == "[" { depth += 1 } else if t == "]" { depth -= 1 }
                }
                e = .subscripted(e)
            } else {
                return e
            }
        }
    }
    mutating func primary() -> RuleExpr? {
        guard let t = take() else { return nil }
        if t.first?.isNumber == true { return .number(Double(t) ?? 0) }
        if t == "[" {
            // An index list such as [1, 1:3]: skipped, its shape is not followed.
            var depth = 1
            while depth > 0 {
                guard let u = take() else { return nil }
                if u == "[" { depth += 1 } else if u == "]" { depth -= 1 }
            }
            return .subscripted(.number(0))
        }
        if t == "(" {
            if accept(")") { return .tuple([]) }
            var items: [RuleExpr] = []
            var trailingComma = false
            repeat {
                trailingComma = false
                if peek == ")" { trailingComma = true; break }
                guard let e = comparison() else { return nil }
                items.append(e)
            } while accept(",")
            guard accept(")") else { return nil }
            return items.count == 1 && !trailingComma && !tokens[position - 2].hasSuffix(",") ? items[0] : .tuple(items)
        }
        guard t.first?.isLetter == true || t.first == "_" else { return nil }
        guard accept("(") else { return .name(t) }
        var args: [RuleExpr] = []
        var keywords: [String: RuleExpr] = [:]
        if accept(")") { return .call(t, args, keywords: keywords) }
        repeat {
            if position + 1 < tokens.count, tokens[position + 1] == "=", let k = peek, k.first?.isLetter == true {
                position += 2
                guard let e = comparison() else { return nil }
                keywords[k] = e
            } else if let k = peek, k.first?.isLetter == true, position + 1 < tokens.count,
                      tokens[position + 1] == "," || tokens[position + 1] == ")", ["keepdims"].contains(k) {
                position += 1
            } else {
                guard let e = comparison() else { return nil }
                args.append(e)
            }
        } while accept(",")
        guard accept(")") else { return nil }
        return .call(t, args, keywords: keywords)
    }
}

/// Shapes through a rule: the shape of each operand and of the result.
struct RuleShapes {
    /// The shapes of the rule's placeholders (`x`, `gy`, ...); other names are scalars.
    let shapes: [String: [Int]]

    enum Value { case array([Int]), shape([Int]), unknown }

    struct Annotation {
        /// The shape of the whole right-hand side, when it could be followed.
        let shape: [Int]?
        /// `=` for an expression, `<-` for a rearrangement (`sum_to`, `broadcast_to`...).
        let relation: String
        /// The operands' shapes joined by their operators, e.g. `(2, 4) @ (4, 3)`.
        let operands: String
    }

    func annotate(_ e: RuleExpr) -> Annotation {
        let result = value(e)
        let shape: [Int]? = if case .array(let s) = result { s } else { nil }
        switch e {
        case .binary(let op, _, _) where ["*", "/", "@", "+", "-"].contains(op):
            let (terms, ops) = chain(e, level: ["*", "/", "@"].contains(op) ? ["*", "/", "@"] : ["+", "-"])
            var text = show(terms[0])
            for (o, t) in zip(ops, terms.dropFirst()) { text += " \(o) " + show(t) }
            return Annotation(shape: shape, relation: "=", operands: text)
        case .call(let f, let args, _) where ["sum_to", "broadcast_to", "reshape", "transpose", "sum"].contains(f) && !args.isEmpty:
            return Annotation(shape: shape, relation: "<-", operands: show(args[0]))
        case .call("scatter_add", let args, _) where args.count == 3:
            return Annotation(shape: shape, relation: "<-", operands: show(args[2]))
        case .unary(let op, let inner):
            return Annotation(shape: shape, relation: "=", operands: op + show(inner))
        default:
            return Annotation(shape: shape, relation: "=", operands: show(e))
        }
    }

    /// The terms of a left-associated chain of operators of one precedence level.
    func chain(_ e: RuleExpr, level: Set<String>) -> ([RuleExpr], [String]) {
        if case .binary(let op, let l, let r) = e, level.contains(op) {
            let (terms, ops) = chain(l, level: level)
            return (terms + [r], ops + [op])
        }
        return ([e], [])
    }

    func show(_ e: RuleExpr) -> String {
        switch value(e) {
        case .array(let s), .shape(let s): formatShape(s)
        case .unknown: "?"
        }
    }

    func value(_ e: RuleExpr) -> Value {
        switch e {
        case .number: return .array([])
        case .name(let n): return .array(shapes[n] ?? [])
        case .tuple(let items):
            // A literal shape or axes, such as (1, 0).
            var numbers: [Int] = []
            for item in items {
                guard case .number(let x) = item, let n = Int(exactly: x) else { return .unknown }
                numbers.append(n)
            }
            return .shape(numbers)
        case .attribute(let base, let attr):
            guard case .array(let s) = value(base) else { return .unknown }
            switch attr {
            case "shape": return .shape(s)
            case "T": return .array(s.count < 2 ? s : Array(s.dropLast(2)) + [s[s.count - 1], s[s.count - 2]])
            default: return .unknown
            }
        case .subscripted: return .unknown
        case .unary(_, let inner): return value(inner)
        case .binary(let op, let l, let r):
            let a = value(l), b = value(r)
            if op == "@" {
                guard case .array(let x) = a, case .array(let y) = b else { return .unknown }
                return matmulShape(x, y).map(Value.array) ?? .unknown
            }
            switch (a, b) {
            case (.array(let x), .array(let y)): return broadcastShapes(x, y).map(Value.array) ?? .unknown
            case (.array(let x), .unknown), (.unknown, .array(let x)): return .array(x)
            default: return .unknown
            }
        case .call(let f, let args, let keywords):
            switch f {
            case "sum_to", "broadcast_to", "reshape":
                guard args.count == 2, case .shape(let s) = value(args[1]) else { return .unknown }
                return .array(s)
            case "zeros", "ones":
                guard args.count == 1, case .shape(let s) = value(args[0]) else { return .unknown }
                return .array(s)
            case "sum":
                guard let first = args.first, case .array(let s) = value(first) else { return .unknown }
                // sum(a, axis=k) keeps the reduced axis, as the rules use it.
                guard let axisExpr = keywords["axis"] else { return .array([]) }
                guard case .number(let x) = axisExpr, let k = Int(exactly: x) else { return .unknown }
                let axis = k < 0 ? k + s.count : k
                guard s.indices.contains(axis) else { return .unknown }
                var kept = s
                kept[axis] = 1
                return .array(kept)
            case "transpose":
                guard let first = args.first, case .array(let s) = value(first) else { return .unknown }
                if args.count == 2, case .shape(let axes) = value(args[1]), axes.sorted() == Array(s.indices) {
                    return .array(axes.map { s[$0] })
                }
                return .array(s.reversed())
            case "onehot": return .unknown
            default:
                guard let first = args.first else { return .unknown }
                return value(first)
            }
        }
    }
}

/// numpy's broadcast of two shapes, or nil.
func broadcastShapes(_ a: [Int], _ b: [Int]) -> [Int]? {
    let n = Swift.max(a.count, b.count)
    let pa = [Int](repeating: 1, count: n - a.count) + a, pb = [Int](repeating: 1, count: n - b.count) + b
    var out: [Int] = []
    for (x, y) in zip(pa, pb) {
        if x == y || y == 1 { out.append(x) } else if x == 1 { out.append(y) } else { return nil }
    }
    return out
}

/// The shape of `a @ b` (numpy's matmul; two different 1-d shapes give their outer
/// product, as the rule `x.T @ gy` reads for vectors).
func matmulShape(_ a: [Int], _ b: [Int]) -> [Int]? {
    switch (a.count, b.count) {
    case (0, _), (_, 0): return nil
    case (1, 1): return a == b ? [] : [a[0], b[0]]
    case (1, _):
        guard a[0] == b[b.count - 2] else { return nil }
        return Array(b.dropLast(2)) + [b[b.count - 1]]
    case (_, 1):
        guard a[a.count - 1] == b[0] else { return nil }
        return Array(a.dropLast())
    default:
        guard a[a.count - 1] == b[b.count - 2],
              let batch = broadcastShapes(Array(a.dropLast(2)), Array(b.dropLast(2))) else { return nil }
        return batch + [a[a.count - 2], b[b.count - 1]]
    }
}
