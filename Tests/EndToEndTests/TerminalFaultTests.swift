import DZTestSupport
import Foundation
import Testing

/// The real `dz` when its terminal or its output goes away: it exits promptly (within 2 s)
/// instead of spinning, quietly, and keeps its history.
@Suite(.serialized) struct TerminalFaultTests {
    let state: String

    init() throws {
        state = NSTemporaryDirectory() + "dz-faults-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
    }

    var historyFile: String { state + "/dz/history" }

    func dz() throws -> PseudoTerminal {
        try PseudoTerminal(executable: PseudoTerminal.productPath("dz"),
                           environment: PseudoTerminal.defaultEnvironment(["XDG_STATE_HOME": state, "NO_COLOR": "1"]))
    }

    /// Waits at most 2 s for the exit; returns the status and the seconds it took.
    func exitWithinTwoSeconds(_ term: PseudoTerminal) throws -> (status: Int32, seconds: Double) {
        let start = Date()
        let status = try term.waitForExit(timeout: 2)
        return (status, Date().timeIntervalSince(start))
    }

    @Test func closingTheTerminalAtThePromptEndsTheREPL() throws {
        defer { try? FileManager.default.removeItem(atPath: state) }
        let term = try dz()
        try term.expect("dz> ")
        term.send("kept=1\r")
        try term.expect("dz> ")
        term.send("", settle: 0.1)
        term.closeTerminal()
        let (status, seconds) = try exitWithinTwoSeconds(term)
        #expect(seconds < 2)
        #expect(status == 0 || status == 128 + SIGHUP, "status \(status)")
        #expect(try String(contentsOfFile: historyFile, encoding: .utf8).contains("kept=1"))
    }

    @Test func closingTheTerminalDuringALongLoopEndsIt() throws {
        defer { try? FileManager.default.removeItem(atPath: state) }
        let term = try dz()
        try term.expect("dz> ")
        term.send("x = 0; while true { x = x + 1 }\r")
        term.send("", settle: 0.5)
        term.closeTerminal()
        let (status, seconds) = try exitWithinTwoSeconds(term)
        #expect(seconds < 2)
        #expect(status == 0 || status == 1 || status == 128 + SIGHUP, "status \(status)")
    }

    @Test func hangupEndsTheREPLWithHistorySaved() throws {
        defer { try? FileManager.default.removeItem(atPath: state) }
        let term = try dz()
        try term.expect("dz> ")
        term.send("before_hup=2\r")
        try term.expect("dz> ")
        term.send("", settle: 0.1)
        term.signal(SIGHUP)
        let (status, _) = try exitWithinTwoSeconds(term)
        #expect(status == 0 || status == 128 + SIGHUP, "status \(status)")
        #expect(try String(contentsOfFile: historyFile, encoding: .utf8).contains("before_hup=2"))
    }

    @Test func terminateEndsTheREPLWithHistorySaved() throws {
        defer { try? FileManager.default.removeItem(atPath: state) }
        let term = try dz()
        try term.expect("dz> ")
        term.send("before_term=3\r")
        try term.expect("dz> ")
        term.send("", settle: 0.1)
        term.signal(SIGTERM)
        let (status, _) = try exitWithinTwoSeconds(term)
        #expect(status == 128 + SIGTERM)
        #expect(try String(contentsOfFile: historyFile, encoding: .utf8).contains("before_term=3"))
    }

    @Test func endOfInputAtThePromptEndsTheREPL() throws {
        defer { try? FileManager.default.removeItem(atPath: state) }
        let term = try dz()
        try term.expect("dz> ")
        term.send("\u{04}")
        let (status, _) = try exitWithinTwoSeconds(term)
        #expect(status == 0)
    }

