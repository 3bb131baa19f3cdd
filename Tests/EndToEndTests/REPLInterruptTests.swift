#if canImport(Glibc)
import Glibc
#endif
import DZTestSupport
import Foundation
import Testing

/// Ctrl-C and Ctrl-\ typed into the real `dz` REPL on a pseudo-terminal while something long
/// runs: a chain of large products on one line, a backward pass, a `load` of a FIFO nobody
/// writes. Ctrl-C stops each with `interrupted` and gives the prompt back with the session
/// intact; Ctrl-\ quits as SIGQUIT's default action does.
@Suite(.serialized) struct REPLInterruptTests {
    let sandbox: TerminalSandbox

    init() throws { sandbox = try TerminalSandbox(prefix: "dz-repl-interrupt") }

    @Test func ctrlCStopsProductsABackwardPassAndABlockedLoad() throws {
        defer { sandbox.remove() }
        let fifo = sandbox.state + "/pipe.npy"
        #expect(mkfifo(fifo, 0o600) == 0)
        let term = try sandbox.launch("dz")
        try term.expect("dz> ")
        term.send("kept = 7; x = ones(800, 800); W = ones(800, 800) * 0.001; h = x\r")
        try term.expect("dz> ")
        term.send("for i in range(20) { h = h @ W }; y = sum(h)\r")
        try term.expect("dz> ", timeout: 60)

        // The rest of the line does not run after Ctrl-C in the first product.
        term.send("a = ones(2000, 2000); print(\"go\"); b = a @ a; c = b @ a; d = c @ a; e1 = d @ a; print(\"rest ran\")\r")
        try term.expect("go", timeout: 60)
        term.send("\u{03}", settle: 0.1)
        try term.expect("interrupted", timeout: 30)
        try term.expect("dz> ")

        // Backward stops between its functions, and no gradient is written.
        term.send("print(\"started\"); backward(y)\r")
        try term.expect("started", timeout: 60)
        term.send("\u{03}", settle: 0.2)
        try term.expect("interrupted", timeout: 30)
        try term.expect("dz> ")
        term.send("print(W.grad)\r")
        try term.expect("none")
        try term.expect("dz> ")

        // A load blocked on a FIFO with no writer gives way.
        term.send("z = load(\"\(fifo)\")\r")
        term.send("\u{03}", settle: 0.5)
        try term.expect("interrupted", timeout: 30)
        try term.expect("dz> ")
        term.send("kept + 1\r")
        try term.expect("8")
        try term.expect("dz> ")
        #expect(!term.output.contains("\nrest ran") && !term.output.contains("Interrupted system call"), "\(term.output)")
        term.send("\u{04}")
        #expect(try term.waitForExit(timeout: 30) == 0)
    }

    /// A terminal on stdin but not on stdout (`dz > log`): lines are read without libedit, and
    /// Ctrl-C while dz waits for one drops the line instead of ending the session.
    @Test func ctrlCWhileThePlainReaderWaitsKeepsTheSession() throws {
        defer { sandbox.remove() }
        let log = sandbox.state + "/out.txt"
        let term = try PseudoTerminal(executable: "/bin/sh", arguments: ["-c", "exec \"$0\" > \"$1\"", PseudoTerminal.productPath("dz"), log],
                                      environment: PseudoTerminal.defaultEnvironment(["XDG_STATE_HOME": sandbox.state]))
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: log) && Date() < deadline { usleep(20_000) }
        term.send("x = 41\r", settle: 1.0)
        term.send("\u{03}", settle: 0.5)
        term.send("print(x + 1)\r", settle: 0.5)
        term.send("\u{04}", settle: 0.5)
        #expect(try term.waitForExit(timeout: 30) == 0)
        #expect((try? String(contentsOfFile: log, encoding: .utf8)) == "42\n")
    }

    @Test func ctrlBackslashQuitsTheREPLAsSIGQUITsDefaultActionDoes() throws {
        defer { sandbox.remove() }
        // No core file: the child inherits this limit.
        var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
        getrlimit(Int32(RLIMIT_CORE.rawValue), &noCore)
        noCore.rlim_cur = 0
        setrlimit(Int32(RLIMIT_CORE.rawValue), &noCore)
        let term = try sandbox.launch("dz")
        try term.expect("dz> ")
        term.send("print(\"looping\"); while true { }\r")
        try term.expect("looping", timeout: 30)
        term.send("\u{1C}", settle: 0.2)
        #expect(try term.waitForExit(timeout: 30) == 128 + SIGQUIT)
    }
}
