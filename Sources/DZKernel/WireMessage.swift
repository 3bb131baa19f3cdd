#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The Jupyter wire format: `[identities…, "<IDS|MSG>", signature, header, parent_header,
/// metadata, content, buffers…]`, where the signature is the HMAC-SHA256 (lowercase hex) of
/// the four JSON frames exactly as sent, keyed by the connection file's key (an empty key:
/// empty signature, nothing checked).
public struct Signer: Sendable {
    let hmac: HMACSHA256?

    public init(key: [UInt8]) { hmac = key.isEmpty ? nil : HMACSHA256(key: key) }

    /// The signature frame's text for the four JSON frames.
    public func signature(_ parts: [[UInt8]]) -> String { hmac?.hexMAC(parts) ?? "" }

    /// Whether `signature` signs `parts` (compared in constant time).
    public func verify(_ signature: [UInt8], _ parts: [[UInt8]]) -> Bool {
        guard let hmac else { return true }
        return constantTimeEqual(signature, Array(hmac.hexMAC(parts).utf8))
    }
}

/// A message received from a client: the JSON frames parsed, the header's bytes kept (they
/// become the replies' parent_header byte for byte).
public struct IncomingMessage {
    public var identities: [[UInt8]]
    public var headerBytes: [UInt8]
    public var header: JSON
    public var parentHeader: JSON
    public var metadata: JSON
    public var content: JSON
    public var buffers: [[UInt8]]

    public var type: String { header["msg_type"]?.string ?? "" }
}

/// Why received frames are not a message.
public enum WireError: Error, Equatable, CustomStringConvertible {
    case noDelimiter
    case tooFewFrames(Int)
    case badSignature
    case badJSON(frame: String, JSONError)

    public var description: String {
        switch self {
        case .noDelimiter: "no <IDS|MSG> delimiter"
        case .tooFewFrames(let n): "\(n) frames after the delimiter, expected at least 5"
        case .badSignature: "the signature does not match"
        case .badJSON(let frame, let error): "\(frame): \(error)"
        }
    }
}

public enum Wire {
    public static let delimiter = Array("<IDS|MSG>".utf8)

    /// Splits, verifies and parses one multipart message.
    public static func decode(_ frames: [[UInt8]], signer: Signer) throws(WireError) -> IncomingMessage {
        guard let d = frames.firstIndex(of: delimiter) else { throw .noDelimiter }
        let rest = frames.count - d - 1
        guard rest >= 5 else { throw .tooFewFrames(rest) }
        let parts = Array(frames[(d + 2)..<(d + 6)])
        guard signer.verify(frames[d + 1], parts) else { throw .badSignature }
        func parse(_ bytes: [UInt8], _ name: String) throws(WireError) -> JSON {
            do { return try JSON.parse(bytes) } catch { throw .badJSON(frame: name, error) }
        }
        return IncomingMessage(identities: Array(frames[..<d]), headerBytes: parts[0],
                               header: try parse(parts[0], "header"), parentHeader: try parse(parts[1], "parent_header"),
                               metadata: try parse(parts[2], "metadata"), content: try parse(parts[3], "content"),
                               buffers: Array(frames[(d + 6)...]))
    }

    /// The frames of a message: `parent` is the request's header as received (or `{}`).
    public static func encode(identities: [[UInt8]], header: JSON, parent: [UInt8], metadata: JSON = .object([]),
                              content: JSON, signer: Signer) -> [[UInt8]] {
        let parts = [header.bytes, parent, metadata.bytes, content.bytes]
        return identities + [delimiter, Array(signer.signature(parts).utf8)] + parts
    }

    /// A new header: a fresh msg_id, this kernel's session, the date now, version 5.3.
    public static func header(type: String, session: String) -> JSON {
        .object([("msg_id", .string(newUUID())), ("session", .string(session)), ("username", .string("dz")),
                 ("date", .string(isoDate())), ("msg_type", .string(type)), ("version", .string("5.3"))])
    }
}

/// A random (version 4) UUID, lowercase with dashes.
public func newUUID() -> String {
    var g = SystemRandomNumberGenerator()
    var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &g) }
    bytes[6] = (bytes[6] & 0x0F) | 0x40
    bytes[8] = (bytes[8] & 0x3F) | 0x80
    let h = hex(bytes)
    let c = Array(h)
    return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-" + String(c[20..<32])
}

/// The time now in ISO 8601, UTC, with microseconds: `2026-12-02T06:10:05.123456Z`.
public func isoDate() -> String {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    var t = ts.tv_sec
    var parts = tm()
    gmtime_r(&t, &parts)
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let micro = String(ts.tv_nsec / 1000)
    return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))."
        + String(repeating: "0", count: 6 - micro.count) + micro + "Z"
}
