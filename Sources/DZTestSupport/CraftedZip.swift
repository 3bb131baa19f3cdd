import DZTensor

/// A one-member zip archive built byte by byte, whose numbers lie where a test says: for
/// testing that the .npz reader checks every count, size and offset it reads.
///
/// ```swift
/// var zip = CraftedZip(data: NPY.encode(ones))
/// zip.zip64 = .init(count: UInt64.max)            // "2^64 - 1 entries"
/// try NPZ.decode(zip.bytes())                     // an error, not a trap
/// ```
///
/// Unset fields hold the true values: one member named `name` at offset 0, stored, with
/// its CRC-32 and sizes, then the central directory and the end record.
public struct CraftedZip {
    /// A zip64 end record and locator before the end record (which then says 0xFFFF and
    /// 0xFFFFFFFF); nil fields hold the true values.
    public struct Zip64 {
        public var count: UInt64?
        public var centralSize: UInt64?
        public var centralOffset: UInt64?
        /// Where the locator says the zip64 end record is.
        public var recordOffset: UInt64?

        public init(count: UInt64? = nil, centralSize: UInt64? = nil, centralOffset: UInt64? = nil, recordOffset: UInt64? = nil) {
            self.count = count
            self.centralSize = centralSize
            self.centralOffset = centralOffset
            self.recordOffset = recordOffset
        }
    }

    public var name = "x.npy"
    /// The member's bytes as stored (deflated ones when `method` is 8).
    public var data: [UInt8]
    public var method: UInt16 = 0
    public var crc: UInt32?
    public var compressedSize: UInt32?
    public var size: UInt32?
    public var localOffset: UInt32?
    /// The central directory entry's extra field (see ``zip64Extra(_:length:)``).
    public var centralExtra: [UInt8] = []
    /// The end record's entry count.
    public var count: UInt16?
    public var zip64: Zip64?

    public init(data: [UInt8]) { self.data = data }

    /// A zip64 extra field (id 1) holding `values`, with `length` as its stated length.
    public static func zip64Extra(_ values: [UInt64], length: Int? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.appendLE(1, bytes: 2)
        out.appendLE(UInt64(length ?? values.count * 8), bytes: 2)
        for v in values { out.appendLE(v, bytes: 8) }
        return out
    }

    /// The archive.
    public func bytes() -> [UInt8] {
        let fileName = Array(name.utf8)
        let crc = self.crc ?? NPZ.crc32(data)
        var out: [UInt8] = []
        out.appendLE(0x0403_4b50, bytes: 4)
        out.appendLE(20, bytes: 2)
        out.appendLE(0, bytes: 2)
        out.appendLE(UInt64(method), bytes: 2)
        out.appendLE(0, bytes: 2)
        out.appendLE(0x21, bytes: 2)
        out.appendLE(UInt64(crc), bytes: 4)
        out.appendLE(UInt64(data.count), bytes: 4)
        out.appendLE(UInt64(data.count), bytes: 4)
        out.appendLE(UInt64(fileName.count), bytes: 2)
        out.appendLE(0, bytes: 2)
        out += fileName
        out += data
        let centralOffset = out.count
        out.appendLE(0x0201_4b50, bytes: 4)
        out.appendLE(0x0314, bytes: 2)
        out.appendLE(20, bytes: 2)
        out.appendLE(0, bytes: 2)
        out.appendLE(UInt64(method), bytes: 2)
        out.appendLE(0, bytes: 2)
        out.appendLE(0x21, bytes: 2)
        out.appendLE(UInt64(crc), bytes: 4)
        out.appendLE(UInt64(compressedSize ?? UInt32(data.count)), bytes: 4)
        out.appendLE(UInt64(size ?? UInt32(data.count)), bytes: 4)
        out.appendLE(UInt64(fileName.count), bytes: 2)
        out.appendLE(UInt64(centralExtra.count), bytes: 2)
        out.appendLE(0, bytes: 2)
        out.appendLE(0, bytes: 2)
        out.appendLE(0, bytes: 2)
        out.appendLE(0o600 << 16, bytes: 4)
        out.appendLE(UInt64(localOffset ?? 0), bytes: 4)
        out += fileName
        out += centralExtra
        let centralSize = out.count - centralOffset
        if let zip64 {
            let record = out.count
            out.appendLE(0x0606_4b50, bytes: 4)
            out.appendLE(44, bytes: 8)
            out.appendLE(45, bytes: 2)
            out.appendLE(45, bytes: 2)
            out.appendLE(0, bytes: 4)
            out.appendLE(0, bytes: 4)
            out.appendLE(zip64.count ?? 1, bytes: 8)
            out.appendLE(zip64.count ?? 1, bytes: 8)
            out.appendLE(zip64.centralSize ?? UInt64(centralSize), bytes: 8)
            out.appendLE(zip64.centralOffset ?? UInt64(centralOffset), bytes: 8)
            out.appendLE(0x0706_4b50, bytes: 4)
            out.appendLE(0, bytes: 4)
            out.appendLE(zip64.recordOffset ?? UInt64(record), bytes: 8)
            out.appendLE(1, bytes: 4)
        }
        out.appendLE(0x0605_4b50, bytes: 4)
        out.appendLE(0, bytes: 2)
        out.appendLE(0, bytes: 2)
        let count = zip64 == nil ? UInt64(self.count ?? 1) : 0xFFFF
        out.appendLE(count, bytes: 2)
        out.appendLE(count, bytes: 2)
        out.appendLE(zip64 == nil ? UInt64(centralSize) : 0xFFFF_FFFF, bytes: 4)
        out.appendLE(zip64 == nil ? UInt64(centralOffset) : 0xFFFF_FFFF, bytes: 4)
        out.appendLE(0, bytes: 2)
        return out
    }
}

extension Array where Element == UInt8 {
    /// Appends the low `bytes` bytes of `value`, least significant first.
    mutating func appendLE(_ value: UInt64, bytes: Int) {
        for i in 0..<bytes { append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }
}
