#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A program running on a fresh pseudo-terminal, for end-to-end tests of interactive behaviour.
///
/// The child gets its own session (setsid) with the pty as controlling terminal and an empty
/// signal mask, so ^C reaches it as it would from a real terminal. Expectations are sequential:
/// `expect("dz> ")` waits for the text after the previous match. Text is compared with ANSI
/// escape sequences stripped and `\r\n` turned into `\n` (see `normalize`).
///
///     let term = try PseudoTerminal(executable: PseudoTerminal.productPath("dz"))
///     try term.expect("dz> ")
///     try term.send("1 + 1\r")
///     try term.expect("2.0")
///     try term.send("\u{04}")
///     #expect(try term.waitForExit() == 0)
public final class PseudoTerminal {
    public enum Failure: Error, CustomStringConvertible {
        case spawn(String)
        case timeout(waitingFor: String, transcript: String)

        public var description: String {
            switch self {
            case .spawn(let what): "cannot start the program on a pty: \(what)"
            case .timeout(let what, let transcript): "timed out waiting for \(what.debugDescription); transcript:\n\(transcript)"
            }
        }
    }

    public let pid: pid_t
    private var master: Int32
    private var raw: [UInt8] = []
    private var consumed = 0   // UTF-8 offset into `output` of the end of the last match
    private var exitStatus: Int32?

    /// Starts `executable` with `arguments` and exactly `environment` on a `rows` x `columns` pty.
    public init(executable: String, arguments: [String] = [],
                environment: [String: String] = PseudoTerminal.defaultEnvironment(),
                rows: UInt16 = 24, columns: UInt16 = 80) throws {
        let TIOCGPTN: UInt = 0x8004_5430, TIOCSPTLCK: UInt = 0x4004_5431, SPAWN_SETSID: Int16 = 0x80
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw Failure.spawn("open /dev/ptmx: \(String(cString: strerror(errno)))") }
        var unlock: Int32 = 0, number: UInt32 = 0
        guard ioctl(master, TIOCSPTLCK, &unlock) == 0, ioctl(master, TIOCGPTN, &number) == 0 else {
            Glibc.close(master)
            throw Failure.spawn("pty ioctls failed")
        }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/pts/\(number)", O_RDWR, 0)  // after setsid: controlling tty
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)  // test threads block SIGINT; the child must not
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGHUP, SIGTERM, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, SPAWN_SETSID | Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            Glibc.close(master)
            throw Failure.spawn("posix_spawn \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        if master >= 0 { Glibc.close(master) }
    }

    /// Closes the terminal's master side, as when a terminal window is closed: the program's
    /// reads of its terminal then fail (EIO) and, as the session leader, it gets SIGHUP.
    /// Output after this is lost.
    public func closeTerminal() {
        guard master >= 0 else { return }
        Glibc.close(master)
        master = -1
    }

    /// PATH, HOME, LANG=C.UTF-8, TERM=xterm and the sanitizer options, with `overrides` on top.
    public static func defaultEnvironment(_ overrides: [String: String] = [:]) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var environment = ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/tmp",
                           "LANG": "C.UTF-8", "TERM": "xterm"]
        // Sanitizer settings (make sanitize) reach the program under test too.
        for name in ["ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS"] { environment[name] = inherited[name] }
        environment.merge(overrides) { $1 }
        return environment
    }

    /// The path of a product built next to the running test bundle (e.g. `.build/debug/dz`).
    public static func productPath(_ name: String) -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var directory = (executable as NSString).deletingLastPathComponent
        // On Linux the test runner is `<bin>/<package>PackageTests.xctest`; elsewhere it may be a bundle.
        while !directory.isEmpty, directory != "/", !FileManager.default.fileExists(atPath: directory + "/" + name) {
            directory = (directory as NSString).deletingLastPathComponent
        }
        return directory + "/" + name
    }

    /// Waits `settle` (so the program is blocked in its read, see the libedit notes' race), then
    /// writes `keys` as they are (`\r` is Enter, `\u{03}` Ctrl-C, `\u{04}` Ctrl-D, `\u{1B}[A` Up).
    public func send(_ keys: String, settle: Double = 0.05) {
        usleep(UInt32(settle * 1_000_000))
        var bytes = Array(keys.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(master, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { if errno == EINTR { continue }; return }
            offset += n
        }
    }

    /// Waits until `needle` appears in the normalized output after the previous match; returns the
    /// text from the previous match to the end of this one.
    @discardableResult
    public func expect(_ needle: String, timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let text = output
            let utf8 = text.utf8
            let from = utf8.index(utf8.startIndex, offsetBy: min(consumed, utf8.count))
            if let range = text[from...].range(of: needle) {
                consumed = utf8.distance(from: utf8.startIndex, to: range.upperBound)
                return String(text[from..<range.upperBound])
            }
            if deadline.timeIntervalSinceNow <= 0 {
                throw Failure.timeout(waitingFor: needle, transcript: text)
            }
            if !pump(timeout: min(max(deadline.timeIntervalSinceNow, 0), 0.2)) { usleep(10_000) }
        }
    }

    /// Everything the program printed so far, normalized.
    public var output: String { Self.normalize(raw) }

    /// Everything the program printed so far, as bytes, escapes included.
    public var rawOutput: [UInt8] { raw }

    /// Sends `signal` to the program.
    public func signal(_ signal: Int32) { kill(pid, signal) }

    /// Resizes the terminal, as dragging its window does (the program gets SIGWINCH).
    public func resize(rows: UInt16, columns: UInt16) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Waits for the program to end, reading its output meanwhile. Returns its exit status, or
    /// 128 + the signal that ended it. On timeout the program is killed and `Failure.timeout` thrown.
    @discardableResult
    public func waitForExit(timeout: Double = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while exitStatus == nil {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let signal = status & 0x7F
                exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
                while pump(timeout: 0) {}
                break
            }
            if deadline.timeIntervalSinceNow <= 0 {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                exitStatus = -1
                throw Failure.timeout(waitingFor: "exit", transcript: output)
            }
            if !pump(timeout: 0.05) { usleep(20_000) }
        }
        return exitStatus!
    }

    /// Reads what is available within `timeout` seconds; false when nothing was read.
    private func pump(timeout: Double) -> Bool {
        guard master >= 0 else { return false }
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(timeout * 1000)) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        guard n > 0 else { return false }   // EIO once the child and its tty are gone
        raw += buffer[0..<n]
        return true
    }

    /// Removes ANSI escape sequences (CSI, OSC and two-byte escapes) and turns `\r\n` into `\n`.
    public static func normalize(_ bytes: [UInt8]) -> String {
        var kept: [UInt8] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] == 0x1B, i + 1 < bytes.count else { kept.append(bytes[i]); i += 1; continue }
            let kind = bytes[i + 1]
            i += 2
            if kind == UInt8(ascii: "[") {
                while i < bytes.count, !(0x40...0x7E).contains(bytes[i]) { i += 1 }
                i += 1
            } else if kind == UInt8(ascii: "]") {
                while i < bytes.count, bytes[i] != 0x07, bytes[i] != 0x1B { i += 1 }
                i += bytes.indices.contains(i) && bytes[i] == 0x1B ? 2 : 1
            } else if kind == UInt8(ascii: "(") || kind == UInt8(ascii: ")") {
                i += 1
            }
        }
        return String(decoding: kept, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }
}
