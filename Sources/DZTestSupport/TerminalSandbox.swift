import Foundation

/// A temporary state directory for programs run on a pseudo-terminal (`XDG_STATE_HOME`, where
/// the REPL keeps its history), and the launcher that points them at it.
///
///     let sandbox = try TerminalSandbox(prefix: "dz-repl")
///     defer { sandbox.remove() }
///     let term = try sandbox.launch("dz")
public struct TerminalSandbox: Sendable {
    /// The directory given as `XDG_STATE_HOME`.
    public let state: String

    public init(prefix: String) throws {
        state = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
    }

    /// Where the REPL writes its history in this sandbox.
    public var historyFile: String { state + "/dz/history" }

    /// Starts the product `name` (built next to the tests) on a pty, with the default test
    /// environment, this sandbox's state directory and `environment` on top.
    public func launch(_ name: String, environment: [String: String] = [:]) throws -> PseudoTerminal {
        try PseudoTerminal(executable: PseudoTerminal.productPath(name),
                           environment: PseudoTerminal.defaultEnvironment(["XDG_STATE_HOME": state].merging(environment) { $1 }))
    }

    /// Deletes the directory and what the programs wrote in it.
    public func remove() { try? FileManager.default.removeItem(atPath: state) }
}
