import Foundation
import Testing
import DZTestSupport

/// Issue 20: resource limits, pathological sharing and very long definitions, through the
/// real binary. Nothing here asserts on time: a quadratic or exponential path would run
/// into the child's timeout (60 s), where the fixed one takes well under a second.
@Suite struct HostileInputTests {
    /// Runs `dz -e code` under `ulimit -v kilobytes` (RLIMIT_AS) in a child shell.
    func runLimited(_ code: String, kilobytes: Int = 1_000_000) throws -> (stdout: String, stderr: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v \(kilobytes) && exec \"$0\" -e \"$1\"", DZProcess.executable.path, code]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self), process.terminationStatus)
    }

    func firstLine(_ text: String) -> String { String(text.split(separator: "\n").first ?? "") }

    @Test(arguments: [
        ("x = zeros(300000000)", "<-e>:1:5: error: zeros: an array of shape (300000000,) does not fit in this machine's memory"),
        ("x = randn(300000000)", "<-e>:1:5: error: randn: an array of shape (300000000,) does not fit in this machine's memory"),
        ("l = Linear(300000000)", "<-e>:1:5: error: Linear: an array of shape (300000000,) does not fit in this machine's memory"),
        ("x = ones(1000); for i in range(40) { x = [x, x] }",
         // (how many doublings fit depends on the address space the process starts with)
         "<-e>:1:42: error: array: an array of shape (2, 2, 2, 2, 2, 2, 2, 2, 2, 2, * 1000) does not fit in this machine's memory"),
        ("a = zeros(50000000); b = zeros(50000000); c = zeros(50000000); d = zeros(50000000)",
         "<-e>:1:47: error: zeros: an array of shape (50000000,) does not fit in this machine's memory"),
    ])
    func allocationsBeyondAnAddressSpaceLimitAreErrors(code: String, error: String) throws {
        let r = try runLimited(code)
        #expect(r.status == 1, "\(r.stderr.prefix(300))")
        let line = firstLine(r.stderr), parts = error.split(separator: "*", maxSplits: 1).map(String.init)
        #expect(parts.count == 1 ? line == error : line.hasPrefix(parts[0]) && line.hasSuffix(parts[1]), "\(line)")
    }

    /// Indexing plans its offsets (one per element along each axis) before the result: they
    /// are asked for too. (Under 1.5 GB, the program's 1 GB stack fits, so little is left.)
    @Test func indexOffsetsBeyondTheLimitAreAnError() throws {
        let r = try runLimited("x = ones(1, 40000000); y = x[zeros(10, dtype=int64)]", kilobytes: 1_500_000)
        #expect(r.status == 1, "\(r.stderr.prefix(300))")
        let line = firstLine(r.stderr)
        #expect(line.hasPrefix("<-e>:1:28: error: index: an array of shape (") && line.hasSuffix(") does not fit in this machine's memory"), "\(line)")
    }

    @Test func arraysFreedUnderALimitCanBeMadeAgain() throws {
        // Each array is 400 MB under a 1 GB address space: they fit one at a time.
        let r = try runLimited("for i in range(5) { x = zeros(50000000) }\nprint(size(x))")
        #expect(r.status == 0, "\(r.stderr.prefix(300))")
        #expect(r.stdout == "50000000\n")
    }

    @Test func aTupleSharingItselfEchoesBoundedAndComparesLinearly() throws {
        let program = """
            t = (1, 2)
            u = (1, 2)
            for i in range(40) { t = (t, t); u = (u, u) }
            t == t
            t == u
            t != u
            (t, 3) == (u, 4)
            t
            print(t)
            """
        let r = try DZProcess.run(["-e", program], timeout: 60)
        #expect(r.status == 0, "\(r.stderr.prefix(300))")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 7)
        #expect(Array(lines.prefix(4)) == ["True", "True", "False", "False"])
        // Echo and print stop after 1 MiB of text with "...".
        for line in lines[4...5] {
            #expect(line.utf8.count == (1 << 20) + 3)
            #expect(line.hasPrefix(String(repeating: "(", count: 41) + "1, 2), (1, 2))"))
            #expect(line.hasSuffix("..."))
        }
    }

    @Test func aDeepTupleEchoesWithItsDepthCut() throws {
        let r = try DZProcess.run(["-e", "t = 5\nfor i in range(100000) { t = (t,) }\nt"], timeout: 60)
        #expect(r.status == 0, "\(r.stderr.prefix(300))")
        #expect(r.stdout == String(repeating: "(", count: 100) + "(...)" + String(repeating: ",)", count: 100) + "\n")
    }

    /// Writes `text` to a temporary script and runs it.
    func runScript(_ text: String) throws -> DZProcess.Result {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dz-hostile-\(UUID().uuidString).dz")
        try text.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try DZProcess.run([url.path], timeout: 60)
    }

    @Test func aDefWithSixtyThousandParametersIsLinear() throws {
        let names = (0..<60_000).map { "p\($0)" }
        let r = try runScript("def f(\(names.joined(separator: ", "))) = p59999 - p0\n"
                              + "print(f(\((0..<60_000).map(String.init).joined(separator: ", "))))\n")
        #expect(r.status == 0, "\(r.stderr.prefix(300))")
        #expect(r.stdout == "59999\n")
    }

    @Test func aCallWithTwentyThousandKeywordsIsLinear() throws {
        let params = (0..<20_000).map { "p\($0)=0" }.joined(separator: ", ")
        let keywords = (0..<20_000).reversed().map { "p\($0)=\($0)" }.joined(separator: ", ")
        let r = try runScript("def f(\(params)) = p19999 - p1\nprint(f(\(keywords)))\n")
        #expect(r.status == 0, "\(r.stderr.prefix(300))")
        #expect(r.stdout == "19998\n")
    }

    @Test func duplicatesAmongManyParametersAndKeywordsAreStillFound() throws {
        let names = (0..<20_000).map { "p\($0)" } + ["p7"]
        let def = try runScript("def f(\(names.joined(separator: ", "))) = 0\n")
        #expect(def.status == 1)
        #expect(def.stderr.contains("error: duplicate parameter 'p7' in function 'f'"))
        let keywords = (0..<20_000).map { "p\($0)=1" } + ["p7=2"]
        let call = try runScript("def f(p0) = 0\nf(\(keywords.joined(separator: ", ")))\n")
        #expect(call.status == 1)
        #expect(call.stderr.contains("error: keyword argument 'p7' repeated"))
    }
}
