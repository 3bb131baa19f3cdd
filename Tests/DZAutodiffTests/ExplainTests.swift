import Testing
@testable import DZAutodiff
import DZTensor

/// The rule lines of `explain` (the indented ones), trimmed.
func ruleLines(_ y: Variable) -> [String] {
    explain(y).split(separator: "\n").filter { $0.hasPrefix("     ") }.map { String($0.drop { $0 == " " }) }
}

func named(_ shape: [Int], _ name: String, start: Double = 0.5) throws -> Variable {
    let n = shape.reduce(1, *)
    return Variable(try NDArray(shape: shape, scalars: (0..<n).map { start + Double($0) / Double(Swift.max(n, 1)) }), name: name)
}

/// A function that records the order in which backward visits it.
final class Tagged: Function, @unchecked Sendable {
    let tag: String
    let log: Log
    final class Log { var visits: [String] = [] }
    init(_ tag: String, _ log: Log) { self.tag = tag; self.log = log }
    override var name: String { tag }
    override var gradientRules: [String] { inputs.indices.map { "gx\($0) = gy" } }
    override func forward(_ xs: [NDArray]) throws -> [NDArray] { [xs.dropFirst().reduce(xs[0]) { try! $0 + $1 }] }
    override func backward(_ gys: [Variable]) throws -> [Variable?] {
        log.visits.append(tag)
        return inputs.map { _ in gys[0] }
    }
}

