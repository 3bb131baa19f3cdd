import Testing
@testable import DZKernel

/// What a sink received, in order.
final class RecordingSink: CellOutputSink {
    enum Event: Equatable {
        case stream(String, String)
        case display(JSON, displayID: String?, update: Bool)
        case clear
    }
    var events: [Event] = []
    func stream(_ name: String, _ text: String) { events.append(.stream(name, text)) }
    func display(_ data: JSON, metadata: JSON, displayID: String?, update: Bool) {
        events.append(.display(data, displayID: displayID, update: update))
    }
    func clear(wait: Bool) { events.append(.clear) }

    var stdout: String { events.map { if case .stream("stdout", let t) = $0 { t } else { "" } }.joined() }
    var displays: [(data: JSON, id: String?, update: Bool)] {
        events.compactMap { if case .display(let d, let id, let u) = $0 { (d, id, u) } else { nil } }
    }
}

/// The dz side of the kernel without sockets: cells, rich output, completion, history.
@Suite struct SessionTests {
    func run(_ code: String, in session: DZSession = DZSession()) -> (DZSession.Outcome, RecordingSink) {
        let sink = RecordingSink()
        return (session.execute(code, store: true, sink: sink), sink)
    }

    func result(_ outcome: DZSession.Outcome) -> String? {
        if case .ok(let r, _) = outcome { r?["text/plain"]?.string } else { nil }
    }

    @Test func theLastEchoIsTheResultAndEarlierOnesStayInPlace() {
        let (outcome, sink) = run("1\nprint(\"a\")\nx = ones(2)\nx * 2")
        #expect(sink.stdout == "1\na\n")
        #expect(result(outcome) == "[2. 2.]")
    }

    @Test func errorsCarryTheRenderedDiagnostic() {
        let (outcome, sink) = run("y = nope + 1")
        guard case .error(let ename, let evalue, let traceback) = outcome else { Issue.record("no error"); return }
        #expect(ename == "runtime.undefined-name" || ename.hasPrefix("runtime."))
        #expect(evalue.contains("nope"))
        #expect(traceback.joined(separator: "\n").contains("<cell 1>:1:5"))
        #expect(sink.events.isEmpty)
    }

    @Test func graphsChartsAndTablesAreDisplays() throws {
        let session = DZSession()
        let (_, graph) = run("x = ones(3); show_graph(exp(x) + x)", in: session)
        let svg = try #require(graph.displays.first?.data["image/svg+xml"]?.string)
        #expect(svg.contains("<svg"))
        #expect(graph.displays.first?.data["text/plain"]?.string?.contains("= Exp") == true)
        let (_, chart) = run("plot(arange(0, 1, 0.1), title=\"t\")", in: session)
        #expect(chart.displays.first?.data["image/svg+xml"]?.string?.contains("<svg") == true)
        let (_, vars) = run(":vars", in: session)
        let html = try #require(vars.displays.first?.data["text/html"]?.string)
        #expect(html.contains("<td><code>x</code></td>"))
        #expect(vars.displays.first?.data["text/plain"]?.string?.hasPrefix("name") == true)
        let (outcome, _) = run("graph(x * 2)", in: session)
        guard case .ok(let r?, _) = outcome else { Issue.record("no result"); return }
        #expect(r["image/svg+xml"]?.string?.contains("<svg") == true)
        #expect(r["text/plain"]?.string?.hasPrefix("digraph") == true)
    }

    @Test func progressIsOneDisplayUpdatedInPlace() {
        let (_, sink) = run("for i in progress(range(3)) { i }")
        let displays = sink.displays
        #expect(displays.count >= 2)
        #expect(displays.first?.update == false)
        #expect(displays.dropFirst().allSatisfy { $0.update && $0.id == displays[0].id })
        #expect(displays.last?.data["text/plain"]?.string?.contains("3/3") == true)
    }

    @Test func clearDropsTheHeldEchoAndSendsClearOutput() {
        let (outcome, sink) = run("print(1)\n2\n:clear")
        #expect(sink.events.last == .clear)
        #expect(result(outcome) == nil)
    }

