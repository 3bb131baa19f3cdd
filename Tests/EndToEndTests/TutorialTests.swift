import Foundation
import Testing
import DZTestSupport

/// docs/tutorial.md cannot go stale: its ```dz blocks are run through the real dz.
///
/// In a block, a line starting `dz> ` begins an entry, `...> ` continues it, and the lines
/// up to the next entry are its expected output. All the entries of the tutorial run in
/// order as ONE script on dz's stdin (names persist from block to block, as in a REPL
/// session), with a marker printed after each entry so that the output can be split and
/// compared entry by entry. scripts/update-tutorial rewrites the outputs the same way.
@Suite struct TutorialTests {
    struct Entry {
        let block: Int
        let input: [String]
        var expected: [String] = []
    }

    static let marker = "@@tutorial-entry@@"

    static func entries() throws -> [Entry] {
        let path = DZProcess.repositoryRoot.appendingPathComponent("docs/tutorial.md").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var entries: [Entry] = []
        var inBlock = false, block = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if !inBlock {
                if line == "```dz" { inBlock = true; block += 1 }
                continue
            }
            if line == "```" { inBlock = false; continue }
            if line.hasPrefix("dz> ") {
                entries.append(Entry(block: block, input: [String(line.dropFirst(4))]))
            } else if line.hasPrefix("...> ") || line == "...>" {
                entries[entries.count - 1] = Entry(block: block, input: entries[entries.count - 1].input + [String(line.dropFirst(5))],
                                                   expected: entries[entries.count - 1].expected)
            } else {
                guard !entries.isEmpty, entries[entries.count - 1].block == block else {
                    throw TutorialError.outputBeforeInput(block: block, line: line)
                }
                entries[entries.count - 1].expected.append(line)
            }
        }
        return entries
    }

    enum TutorialError: Error { case outputBeforeInput(block: Int, line: String) }

    @Test func everySnippetPrintsWhatTheTutorialShows() throws {
        let entries = try Self.entries()
        #expect(entries.count >= 30)
        #expect(Set(entries.map(\.block)).count >= 10)
        let script = entries.map { $0.input.joined(separator: "\n") + "\nprint(\"\(Self.marker)\")\n" }.joined()
        let result = try DZProcess.run([], stdin: script, currentDirectory: DZProcess.repositoryRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        var outputs = result.stdout.components(separatedBy: Self.marker + "\n")
        #expect(outputs.removeLast() == "")
        try #require(outputs.count == entries.count, "\(outputs.count) outputs for \(entries.count) entries")
        for (entry, output) in zip(entries, outputs) {
            var actual = output
            if actual.hasSuffix("\n") { actual.removeLast() }
            let expected = entry.expected.joined(separator: "\n")
            #expect(actual == expected, "block \(entry.block), entry `\(entry.input.joined(separator: " / "))`")
        }
    }

    @Test func theTutorialCoversTheIssue() throws {
        let inputs = try Self.entries().flatMap(\.input).joined(separator: "\n")
        for needle in ["explain(", "gradcheck(", "show_graph(", "graph(", "detach(", "class MatMul(Function)", "create_graph=true"] {
            #expect(inputs.contains(needle), "\(needle)")
        }
        let text = try String(contentsOfFile: DZProcess.repositoryRoot.appendingPathComponent("docs/tutorial.md").path, encoding: .utf8)
        #expect(text.contains("](images/matmul-graph.png)"))
    }

    @Test func theRenderedGraphIsCommittedAndValid() throws {
        let url = DZProcess.repositoryRoot.appendingPathComponent("docs/images/matmul-graph.png")
        let bytes = [UInt8](try Data(contentsOf: url))
        try #require(bytes.count > 24)
        #expect(Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
        #expect(bytes[16..<20].reduce(0) { $0 << 8 | Int($1) } > 0)
        #expect(bytes[20..<24].reduce(0) { $0 << 8 | Int($1) } > 0)
    }
}

/// graph() through the real binary: images written by Graphviz, and the error without it.
@Suite struct GraphFileTests {
    @Test func pngAndSvgFromAScript() throws {
        let dir = NSTemporaryDirectory() + "dz-graph-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try DZProcess.run(["-e", "x = ones(2, 3); W = ones(3, 4); y = x @ W; graph(y, \"\(dir)/g.png\"); graph(y, \"\(dir)/g.svg\"); graph(y, \"\(dir)/g.dot\")"])
        #expect(result.status == 0, "\(result.stderr)")
        let png = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/g.png")))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let svg = try String(contentsOfFile: dir + "/g.svg", encoding: .utf8)
        #expect(svg.contains("<svg"))
        #expect(try String(contentsOfFile: dir + "/g.dot", encoding: .utf8).hasPrefix("digraph dz {"))
    }

    @Test func missingGraphvizNamesTheDebianPackage() throws {
        let result = try DZProcess.run(["-e", "x = ones(2); graph(exp(x), \"/tmp/dz-never-written.png\")"],
                                       environment: ["PATH": "/nonexistent"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Graphviz's 'dot' program was not found on PATH"))
        #expect(result.stderr.contains("Debian package graphviz"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/dz-never-written.png"))
    }
}
