import Foundation
import Testing
import DZTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 20 item 23: `graph(y)` of a large graph stays within a small multiple of the text
/// it makes, and `graph(y, FILE)` streams the text into the file. Measured as the peak
/// resident memory of a child dz (wait4's rusage, this child's alone), against the same
/// program without the graph call: a count, not a time.
@Suite struct GraphMemoryTests {
    /// The peak resident memory of `dz script` in bytes, and its exit status.
    func peakMemory(_ script: String) throws -> (bytes: Int, status: Int32) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dz-graph-rss-\(UUID().uuidString).dz")
        try script.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let args = [DZProcess.executable.path, url.path]
        var cargs: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, args[0], &actions, nil, &cargs, environ)
        try #require(spawned == 0)
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        return (usage.ru_maxrss * 1024, (status >> 8) & 0xff)
    }

    /// A chain of 200,000 nodes (40,000 × (mul, add, their outputs and a constant)).
    let build = "x = 1.0\ny = x\nfor i in range(40000) { y = y * x + 1 }\n"

    @Test func aLargeGraphIsStreamedToItsFileAndHeldOnceAsAString() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dz-graph-rss-\(UUID().uuidString).dot")
        defer { try? FileManager.default.removeItem(at: file) }
        let baseline = try peakMemory(build + "print(1)\n")
        let written = try peakMemory(build + "graph(y, \"\(file.path)\")\n")
        let held = try peakMemory(build + "g = graph(y)\nprint(len(g))\n")
        #expect(baseline.status == 0 && written.status == 0 && held.status == 0)
        let text = try Data(contentsOf: file)
        #expect(text.count > 8_000_000)
        #expect(text.starts(with: Data("digraph dz {\n".utf8)) && text.last == UInt8(ascii: "\n"))
        // Writing the file holds the graph's snapshot but never the text: before, the lines,
        // the joined text and its copy cost five times the text.
        #expect(written.bytes - baseline.bytes < 2 * text.count, "peak \(written.bytes) vs baseline \(baseline.bytes), text \(text.count)")
        #expect(held.bytes - baseline.bytes < 4 * text.count, "peak \(held.bytes) vs baseline \(baseline.bytes), text \(text.count)")
    }
}