    @Test func textBeyondTheLimitIsDroppedWithOneNote() {
        let (_, sink) = run("s = \"0123456789\"\nfor i in range(16) { s = s + s }\nfor i in range(3) { print(s) }")
        #expect(sink.stdout.utf8.count == CellOutput.streamLimit)
        let notes = sink.events.filter { if case .stream("stderr", _) = $0 { true } else { false } }
        #expect(notes == [.stream("stderr", "[output truncated: \(3 * 655_361 - CellOutput.streamLimit) bytes of text not shown; a cell shows at most 1 MB of text and 200 pictures]\n")])
    }

    @Test func helpAloneIsPaged() {
        let (outcome, sink) = run(":help exp")
        guard case .ok(_, let payload) = outcome else { Issue.record("not ok"); return }
        #expect(payload.first?["source"]?.string == "page")
        #expect(payload.first?["data"]?["text/plain"]?.string?.hasPrefix("exp(x)") == true)
        #expect(sink.events.isEmpty)
    }

    @Test func completionUsesCodePoints() {
        let session = DZSession()
        let code = "s = \"é 𝐚\"\nexpa"
        let count = code.unicodeScalars.count
        let c = session.complete(code, cursor: count)
        #expect(c.matches == ["expand_dims"])
        #expect(c.start == count - 4 && c.end == count)
        _ = run("model_size = 3", in: session)
        #expect(session.complete("mode", cursor: 4).matches.contains("model_size"))
    }

    @Test func isCompleteFollowsTheREPL() {
        let session = DZSession()
        #expect(session.isComplete("def f(x) {").status == "incomplete")
        #expect(session.isComplete("def f(x) {").indent == "    ")
        #expect(session.isComplete("x = 1").status == "complete")
        #expect(session.isComplete("x = 1 +").status == "invalid")
        #expect(session.isComplete(":nope").status == "invalid")
    }

    @Test func inspectShowsHelpAndValues() {
        let session = DZSession()
        #expect(session.inspect("exp(", cursor: 4)?.hasPrefix("exp(x)") == true)
        _ = run("w = ones(2)", in: session)
        #expect(session.inspect("w", cursor: 1)?.hasPrefix("w: tensor") == true)
        #expect(session.inspect("zzz_nothing", cursor: 3) == nil)
    }

    @Test func historyTailRangeAndSearch() {
        let session = DZSession()
        for code in ["a = 1", "b = 2", "a = 1", "c = 3"] { _ = run(code, in: session) }
        func inputs(_ reply: JSON) -> [String] { reply["history"]?.array?.compactMap { $0.array?[2].string } ?? [] }
        #expect(inputs(session.historyReply(.object([("hist_access_type", .string("tail")), ("n", .int(2))]))) == ["a = 1", "c = 3"])
        #expect(inputs(session.historyReply(.object([("hist_access_type", .string("range")), ("start", .int(2)), ("stop", .int(4))]))) == ["b = 2", "a = 1"])
        #expect(inputs(session.historyReply(.object([("hist_access_type", .string("search")), ("pattern", .string("a*"))]))) == ["a = 1", "a = 1"])
        #expect(inputs(session.historyReply(.object([("hist_access_type", .string("search")), ("pattern", .string("a*")), ("unique", .bool(true))]))) == ["a = 1"])
    }
}

@Suite struct UserExpressionTests {
    @Test func expressionsAreEvaluatedAfterTheCell() {
        let session = DZSession()
        _ = session.execute("w = ones(2) * 3", store: true, sink: RecordingSink())
        let r = session.userExpressions(.object([("a", .string("w.shape")), ("b", .string("nope"))]))
        #expect(r["a"]?["status"]?.string == "ok")
        #expect(r["a"]?["data"]?["text/plain"]?.string == "(2,)")
        #expect(r["b"]?["status"]?.string == "error")
        #expect(r["b"]?["evalue"]?.string?.contains("nope") == true)
    }
}

@Suite struct LargeGraphTests {
    @Test func aGraphTooLargeForAPictureStaysText() {
        let session = DZSession()
        let sink = RecordingSink()
        _ = session.execute("x = ones(1)\ny = x\nfor i in range(1200) { y = y * 1.0 }\nshow_graph(y, max_lines=5)", store: true, sink: sink)
        #expect(sink.displays.isEmpty)
        #expect(sink.stdout.contains("= Mul"))
    }
}
