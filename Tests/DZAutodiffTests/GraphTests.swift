import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import DZAutodiff
import DZTensor

/// A tiny reader for the DOT that GraphExport writes: statements `ID [k=v, ...];` and
/// `A -> B;`, with quoted strings. Enough to check the structure, not the layout.
struct DotGraph {
    var nodes: [String: [String: String]] = [:]
    var nodeOrder: [String] = []
    var edges: [(from: String, to: String)] = []

    init(_ text: String) throws {
        var tokens: [String] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if c == "\"" {
                var s = ""
                i += 1
                while i < chars.count, chars[i] != "\"" {
                    if chars[i] == "\\", i + 1 < chars.count {
                        i += 1
                        s.append(chars[i] == "n" ? "\n" : chars[i])
                    } else {
                        s.append(chars[i])
                    }
                    i += 1
                }
                i += 1
                tokens.append("\"" + s)
                continue
            }
            if c == "-", i + 1 < chars.count, chars[i + 1] == ">" { tokens.append("->"); i += 2; continue }
            if "{}[]=,;".contains(c) { tokens.append(String(c)); i += 1; continue }
            var j = i
            while j < chars.count, !chars[j].isWhitespace, !"{}[]=,;\"".contains(chars[j]) { j += 1 }
            tokens.append(String(chars[i..<j])); i = j
        }
        guard tokens.count >= 3, tokens[0] == "digraph", tokens[2] == "{", tokens.last == "}" else {
            throw DotError.malformed("not a digraph")
        }
        var k = 3
        func value(_ t: String) -> String { t.hasPrefix("\"") ? String(t.dropFirst()) : t }
        while k < tokens.count - 1 {
            let id = tokens[k]
            if k + 1 < tokens.count, tokens[k + 1] == "->" {
                edges.append((id, tokens[k + 2]))
                k += 3
            } else if k + 1 < tokens.count, tokens[k + 1] == "[" {
                var attrs: [String: String] = [:]
                k += 2
                while tokens[k] != "]" {
                    guard tokens[k + 1] == "=" else { throw DotError.malformed("attribute without =") }
                    attrs[tokens[k]] = value(tokens[k + 2])
                    k += 3
                    if tokens[k] == "," { k += 1 }
                }
                k += 1
                if id != "node" && id != "edge" {
                    guard nodes[id] == nil else { throw DotError.malformed("node \(id) declared twice") }
                    nodes[id] = attrs
                    nodeOrder.append(id)
                }
            } else {
                throw DotError.malformed("unexpected \(id)")
            }
            guard tokens[k] == ";" else { throw DotError.malformed("missing ; after \(id)") }
            k += 1
        }
    }

    enum DotError: Error { case malformed(String) }

    func shape(_ id: String) -> String? { nodes[id]?["shape"] }
    func label(_ id: String) -> String { nodes[id]?["label"] ?? "" }
    func ids(shape: String) -> [String] { nodeOrder.filter { self.shape($0) == shape } }
    func outEdges(_ id: String) -> [String] { edges.filter { $0.from == id }.map(\.to) }
    func inEdges(_ id: String) -> [String] { edges.filter { $0.to == id }.map(\.from) }
    /// The variable node whose label's first line is `name`.
    func variable(named name: String) -> String? {
        ids(shape: "ellipse").first { label($0).split(separator: "\n").first.map(String.init) == name }
    }
}

/// x → exp → a, x → sin → b, a * b → y: x is shared.
func diamond() throws -> (x: Variable, y: Variable) {
    let x = Variable(try NDArray(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]), name: "x")
    let a = try exp(x); a.name = "a"
    let b = try sin(x); b.name = "b"
    let y = try a * b; y.name = "y"
    return (x, y)
}

@Suite struct GraphExportTests {
    @Test func diamondHasOneSharedNodeWithTwoOutEdges() throws {
        let (_, y) = try diamond()
        let dot = try DotGraph(GraphExport.dot(y))
        #expect(dot.ids(shape: "ellipse").count == 4)
        #expect(dot.ids(shape: "box").count == 3)
        #expect(Set(dot.ids(shape: "box").map(dot.label)) == ["Mul", "Exp", "Sin"])
        let xs = dot.ids(shape: "ellipse").filter { dot.label($0).hasPrefix("x\n") }
        #expect(xs.count == 1)
        let x = try #require(xs.first)
        #expect(dot.label(x) == "x\n(2, 3)")
        #expect(dot.outEdges(x).count == 2)
        #expect(Set(dot.outEdges(x).map(dot.label)) == ["Exp", "Sin"])
        // Edges follow the data: variable → function → variable.
        for e in dot.edges {
            #expect(dot.nodes[e.from] != nil && dot.nodes[e.to] != nil)
            #expect(Set([dot.shape(e.from), dot.shape(e.to)]) == ["ellipse", "box"])
        }
        let yNode = try #require(dot.variable(named: "y"))
        #expect(dot.outEdges(yNode).isEmpty)
        #expect(dot.inEdges(yNode).map(dot.label) == ["Mul"])
        let mul = dot.inEdges(yNode)[0]
        #expect(Set(dot.inEdges(mul).map(dot.label)) == ["a\n(2, 3)", "b\n(2, 3)"])
    }

