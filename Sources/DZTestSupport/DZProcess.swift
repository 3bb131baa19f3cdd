import Foundation

/// Runs the real `dz` binary (built next to the test bundle) and captures what it does.
public enum DZProcess {
    /// What a run produced.
    public struct Result: Sendable {
        public let stdout: String
        public let stderr: String
        public let status: Int32
    }

    /// The `dz` executable of this build.
    public static var executable: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        // .build/<config>/dzPackageTests.xctest → .build/<config>/dz
        return exe.deletingLastPathComponent().appendingPathComponent("dz")
    }

    /// The repository root (for examples/ and docs/).
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs `dz arguments` with `stdin` as its input; gives up after `timeout` seconds.
    public static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                           currentDirectory: URL? = nil, timeout: TimeInterval = 120) throws -> Result {
        try run(arguments, stdinData: stdin.map { Data($0.utf8) }, environment: environment,
                currentDirectory: currentDirectory, timeout: timeout)
    }

    /// Runs `dz arguments` with raw bytes as its input.
    public static func run(_ arguments: [String], stdinData: Data?, environment: [String: String] = [:],
                           currentDirectory: URL? = nil, timeout: TimeInterval = 120) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = outPipe.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = errPipe.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if let stdinData { try? inPipe.fileHandleForWriting.write(contentsOf: stdinData) }
        try? inPipe.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(2000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            group.wait()
            return Result(stdout: String(decoding: outData, as: UTF8.self),
                          stderr: "timed out after \(timeout) s\n" + String(decoding: errData, as: UTF8.self), status: -1)
        }
        process.waitUntilExit()
        group.wait()
        return Result(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                      status: process.terminationStatus)
    }
}
