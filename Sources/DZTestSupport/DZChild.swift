#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A running `dz` under a test's control, for signals: start it on pipes, wait for a marker
/// on its stdout (or for its signal handler to be installed), signal it, and wait for it to
/// end. Every wait has a generous timeout, so a loaded machine slows a test but does not
/// fail it.
///
///     let dz = try DZChild(["-e", "save(\"/tmp/ready.npy\", zeros(1)); while true { }"])
///     try dz.waitForFile("/tmp/ready.npy")
///     dz.signal(SIGINT)
///     let end = dz.waitForExit()
///     #expect(end.status == 130 && end.stderr.contains("interrupted"))
public final class DZChild: @unchecked Sendable {
    /// How the process ended.
    public struct Ending: Sendable {
        /// The exit status, or -1 when it was killed by a signal or did not end in time.
        public let status: Int32
        /// The signal that ended it, if one did.
        public let signal: Int32?
        /// False when it did not end within the timeout (it was then killed).
        public let ended: Bool
        public let stdout: String
        public let stderr: String
    }

    /// A wait that ran out of time.
    public struct Timeout: Error, CustomStringConvertible {
        public let description: String
    }

    public let process = Process()
    private let input = Pipe(), output = Pipe(), errors = Pipe()
    private let lock = NSLock()
    private var outData = Data(), errData = Data()
    private let readers = DispatchGroup()

    /// Starts `dz arguments` (NO_COLOR set, `environment` on top). With `coreDumps: false` it
    /// runs under `sh -c 'ulimit -c 0; exec dz ...'`, so a signal that dumps core leaves no file.
    public init(_ arguments: [String], environment: [String: String] = [:], currentDirectory: URL? = nil,
                coreDumps: Bool = true) throws {
        if coreDumps {
            process.executableURL = DZProcess.executable
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -c 0; exec \"$0\" \"$@\"", DZProcess.executable.path] + arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        collect(output) { self.outData.append($0) }
        collect(errors) { self.errData.append($0) }
    }

    /// A test that gave up early (a wait threw) leaves no dz running.
    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    private func collect(_ pipe: Pipe, into append: @escaping @Sendable (Data) -> Void) {
        readers.enter()
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                lock.lock(); append(data); lock.unlock()
            }
            readers.leave()
        }
    }

    /// Everything printed on stdout so far.
    public var stdout: String { lock.lock(); defer { lock.unlock() }; return String(decoding: outData, as: UTF8.self) }
    /// Everything printed on stderr so far.
    public var stderr: String { lock.lock(); defer { lock.unlock() }; return String(decoding: errData, as: UTF8.self) }

    /// Writes `text` to dz's stdin (which stays open until ``closeInput()``).
    public func write(_ text: String) { try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8)) }

    /// Closes dz's stdin: it reads end of file.
    public func closeInput() { try? input.fileHandleForWriting.close() }

    /// Waits until stdout contains `marker`.
    public func waitForOutput(_ marker: String, timeout: TimeInterval = 60) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !stdout.contains(marker) {
            guard Date() < deadline, process.isRunning || stdout.contains(marker) else {
                throw Timeout(description: "no \(marker.debugDescription) on stdout; stdout: \(stdout) stderr: \(stderr)")
            }
            usleep(10_000)
        }
    }

    /// Waits until a file exists at `path` (a marker the program writes, e.g. with `save`:
    /// unlike stdout, which a pipe buffers, a file is seen at once).
    public func waitForFile(_ path: String, timeout: TimeInterval = 60) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !FileManager.default.fileExists(atPath: path) {
            guard Date() < deadline, process.isRunning else {
                throw Timeout(description: "no file \(path); stdout: \(stdout) stderr: \(stderr)")
            }
            usleep(10_000)
        }
    }

    /// Waits until dz has a handler for `signal` (its bit in /proc/PID/status's SigCgt): from
    /// then on the signal reaches dz's code instead of its default action.
    public func waitUntilCatching(_ signal: Int32, timeout: TimeInterval = 60) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !catches(signal) {
            guard Date() < deadline, process.isRunning else {
                throw Timeout(description: "dz never caught signal \(signal); stderr: \(stderr)")
            }
            usleep(10_000)
        }
    }

    private func catches(_ signal: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
              let mask = UInt64(line.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16)
        else { return false }
        return mask & (1 << UInt64(signal - 1)) != 0
    }

    /// Sends `signal` to dz.
    public func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for dz to end (killing it after `timeout` seconds) and reports how it ended.
    public func waitForExit(timeout: TimeInterval = 60) -> Ending {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        let ended = !process.isRunning
        if !ended {
            closeInput()
            kill(process.processIdentifier, SIGKILL)
            let grace = Date().addingTimeInterval(10)
            while process.isRunning && Date() < grace { usleep(10_000) }
        }
        closeInput()
        _ = readers.wait(timeout: .now() + 10)
        if process.isRunning {   // not even SIGKILL ended it in time
            return Ending(status: -1, signal: nil, ended: false, stdout: stdout, stderr: stderr)
        }
        let bySignal = process.terminationReason == .uncaughtSignal
        return Ending(status: bySignal || !ended ? -1 : process.terminationStatus,
                      signal: bySignal && ended ? process.terminationStatus : nil,
                      ended: ended, stdout: stdout, stderr: stderr)
    }
}