@Suite struct ExplainTests {
    @Test func aHugeGraphIsSummarizedAfterTheFirstHundredFunctions() throws {
        let x = Variable(1.0, name: "x")
        var y = x
        for _ in 0..<300 { y = try y * x + 1.0 }
        let lines = explain(y).split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("100. ") })
        #expect(!lines.contains { $0.hasPrefix("101. ") })
        #expect(lines.contains("... 500 more functions (Add ×250, Mul ×250)"))
        #expect(lines.count < 400)
    }

    @Test func matmulFollowsTheSeed() throws {
        let x = try named([2, 3], "x"), W = try named([3, 4], "W")
        let y = try matmul(x, W); y.name = "y"
        #expect(explain(y) == """
            backward of y (2, 4): 1 function, newest first; the seed gy is ones (2, 4)
            1. MatMul  x (2, 3), W (3, 4) -> y (2, 4)
                 gx = gy @ W.T   (2, 3) = (2, 4) @ (4, 3)
                 gW = x.T @ gy   (3, 4) = (3, 2) @ (2, 4)
            leaves: x gets gx (2, 3); W gets gW (3, 4)

            """)
    }

    @Test func batchedMatmulSumsTheWeightGradientOverTheBatch() throws {
        let x = try named([5, 2, 3], "x"), W = try named([3, 4], "W")
        #expect(ruleLines(try matmul(x, W)) == [
            "gx = gt1 @ W.T   (5, 2, 3) = (5, 2, 4) @ (4, 3)",
            "gW = sum_to(x.T @ gt1, (3, 4))   (3, 4) <- (5, 3, 2) @ (5, 2, 4)",
        ])
    }

    @Test func arithmeticAndBroadcasting() throws {
        let x = try named([2, 3], "x"), b = try named([3], "b")
        #expect(ruleLines(try x + b) == ["gx = gt1   (2, 3) = (2, 3)", "gb = sum_to(gt1, (3,))   (3,) <- (2, 3)"])
        #expect(ruleLines(try x * b) == ["gx = gt1 * b   (2, 3) = (2, 3) * (3,)", "gb = sum_to(gt1 * x, (3,))   (3,) <- (2, 3) * (2, 3)"])
        #expect(ruleLines(try x - b)[1] == "gb = sum_to(-gt1, (3,))   (3,) <- -(2, 3)")
        #expect(ruleLines(try x / b)[1] == "gb = sum_to(gt1 * (-x / b ** 2), (3,))   (3,) <- (2, 3) * (2, 3)")
        #expect(ruleLines(try pow(x, b))[0] == "gx = b * x ** (b - 1) * gt1   (2, 3) = (3,) * (2, 3) * (2, 3)")
        #expect(ruleLines(try neg(x)) == ["gx = -gt1   (2, 3) = -(2, 3)"])
        #expect(ruleLines(try mod(x, b))[1] == "gb = sum_to(-gt1 * floor(x / b), (3,))   (3,) <- (2, 3) * (2, 3)")
    }

    @Test func constantsGetNoGradient() throws {
        let x = try named([3], "x")
        let y = try mul(x, Variable(constant: NDArray(2.0))); y.name = "y"
        #expect(ruleLines(y) == ["gx = gy * 2.0   (3,) = (3,) * ()", "(2.0 is a constant: no gradient)"])
        #expect(explain(x) == "x (3,) is a leaf: backward(x) only sets x.grad to ones (3,)\n")
    }

    @Test func elementaryFunctions() throws {
        let x = try named([2, 2], "x")
        #expect(ruleLines(try exp(x)) == ["gx = gt1 * t1   (2, 2) = (2, 2) * (2, 2)"])
        #expect(ruleLines(try tanh(x)) == ["gx = gt1 * (1 - t1 ** 2)   (2, 2) = (2, 2) * (2, 2)"])
        #expect(ruleLines(try sin(x)) == ["gx = gt1 * cos(x)   (2, 2) = (2, 2) * (2, 2)"])
        #expect(ruleLines(try log(x)) == ["gx = gt1 / x   (2, 2) = (2, 2) / (2, 2)"])
        #expect(ruleLines(try relu(x)) == ["gx = gt1 * (x > 0)   (2, 2) = (2, 2) * (2, 2)"])
        #expect(ruleLines(try clip(x, NDArray(0.0), NDArray(1.0))) == ["gx = gt1 * (0.0 <= x <= 1.0)   (2, 2) = (2, 2) * (2, 2)"])
        let b = try named([2], "b")
        #expect(ruleLines(try maximum(x, b))[1] == "gb = sum_to(gt1 * (x < b), (2,))   (2,) <- (2, 2) * (2, 2)")
    }

    @Test func reshapingFunctions() throws {
        let x = try named([2, 3], "x")
        #expect(ruleLines(try reshape(x, [3, 2])) == ["gx = reshape(gt1, x.shape)   (2, 3) <- (3, 2)"])
        #expect(ruleLines(try transpose(x)) == ["gx = transpose(gt1)   (2, 3) <- (3, 2)"])
        let z = try named([2, 3, 4], "z")
        #expect(ruleLines(try transpose(z, [1, 2, 0])) == ["gz = transpose(gt1, (2, 0, 1))   (2, 3, 4) <- (3, 4, 2)"])
        #expect(ruleLines(try broadcastTo(x, [4, 2, 3])) == ["gx = sum_to(gt1, x.shape)   (2, 3) <- (4, 2, 3)"])
        #expect(ruleLines(try sumTo(x, [1, 3])) == ["gx = broadcast_to(gt1, x.shape)   (2, 3) <- (1, 3)"])
        let w = try named([2, 2], "w")
        #expect(ruleLines(try concat([x, w], axis: 1)) == [
            "gx = gt1[:, 0:3]   (2, 3) <- gt1 (2, 5)", "gw = gt1[:, 3:5]   (2, 2) <- gt1 (2, 5)"])
    }

    @Test func reductions() throws {
        let x = try named([2, 3], "x")
        #expect(ruleLines(try sum(x)) == ["gx = broadcast_to(gt1, x.shape)   (2, 3) <- ()"])
        #expect(ruleLines(try sum(x, axes: [1])) == ["gx = broadcast_to(reshape(gt1, (2, 1)), x.shape)   (2, 3) <- (2, 1)"])
        #expect(ruleLines(try max(x, axes: [0], keepdims: true)) == [
            "gx = broadcast_to(gt1, x.shape) * (x == max(x, axis, keepdims))   (2, 3) = (2, 3) * (2, 3)"])
        // mean is composed: a Sum, then a division by a constant.
        let m = try mean(x); m.name = "m"
        #expect(ruleLines(m) == ["gt1 = gm / 6.0   () = () / ()", "(6.0 is a constant: no gradient)",
                                 "gx = broadcast_to(gt1, x.shape)   (2, 3) <- ()"])
    }

    @Test func indexing() throws {
        let x = try named([3, 4], "x")
        #expect(ruleLines(try getItem(x, [.index(1), .slice(start: 1, stop: 3, step: nil)])) == [
            "gx = scatter_add(zeros(x.shape), [1, 1:3], gt1)   (3, 4) <- (2,)"])
    }

    @Test func neuralNetworkFunctions() throws {
        let x = try named([2, 3], "x")
        #expect(ruleLines(try softmax(x, axis: 1)) == ["gx = t1 * gt1 - t1 * sum(t1 * gt1, axis=1, keepdims)   (2, 3) = (2, 3) - (2, 3)"])
        #expect(ruleLines(try logSoftmax(x, axis: 1)) == ["gx = gt1 - exp(t1) * sum(gt1, axis=1, keepdims)   (2, 3) = (2, 3) - (2, 3)"])
        let t = try named([2, 3], "t")
        #expect(ruleLines(try meanSquaredError(x, t)) == [
            "gx = gt1 * 2 * (x - t) / 2   (2, 3) = () * () * (2, 3) / ()",
            "gt = -gt1 * 2 * (x - t) / 2   (2, 3) = () * () * (2, 3) / ()"])
        let labels = Variable(try NDArray(shape: [2], scalars: [0, 2]), name: "labels")
        let loss = try softmaxCrossEntropy(x, labels); loss.name = "loss"
        #expect(ruleLines(loss) == ["gx = gloss * (softmax(x) - onehot(labels)) / 2   (2, 3) = () * (2, 3) / ()",
                                    "glabels = none (class labels get no gradient)"])
        #expect(explain(loss).hasSuffix("leaves: x gets gx (2, 3)\n"))
    }

    @Test func diamondNamesIntermediatesAndOrdersByGeneration() throws {
        let (_, y) = try diamond()
        let text = explain(y)
        let headers = text.split(separator: "\n").filter { $0.first?.isNumber == true }
        #expect(headers == ["1. Mul  a (2, 3), b (2, 3) -> y (2, 3)", "2. Sin  x (2, 3) -> b (2, 3)", "3. Exp  x (2, 3) -> a (2, 3)"])
    }

    @Test func orderIsTheEngineOrder() throws {
        // Generations differ along the branches, and ties are broken by scheduling order.
        let log = Tagged.Log()
        let x = try named([2], "x"), w = try named([2], "w")
        let a = try Tagged("A", log)(x)
        let b = try Tagged("B", log)(a)
        let c = try Tagged("C", log)(x, w)
        let d = try Tagged("D", log)(c)
        let e = try Tagged("E", log)(b, d, a)
        let f = try Tagged("F", log)(w)
        let y = try Tagged("Y", log)(e, f, c)
        let explained = explain(y).split(separator: "\n").filter { $0.first?.isNumber == true }
            .map { $0.split(separator: " ")[1] }.map(String.init)
        try y.backward()
        #expect(explained == log.visits)
        #expect(explained.count == 7)
    }

    @Test func everyFunctionDeclaresOneParseableRulePerInput() throws {
        let x = try named([2, 3], "x"), b = try named([3], "b"), W = try named([3, 4], "W")
        let ys: [Variable] = [
            try x + b, try x - b, try x * b, try x / b, try neg(x), try pow(x, b), try mod(x, b),
            try exp(x), try log(x), try sin(x), try cos(x), try tan(x), try tanh(x), try sqrt(x), try abs(x),
            try sigmoid(x), try relu(x), try clip(x, NDArray(0.0), NDArray(1.0)), try maximum(x, b), try minimum(x, b),
            try getItem(x, [.index(0)]), try reshape(x, [6]), try transpose(x), try broadcastTo(b, [2, 3]),
            try sumTo(x, [3]), try concat([x, x]), try sum(x), try max(x), try min(x, axes: [1]),
            try matmul(x, W), try softmax(x), try logSoftmax(x), try meanSquaredError(x, x),
            try softmaxCrossEntropy(x, Variable(try NDArray(shape: [2], scalars: [0, 1]))),
        ]
        var backwardOfIndexing = try getItem(x, [.index(0)])
        let gx = try grad(of: backwardOfIndexing, withRespectTo: [x], createGraph: true)[0]
        backwardOfIndexing = gx
        for y in ys + [backwardOfIndexing] {
            let f = try #require(y.creator)
            let rules = f.gradientRules
            #expect(rules.count == f.inputs.count, "\(f.name)")
            for rule in rules {
                let writer = ExplainWriter(y)
                let parts = try #require(writer.ruleParts(rule), "\(f.name): \(rule)")
                #expect(parts.lhs.hasPrefix("g"), "\(f.name): \(rule)")
                if !parts.rhs.hasPrefix("none") {
                    #expect(RuleParser.parse(parts.rhs) != nil, "\(f.name): \(rule)")
                }
            }
            // Every rule line of explain shows shapes.
            for line in ruleLines(y) where !line.hasPrefix("(") && !line.contains("= none") {
                #expect(line.contains("   ("), "\(f.name): \(line)")
                #expect(!line.contains("?"), "\(f.name): \(line)")
            }
        }
    }
}
