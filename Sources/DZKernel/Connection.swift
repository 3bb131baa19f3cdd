/// A kernel's connection file (written by the Jupyter client): where to bind each socket and
/// how to sign messages.
public struct ConnectionInfo: Equatable, Sendable {
    public var transport = "tcp"
    public var ip = "127.0.0.1"
    public var shellPort = 0, iopubPort = 0, stdinPort = 0, controlPort = 0, hbPort = 0
    public var key: [UInt8] = []
    public var signatureScheme = "hmac-sha256"

    public init() {}

    /// Reads the connection file's JSON; throws for a missing port or an unsupported scheme.
    public init(json: JSON) throws(ConnectionError) {
        func port(_ name: String) throws(ConnectionError) -> Int {
            guard let p = json[name]?.int, p >= 0, p < 65536 else { throw .missing(name) }
            return p
        }
        transport = json["transport"]?.string ?? "tcp"
        ip = json["ip"]?.string ?? "127.0.0.1"
        shellPort = try port("shell_port")
        iopubPort = try port("iopub_port")
        stdinPort = try port("stdin_port")
        controlPort = try port("control_port")
        hbPort = try port("hb_port")
        key = Array((json["key"]?.string ?? "").utf8)
        signatureScheme = json["signature_scheme"]?.string ?? "hmac-sha256"
        guard signatureScheme == "hmac-sha256" || key.isEmpty else { throw .unsupportedScheme(signatureScheme) }
        guard transport == "tcp" || transport == "ipc" else { throw .unsupportedTransport(transport) }
    }

    /// `tcp://IP:PORT`, or `ipc://IP-PORT` for the ipc transport.
    public func endpoint(_ port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "tcp://\(ip):\(port)"
    }
}

/// Why a connection file cannot be used.
public enum ConnectionError: Error, Equatable, CustomStringConvertible {
    case missing(String)
    case unsupportedScheme(String)
    case unsupportedTransport(String)

    public var description: String {
        switch self {
        case .missing(let name): "the connection file has no valid '\(name)'"
        case .unsupportedScheme(let s): "signature scheme '\(s)' is not supported (only hmac-sha256)"
        case .unsupportedTransport(let t): "transport '\(t)' is not supported (tcp or ipc)"
        }
    }
}