    /// `dz script | head -1`: the reader closes after one line of 100,000; dz ends at once,
    /// killed by SIGPIPE as any filter, with nothing on stderr. A parent may have started dz
    /// with SIGPIPE ignored (`trap '' PIPE` here), which dz would inherit and which would let
    /// `while true { print(1) }` run on forever; dz restores the default itself.
    @Test(arguments: [("for i in range(100000) { print(i) }", false), ("while true { print(1) }", false),
                      ("for i in range(100000) { print(i) }", true), ("while true { print(1) }", true)])
    func aPipeClosedByItsReaderEndsTheScriptQuietly(program: String, parentIgnoresSIGPIPE: Bool) throws {
        let script = state + "/print.dz"
        try program.write(toFile: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: state) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", (parentIgnoresSIGPIPE ? "trap '' PIPE; " : "") + "exec \"$0\" \"$1\"",
                             DZProcess.executable.path, script]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read the first line, then close the only read end.
        var first = Data()
        while !first.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            first += chunk
        }
        try out.fileHandleForReading.close()
        let start = Date()
        while process.isRunning && Date().timeIntervalSince(start) < 2 { usleep(5000) }
        let stillRunning = process.isRunning
        if stillRunning { process.terminate() }
        process.waitUntilExit()
        #expect(!stillRunning, "dz kept running 2 s after its reader closed the pipe")
        #expect(String(decoding: first, as: UTF8.self).hasPrefix(program.hasPrefix("for") ? "0\n" : "1\n"))
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGPIPE,
                "\(process.terminationReason) \(process.terminationStatus)")
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stderr == "")
    }

    /// Writing to a closed stdout (`dz ... >&-`) is not a crash, and not a silent success
    /// either: the write error is reported and the status is 1 (issue 20 item 15).
    @Test func aClosedStandardOutputDoesNotCrash() throws {
        defer { try? FileManager.default.removeItem(atPath: state) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\"$0\" -e 'for i in range(1000) { print(i) }; x = 1' >&-; echo \"status $?\"",
                             DZProcess.executable.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stdout == "status 1\n")
        #expect(stderr == "dz: error: cannot write to stdout: Bad file descriptor\n")
    }

    /// Every byte 0x00-0xFF piped to stdin: the first invalid UTF-8 byte (0x80, after the
    /// newline at 0x0A) is an error with its position; the valid ASCII part alone is a syntax
    /// error at its first control character.
    @Test func binaryGarbageOnStandardInputIsAnErrorWithAPosition() throws {
        let all = try DZProcess.run([], stdinData: Data((0...255).map { UInt8($0) }), environment: ["NO_COLOR": "1"],
                                    timeout: 20)
        #expect(all.status == 1)
        // Line 2 (0x0B...0xFF) is 245 cells wide: shown as a window around the caret.
        let window = "..." + String(String.UnicodeScalarView((0x51...0x7E).map { Unicode.Scalar(UInt8($0)) })) + "\u{2421}"
            + String(repeating: "\u{FFFD}", count: 47) + "..."
        #expect(all.stderr == "<stdin>:2:118: error: invalid UTF-8 byte 0x80; dz reads UTF-8 text\n"
                + window + "\n" + String(repeating: " ", count: 50) + "^\n")
        #expect(all.stdout == "")
        let ascii = try DZProcess.run(["-"], stdinData: Data((0...127).map { UInt8($0) }), environment: ["NO_COLOR": "1"],
                                      timeout: 20)
        #expect(ascii.status == 1)
        #expect(ascii.stderr.hasPrefix("<stdin>:1:1: error: unexpected character U+0000\n"), "\(ascii.stderr)")
    }

    /// An endless file is read only up to the source limit (16 MiB + 1 byte), then refused.
    @Test func anEndlessFileIsRefusedAtTheSourceLimit() throws {
        let r = try DZProcess.run(["/dev/zero"], stdinData: nil, timeout: 20)
        #expect(r.status == 1)
        #expect(r.stderr == "/dev/zero: error: source text too long (limit 16777216 bytes)\n")
    }
}