    @Test func unnamedVariablesShowTheirShapeAndConstantsAreNodesPerUse() throws {
        let x = Variable(try NDArray.ones([3]), name: "x")
        let two = Variable(constant: NDArray(2.0))
        let y = try mul(x, two) + mul(x, two)
        let dot = try DotGraph(GraphExport.dot(y))
        #expect(dot.label(dot.nodeOrder[0]) == "(3,)")
        let constants = dot.ids(shape: "ellipse").filter { dot.label($0).hasPrefix("2.0") }
        #expect(constants.count == 2)
        #expect(constants.allSatisfy { dot.outEdges($0).count == 1 })
        let xNode = try #require(dot.variable(named: "x"))
        #expect(dot.outEdges(xNode).count == 2)
    }

    @Test func verboseAddsValuesAndShapes() throws {
        let x = Variable(try NDArray(shape: [2], scalars: [1, 2]), name: "x")
        let big = Variable(try NDArray(shape: [10], scalars: (0..<10).map(Double.init)), name: "big")
        let y = try sum(x) + sum(big)
        let dot = try DotGraph(GraphExport.dot(y, verbose: true))
        #expect(dot.label(try #require(dot.variable(named: "x"))) == "x\n(2,)\n[1, 2]")
        #expect(dot.label(try #require(dot.variable(named: "big"))) == "big\n(10,)\nmin 0, max 9, mean 4.5")
        #expect(dot.ids(shape: "box").map(dot.label).contains("Sum\n(10,) -> ()"))
    }

    @Test func labelsAreEscaped() throws {
        let x = Variable(NDArray(1.0), name: "a \"quoted\" \\ name")
        let dot = try DotGraph(GraphExport.dot(try exp(x)))
        #expect(dot.variable(named: "a \"quoted\" \\ name") != nil)
    }

    @Test func pngIsAValidImage() throws {
        let (_, y) = try diamond()
        let path = NSTemporaryDirectory() + "dz-graph-\(UUID().uuidString).png"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try GraphExport.write(y, to: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        try #require(bytes.count > 33)
        #expect(Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width > 0 && height > 0)
    }

    @Test func svgParsesAsXMLWithAnSvgRoot() throws {
        let (_, y) = try diamond()
        let path = NSTemporaryDirectory() + "dz-graph-\(UUID().uuidString).svg"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try GraphExport.write(y, to: path)
        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: path))
        #expect(document.rootElement()?.name == "svg")
        // The labels made it into the picture.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(">Mul<") && text.contains(">Exp<") && text.contains(">Sin<"))
    }

    @Test func dotFileIsTheText() throws {
        let (_, y) = try diamond()
        let path = NSTemporaryDirectory() + "dz-graph-\(UUID().uuidString).dot"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try GraphExport.write(y, to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == GraphExport.dot(y))
    }

    @Test func unknownExtensionIsAnError() throws {
        let (_, y) = try diamond()
        #expect(throws: GraphExportError.unsupportedExtension("g.jpg")) { try GraphExport.write(y, to: "g.jpg") }
        #expect(GraphExportError.graphvizMissing.description.contains("Debian package graphviz"))
    }
}

@Suite struct GraphDrawingTests {
    @Test func diamondIsDrawnOnceAndReferenced() throws {
        let (_, y) = try diamond()
        #expect(GraphDrawing.draw(y) == """
            [1] y (2, 3) = Mul
            ├── [2] a (2, 3) = Exp
            │   └── [3] x (2, 3)
            └── [4] b (2, 3) = Sin
                └── ↑ see [3] x

            """)
    }

    @Test func leafAndConstants() throws {
        let x = Variable(try NDArray.ones([3]), name: "x")
        #expect(GraphDrawing.draw(x) == "[1] x (3,)\n")
        let y = try mul(x, Variable(constant: NDArray(2.0)))
        #expect(GraphDrawing.draw(y) == """
            [1] (3,) = Mul
            ├── [2] x (3,)
            └── 2.0 (constant)

            """)
    }

    @Test func deepChainIsBounded() throws {
        let x = Variable(try NDArray.ones([2]), name: "x")
        var y = x
        for i in 0..<10_000 { y = i % 2 == 0 ? try neg(y) : try x + y }
        let lines = GraphDrawing.draw(y).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 201)
        #expect(lines.allSatisfy { $0.count <= 80 })
        // 200 lines: x once, 66 references to it, 133 chain nodes; 10001 variables in all.
        #expect(lines.filter { $0.contains("[2] x (2,)") }.count == 1)
        #expect(lines.filter { $0.hasSuffix("↑ see [2] x") }.count == 66)
        #expect(lines.last == "... 9867 more nodes (10000 functions in all: Add ×5000, Neg ×5000)")
        // Indentation stops growing: deep lines start with an ellipsis.
        #expect(lines[150].hasPrefix("…"))
    }

    @Test func maxLinesIsRespected() throws {
        let (_, y) = try diamond()
        let text = GraphDrawing.draw(y, maxLines: 2)
        #expect(text == """
            [1] y (2, 3) = Mul
            ├── [2] a (2, 3) = Exp
            ... 2 more nodes (3 functions in all: Exp ×1, Mul ×1, Sin ×1)

            """)
    }
}
