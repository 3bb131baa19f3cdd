#if canImport(Glibc)
import Glibc
#endif
import DZTestSupport
import Foundation
import Testing

/// Ctrl-C (SIGINT) and SIGQUIT sent to the real `dz` outside the REPL: a long builtin, a
/// straight-line program, blocking reads (a FIFO, a stalled stdin, `cmd | dz`), a hung
/// Graphviz `dot`. Each stops with `interrupted` and exit status 130, never a lost
/// interrupt, a hang, or an `Interrupted system call` error.
@Suite(.serialized) struct InterruptTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "dz-interrupt-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    func fifo(_ name: String) throws -> String {
        let path = directory + "/" + name
        #expect(mkfifo(path, 0o600) == 0, "mkfifo \(path)")
        return path
    }

    /// What a program writes to tell the test it got where it is interrupted (stdout would be
    /// block-buffered on a pipe).
    static let ready = "save(\"ready.npy\", zeros(1))"

    /// Starts `dz arguments` in the test's directory, waits for the file `ready.npy` there (or
    /// with `marker: false` for dz's SIGINT handler), sends SIGINT a moment later, and returns
    /// how it ended.
    func interrupt(_ arguments: [String], marker: Bool = true, environment: [String: String] = [:]) throws -> DZChild.Ending {
        let dz = try DZChild(arguments, environment: environment, currentDirectory: URL(fileURLWithPath: directory))
        if marker { try dz.waitForFile(directory + "/ready.npy") } else { try dz.waitUntilCatching(SIGINT) }
        usleep(200_000)
        dz.signal(SIGINT)
        return dz.waitForExit(timeout: 30)
    }

    // MARK: Long builtins and straight-line programs (issue 13 item 6, issue 20 item 10)

    @Test func ctrlCStopsAStraightLineProgramOfLargeProducts() throws {
        defer { remove() }
        // No loop and no call after the marker: only the products themselves can see Ctrl-C.
        let end = try interrupt(["-e", """
            a = ones(2000, 2000); \(Self.ready)
            b = a @ a
            c = b @ a
            d = c @ a
            f = d @ a
            g = f @ a
            h = g @ a
            """])
        #expect(end.ended && end.status == 130, "\(end)")
        #expect(end.stderr.hasPrefix("<-e>:") && end.stderr.contains(": error: interrupted\n"), "\(end.stderr)")
    }

    @Test func ctrlCStopsABackwardPassOfABigGraph() throws {
        defer { remove() }
        let end = try interrupt(["-e", """
            x = ones(800, 800); W = ones(800, 800) * 0.001; h = x
            for i in range(20) { h = h @ W }
            y = sum(h); \(Self.ready)
            backward(y)
            """])
        #expect(end.ended && end.status == 130, "\(end)")
        #expect(end.stderr.hasPrefix("<-e>:4:1: error: interrupted\n"), "\(end.stderr)")
    }

    // MARK: Blocking reads (issue 20 items 10 and 12)

    @Test func ctrlCEndsALoadOfAFIFOWithNoWriter() throws {
        defer { remove() }
        let path = try fifo("array.npy")
        for call in ["load(\"\(path)\")", "load_weights(Linear(2), \"\(path)\")"] {
            try? FileManager.default.removeItem(atPath: directory + "/ready.npy")
            let end = try interrupt(["-e", "\(Self.ready)\nx = \(call)"])
            #expect(end.ended && end.status == 130, "\(call): \(end)")
            #expect(end.stderr.hasPrefix("<-e>:2:5: error: interrupted\n"), "\(call): \(end.stderr)")
            #expect(!end.stderr.contains("Interrupted system call"), "\(end.stderr)")
        }
    }

    @Test func ctrlCEndsAScriptThatIsAFIFOWithNoWriter() throws {
        defer { remove() }
        let path = try fifo("script.dz")
        let end = try interrupt([path], marker: false)
        #expect(end.ended && end.status == 130, "\(end)")
        #expect(end.stderr == "\(path): error: interrupted\n", "\(end.stderr)")
    }

    @Test func aFIFOWhoseWriterComesLateIsReadWhole() throws {
        defer { remove() }
        let saved = directory + "/eye.npy"
        let made = try DZProcess.run(["-e", "save(\"\(saved)\", eye(2) * 3)"])
        #expect(made.status == 0, "\(made.stderr)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: saved)))
        let path = try fifo("late.npy")
        let dz = try DZChild(["-e", "x = load(\"\(path)\"); print(x)"])
        // The writer opens once dz is reading (a non-blocking open fails until then), waits, then writes.
        let deadline = Date().addingTimeInterval(60)
        var fd: Int32 = -1
        while fd < 0 && Date() < deadline {
            fd = open(path, O_WRONLY | O_NONBLOCK)
            if fd < 0 { usleep(20_000) }
        }
        #expect(fd >= 0)
        if fd >= 0 {
            usleep(500_000)
            _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            close(fd)
        }
        let end = dz.waitForExit(timeout: 60)
        #expect(end.status == 0, "\(end)")
        #expect(end.stdout == "[[3. 0.]\n [0. 3.]]\n", "\(end)")
    }

    @Test func ctrlCEndsAStalledStdin() throws {
        defer { remove() }
        let dz = try DZChild([])
        dz.write("print(1)\n")             // and nothing more: the producer stalls
        try dz.waitUntilCatching(SIGINT)
        usleep(200_000)
        dz.signal(SIGINT)
        let end = dz.waitForExit(timeout: 30)
        #expect(end.ended && end.status == 130, "\(end)")
        #expect(end.stdout == "" && end.stderr == "<stdin>: error: interrupted\n", "\(end)")
    }

    /// `cmd | dz` in a terminal: Ctrl-C ends `cmd` too, so dz sees end of input right after the
    /// signal. The script was not read whole: nothing of it runs.
    @Test func anInterruptBeforeTheScriptIsReadWholeRunsNothing() throws {
        defer { remove() }
        let dz = try DZChild(["-"])
        dz.write("print(\"ran\")\n")
        try dz.waitUntilCatching(SIGINT)
        usleep(200_000)
        dz.signal(SIGINT)
        dz.closeInput()                    // the producer died of the same Ctrl-C
        let end = dz.waitForExit(timeout: 30)
        #expect(end.ended && end.status == 130, "\(end)")
        #expect(end.stdout == "" && end.stderr == "<stdin>: error: interrupted\n", "\(end)")
    }

    // MARK: SIGQUIT (issue 20 item 11)

    @Test func sigquitEndsTheProcessAsItsDefaultActionDoes() throws {
        defer { remove() }
        let dz = try DZChild(["-e", "\(Self.ready)\nwhile true { }"], currentDirectory: URL(fileURLWithPath: directory),
                             coreDumps: false)
        try dz.waitForFile(directory + "/ready.npy")
        dz.signal(SIGQUIT)
        let end = dz.waitForExit(timeout: 30)
        #expect(end.ended && end.signal == SIGQUIT, "\(end)")
        #expect(!end.stderr.contains("crashed") && !end.stderr.contains("Backtrace"), "\(end.stderr)")
    }

    // MARK: Graphviz (issue 20 item 13)

    /// A fake `dot` in its own directory: records its arguments and where its stdin and
    /// stderr lead, then runs `body`.
    func fakeDot(_ body: String) throws -> String {
        let bin = directory + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let script = """
            #!/bin/sh
            echo "$@" > "\(directory)/dot-args"
            readlink /proc/$$/fd/0 > "\(directory)/dot-stdin"
            readlink /proc/$$/fd/2 > "\(directory)/dot-stderr"
            \(body)

            """
        try script.write(toFile: bin + "/dot", atomically: true, encoding: .utf8)
        chmod(bin + "/dot", 0o755)
        return bin
    }

    func graphEnvironment(bin: String, tmp: String) -> [String: String] {
        ["PATH": bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"), "TMPDIR": tmp]
    }

    func read(_ name: String) -> String {
        (try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)) ?? "<missing \(name)>"
    }

    @Test func ctrlCKillsAHungDotAndLeavesNoTemporaryFile() throws {
        defer { remove() }
        let tmp = directory + "/tmp"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        let bin = try fakeDot("echo $$ > \"\(directory)/dot-pid\"; echo started\nexec sleep 1000")
        let dz = try DZChild(["-e", "x = ones(2); graph(x * 2, \"out.png\"); print(\"after\")"],
                             environment: graphEnvironment(bin: bin, tmp: tmp), currentDirectory: URL(fileURLWithPath: directory))
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: directory + "/dot-pid") && Date() < deadline { usleep(20_000) }
        usleep(300_000)
        dz.signal(SIGINT)
        let end = dz.waitForExit(timeout: 30)
        #expect(end.ended && end.status == 130, "\(end)")
        #expect(end.stderr.hasPrefix("<-e>:1:14: error: interrupted\n"), "\(end.stderr)")
        #expect(!end.stdout.contains("after"))
        // dot was killed and reaped; dot's own stdout did not reach dz's.
        let pid = pid_t(read("dot-pid").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(pid > 0 && kill(pid, 0) != 0 && errno == ESRCH, "dot (pid \(pid)) is still running")
        #expect(!end.stdout.contains("started"))
        // The DOT text came on stdin from an unlinked file, the messages through a pipe: nothing on disk.
        // dot writes a temporary beside out.png (AtomicFile), removed when dot is killed.
        #expect(read("dot-args").hasPrefix("-Tpng -o .out.png.dz-"), "\(read("dot-args"))")
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains("out.png") }
        #expect(left == [], "\(left)")
        #expect(read("dot-stdin").hasSuffix("(deleted)\n"), "\(read("dot-stdin"))")
        #expect(read("dot-stderr").hasPrefix("pipe:"), "\(read("dot-stderr"))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp) == [])
    }

    @Test func killingDzWhileDotRunsLeavesNoTemporaryFile() throws {
        defer { remove() }
        let tmp = directory + "/tmp"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        let bin = try fakeDot("echo $$ > \"\(directory)/dot-pid\"; exec sleep 30")
        let dz = try DZChild(["-e", "graph(ones(2) * 2, \"out.svg\")"], environment: graphEnvironment(bin: bin, tmp: tmp),
                             currentDirectory: URL(fileURLWithPath: directory))
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: directory + "/dot-pid") && Date() < deadline { usleep(20_000) }
        dz.signal(SIGKILL)
        let end = dz.waitForExit(timeout: 30)
        #expect(end.signal == SIGKILL)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp) == [])
        if let pid = pid_t(read("dot-pid").trimmingCharacters(in: .whitespacesAndNewlines)) { kill(pid, SIGKILL) }
    }

    @Test func aDotThatFloodsStderrGivesItsFirstLine() throws {
        defer { remove() }
        let tmp = directory + "/tmp"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        // 8 MB of messages after the first line; only the first 64 KiB are kept.
        let bin = try fakeDot("echo 'Error: <stdin>: syntax error in line 1' >&2; head -c 8000000 /dev/zero | tr '\\0' x >&2; exit 1")
        let r = try DZProcess.run(["-e", "graph(ones(2) * 2, \"\(directory)/out.png\")"],
                                  environment: graphEnvironment(bin: bin, tmp: tmp).merging(["NO_COLOR": "1"]) { $1 }, timeout: 60)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("<-e>:1:1: error: graph(): Graphviz's 'dot' failed (exit status 1): Error: <stdin>: syntax error in line 1\n"), "\(r.stderr.prefix(300))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp) == [])
    }

    // MARK: -e (issue 13 item 10)

    @Test func everyDashERunsInOrderAndCodeMayStartWithAMinus() throws {
        defer { remove() }
        let negative = try DZProcess.run(["-e", "-1"], environment: ["NO_COLOR": "1"])
        #expect(negative.status == 0 && negative.stdout == "-1\n", "\(negative)")
        let two = try DZProcess.run(["-e", "x = 2", "-e", "print(x * 3)", "-e", "-x"], environment: ["NO_COLOR": "1"])
        #expect(two.status == 0 && two.stdout == "6\n-2\n", "\(two)")
        // One program, one line per -e: errors point at the line of their -e.
        let bad = try DZProcess.run(["-e", "x = 1", "-e", "y = nope"], environment: ["NO_COLOR": "1"])
        #expect(bad.status == 1 && bad.stderr.hasPrefix("<-e>:2:5: error: undefined name 'nope'"), "\(bad)")
        // Arguments after the code still become `args`.
        let args = try DZProcess.run(["-e", "print(args)", "-e", "-1", "a"], environment: ["NO_COLOR": "1"])
        #expect(args.status == 0 && args.stdout == "(\"a\",)\n-1\n", "\(args)")
    }
}
