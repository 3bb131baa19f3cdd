import DZTestSupport
import Foundation
import Testing

/// `progress(...)` on a real terminal: every redraw fits the terminal's width (a wider line
/// would wrap and leave a stale copy each time), and reaches the terminal at once.
@Suite(.serialized) struct ProgressTerminalTests {
    func script(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "dz-progress-\(UUID().uuidString).dz"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func everyRedrawFitsANarrowTerminal() throws {
        let path = try script("""
            for i in progress(range(300), "training") { set_progress(i * 1.5, "loss"); s = 0; for j in range(300) { s = s + j } }
            print("done")
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let term = try PseudoTerminal(executable: PseudoTerminal.productPath("dz"), arguments: [path], columns: 40)
        try term.expect("done", timeout: 60)
        #expect(try term.waitForExit() == 0)
        let raw = String(decoding: term.rawOutput, as: UTF8.self)
        // Each redraw is "\r\e[K" + the line; none may reach the last column.
        let lines = raw.components(separatedBy: "\r\u{1B}[K").dropFirst()
            .map { PseudoTerminal.normalize(Array($0.utf8)).components(separatedBy: "\n")[0] }
            .filter { !$0.isEmpty }
        #expect(lines.count >= 2)
        #expect(lines.allSatisfy { $0.count <= 39 }, "\(lines.filter { $0.count > 39 })")
        #expect(lines.last?.hasPrefix("training 100%") == true, "\(lines.last ?? "")")
        #expect(lines.last?.contains("300/300") == true)
    }

    @Test func aResizedTerminalIsFollowed() throws {
        let path = try script("for i in progress(range(3), \"training\") { set_progress(0.25); if i == 0 { for j in range(1000000) { } } }\nprint(\"done\")\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let term = try PseudoTerminal(executable: PseudoTerminal.productPath("dz"), arguments: [path], columns: 100)
        try term.expect("training   0% |", timeout: 10)   // the wide bar, drawn at 100 columns
        term.resize(rows: 24, columns: 30)
        try term.expect("done", timeout: 60)
        #expect(try term.waitForExit() == 0)
        let raw = String(decoding: term.rawOutput, as: UTF8.self)
        let last = raw.components(separatedBy: "\r\u{1B}[K").last.map { PseudoTerminal.normalize(Array($0.utf8)) } ?? ""
        let finalBar = last.components(separatedBy: "\n")[0]
        #expect(finalBar.hasPrefix("training 100%"), "\(finalBar)")
        #expect(finalBar.count <= 29, "\(finalBar)")
    }

    @Test func theFirstDrawAppearsWhileTheLoopRuns() throws {
        // The first step takes a long time: the 0% bar must be on screen meanwhile, not held in
        // a stdio buffer until the end.
        let path = try script("for i in progress(range(2)) { if i == 0 { for j in range(100000000) { } } }\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let term = try PseudoTerminal(executable: PseudoTerminal.productPath("dz"), arguments: [path], columns: 80)
        try term.expect("  0% |", timeout: 5)
        term.signal(SIGINT)
        #expect(try term.waitForExit() == 130)
    }
}
