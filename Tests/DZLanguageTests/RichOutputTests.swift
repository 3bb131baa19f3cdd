import Testing
@testable import DZLanguage

/// `Interpreter.richOutput`: what a front end that shows pictures (the Jupyter kernel) is
/// handed, and that declining an item prints exactly what the terminal would.
@Suite struct RichOutputTests {
    func run(_ code: String, taking: Bool) -> (items: [String], printed: String) {
        var items: [String] = []
        var printed = ""
        let dz = Interpreter(output: { printed += $0 })
        dz.richOutput = { item in
            switch item {
            case .result(_, let text): items.append("result " + text)
            case .graph(let y, _): items.append("graph \(y.shape)")
            case .chart(let svg, _): items.append(svg.contains("<svg") ? "chart svg" : "chart")
            case .table: items.append("table")
            case .progress(_, _, let done, let total, let finished): items.append("progress \(done)/\(total ?? -1)\(finished ? " end" : "")")
            case .clear: items.append("clear")
            case .text: items.append("text")
            }
            return taking
        }
        _ = dz.run(SourceFile(name: "<t>", text: code))
        return (items, printed)
    }

    func plain(_ code: String) -> String {
        var printed = ""
        _ = Interpreter(output: { printed += $0 }).run(SourceFile(name: "<t>", text: code))
        return printed
    }

    @Test func echoesGraphsChartsAndProgressReachTheSink() {
        let code = "x = ones(2)\nx\nshow_graph(x * 2)\ngraph(x * 2, \"-\")\nplot((1, 2, 3))\nfor i in progress(range(2)) { i }"
        let r = run(code, taking: true)
        #expect(r.items.first == "result [1. 1.]\n")
        #expect(r.items.filter { $0 == "graph [2]" }.count == 2)
        #expect(r.items.contains("chart svg"))
        #expect(r.items.contains("progress 0/2"))
        #expect(r.items.last == "progress 2/2 end")
        #expect(r.printed.isEmpty)
    }

    @Test func aSinkThatDeclinesLeavesTheOutputAsTheTerminalsButForProgress() {
        // Progress reports to a sink as a display, not as the plain tenth lines.
        let code = "x = ones(2)\nx\nshow_graph(x * 2)\nplot((1, 2, 3), title=\"t\")\nprint(3)"
        #expect(run(code, taking: false).printed == plain(code))
        #expect(!plain(code).isEmpty)
    }
}
