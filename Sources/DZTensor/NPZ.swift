#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and writing numpy's `.npz` archives: a zip file with one `.npy` file per array.
///
/// ```swift
/// try NPZ.write([("l0/W", W), ("l0/b", b)], to: "m.npz")   // np.load("m.npz")["l0/W"]
/// let arrays = try NPZ.read(contentsOf: "m.npz")           // np.savez wrote it
/// ```
///
/// Writing produces what `np.savez` produces: every entry *stored* (no compression), with
/// its CRC-32, named `KEY.npy`; zip64 records are added only where a number outgrows the
/// classic format (more than 65535 arrays, an entry or an offset past 4 GiB), as Python's
/// `zipfile` does. Reading accepts stored entries (`np.savez`) and deflated ones
/// (`np.savez_compressed`, which DeZero's `save_weights` uses), inflated by ``Inflate``
/// without zlib. Sizes come from the central directory, so the zip64 local headers numpy
/// writes are read too; the CRC of every entry is checked. Every count, size and offset
/// read from the file is checked against the file's length (and an entry's size against
/// memory) before it is used.
public enum NPZ {
    /// Reads every array of an `.npz` file, in archive order, keyed without `.npy`. Errors
    /// name the file and are `operation`'s: `load_weights: 'm.npz': not a zip archive`.
    public static func read(contentsOf path: String, operation: String = "load") throws -> [(name: String, array: NDArray)] {
        let limit = MemoryLimit.maxElements * MemoryLayout<Double>.stride
        let bytes = try NPY.readFile(path, operation: operation, limit: limit, deciding: decidingLength)
        do { return try decode(bytes) } catch let error as TensorError {
            throw NPY.naming(path, in: error, operation: operation)
        }
    }

    /// Writes `arrays` as an uncompressed `.npz` file, replacing any file at `path` only
    /// once it is written whole (``AtomicFile``).
    public static func write(_ arrays: [(name: String, array: NDArray)], to path: String, operation: String = "save_weights") throws {
        try checkNames(arrays, operation: operation)
        do {
            try AtomicFile.write(to: path) { out in try encode(arrays) { try out.write($0) } }
        } catch let failure as AtomicFile.Failure {
            throw TensorError.invalid(operation: operation, message: failure.message(lowercased: true))
        }
    }

    /// How many leading bytes decide the outcome (see ``NPY/decidingLength(_:)``): an
    /// archive is read whole, anything that does not start as a zip archive no further.
    static func decidingLength(_ prefix: [UInt8]) -> Int? {
        let signatures: [[UInt8]] = [[0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06]]
        let known = Swift.min(prefix.count, 4)
        return signatures.contains { Array($0[0..<known]) == Array(prefix[0..<known]) } ? nil : 0
    }

    // MARK: Encoding

    /// The largest value of a classic zip field; at it, the zip64 field holds the value.
    static let max16 = 0xFFFF, max32 = 0xFFFF_FFFF

    /// Refuses a key that a zip entry's 16-bit name length cannot hold.
    static func checkNames(_ arrays: [(name: String, array: NDArray)], operation: String) throws {
        for (name, _) in arrays where name.utf8.count + 4 > max16 {
            throw TensorError.invalid(operation: operation, message: "the key '\(name.prefix(40))...' is too long for a zip archive (\(name.utf8.count) bytes, at most \(max16 - 4))")
        }
    }

    /// The bytes of a zip archive holding `KEY.npy` for each array (stored, CRC-32, no
    /// timestamps: 1980-01-01 00:00 as numpy's own entries).
    public static func encode(_ arrays: [(name: String, array: NDArray)]) throws -> [UInt8] {
        try checkNames(arrays, operation: "save_weights")
        var out: [UInt8] = []
        try encode(arrays) { out += $0 }
        return out
    }

    /// The archive's bytes handed to `write` in pieces (a header, an array's data), so
    /// that the whole archive never has to be in memory.
    static func encode(_ arrays: [(name: String, array: NDArray)], into write: ([UInt8]) throws -> Void) throws {
        var offset = 0
        var central: [UInt8] = []
        for (name, array) in arrays {
            let data = NPY.encode(array)
            let fileName = Array((name + ".npy").utf8)
            let crc = crc32(data)
            try write(localHeader(fileName: fileName, crc: crc, size: data.count))
            try write(data)
            central += centralHeader(fileName: fileName, crc: crc, size: data.count, offset: offset)
            offset += 30 + fileName.count + (data.count >= max32 ? 20 : 0) + data.count
        }
        try write(central)
        try write(endRecords(count: arrays.count, centralSize: central.count, centralOffset: offset))
    }

    /// A stored entry's local file header; zip64 sizes in its extra field past 4 GiB.
    static func localHeader(fileName: [UInt8], crc: UInt32, size: Int) -> [UInt8] {
        let zip64 = size >= max32
        var out: [UInt8] = []
        out.append32(0x0403_4b50)
        out.append16(zip64 ? 45 : 20)     // version needed: 2.0, or 4.5 for zip64
        out.append16(0)                   // flags
        out.append16(0)                   // method: stored
        out.append16(0)                   // time 00:00:00
        out.append16(0x21)                // date 1980-01-01
        out.append32(crc)
        out.append32(zip64 ? max32 : size)
        out.append32(zip64 ? max32 : size)
        out.append16(fileName.count)
        out.append16(zip64 ? 20 : 0)      // extra length
        out += fileName
        if zip64 {
            out.append16(0x0001)
            out.append16(16)
            out.append64(size)
            out.append64(size)
        }
        return out
    }

    /// A stored entry's central directory header; what outgrows 32 bits goes in zip64's
    /// extra field (uncompressed size, compressed size, offset, in that order).
    static func centralHeader(fileName: [UInt8], crc: UInt32, size: Int, offset: Int) -> [UInt8] {
        var extra: [UInt8] = []
        if size >= max32 { extra.append64(size); extra.append64(size) }
        if offset >= max32 { extra.append64(offset) }
        var out: [UInt8] = []
        out.append32(0x0201_4b50)
        out.append16(extra.isEmpty ? 0x0314 : 0x032D)  // made by: Unix, 2.0 (4.5 with zip64)
        out.append16(extra.isEmpty ? 20 : 45)
        out.append16(0)
        out.append16(0)
        out.append16(0)
        out.append16(0x21)
        out.append32(crc)
        out.append32(Swift.min(size, max32))
        out.append32(Swift.min(size, max32))
        out.append16(fileName.count)
        out.append16(extra.isEmpty ? 0 : extra.count + 4)
        out.append16(0)                   // comment
        out.append16(0)                   // disk
        out.append16(0)                   // internal attributes
        out.append32(0o600 << 16)         // external attributes: rw-------
        out.append32(Swift.min(offset, max32))
        out += fileName
        if !extra.isEmpty {
            out.append16(0x0001)
            out.append16(extra.count)
            out += extra
        }
        return out
    }

    /// The end-of-central-directory record, preceded by zip64's record and locator when the
    /// count, the directory's size or its offset do not fit the classic fields.
    static func endRecords(count: Int, centralSize: Int, centralOffset: Int) -> [UInt8] {
        var out: [UInt8] = []
        if count >= max16 || centralSize >= max32 || centralOffset >= max32 {
            let recordOffset = centralOffset + centralSize
            out.append32(0x0606_4b50)
            out.append64(44)              // size of the rest of the record
            out.append16(45)
            out.append16(45)
            out.append32(0)               // this disk
            out.append32(0)               // the directory's disk
            out.append64(count)
            out.append64(count)
            out.append64(centralSize)
            out.append64(centralOffset)
            out.append32(0x0706_4b50)     // locator
            out.append32(0)
            out.append64(recordOffset)
            out.append32(1)               // disks
        }
        out.append32(0x0605_4b50)
        out.append16(0)
        out.append16(0)
        out.append16(Swift.min(count, max16))
        out.append16(Swift.min(count, max16))
        out.append32(Swift.min(centralSize, max32))
        out.append32(Swift.min(centralOffset, max32))
        out.append16(0)
        return out
    }

    // MARK: Decoding

    /// One entry of the central directory, its numbers checked against the archive.
    struct Entry {
        let name: String
        let method: Int
        let crc: UInt32
        /// Where the entry's (stored or deflated) bytes are in the archive.
        let data: Range<Int>
        let size: Int
    }

    /// The arrays of an `.npz` archive's bytes.
    public static func decode(_ bytes: [UInt8]) throws -> [(name: String, array: NDArray)] {
        var result: [(name: String, array: NDArray)] = []
        for entry in try entries(bytes) {
            let fileName = entry.name
            let stored = Array(bytes[entry.data])
            let data: [UInt8]
            if entry.method == 8 {
                do { data = try Inflate.decompress(stored, expectedSize: entry.size) } catch let e as Inflate.Failure {
                    throw invalid("'\(fileName)' in the .npz file is corrupt (\(e.message))")
                }
                guard data.count == entry.size else { throw invalid("'\(fileName)' in the .npz file is corrupt (wrong size)") }
            } else {
                data = stored
            }
            guard crc32(data) == entry.crc else { throw invalid("'\(fileName)' in the .npz file is corrupt (CRC-32 mismatch)") }
            let array: NDArray
            do { array = try NPY.decode(data) } catch let e as TensorError {
                throw NPY.naming(fileName, in: e)
            }
            let key = fileName.hasSuffix(".npy") ? String(fileName.dropLast(4)) : fileName
            result.append((key, array))
        }
        return result
    }

    static func invalid(_ message: String) -> TensorError { .invalid(operation: "load", message: message) }

    /// The entries of the archive's central directory, each checked: its data lies inside
    /// the archive, its size can be allocated, its method is one dz reads.
    static func entries(_ bytes: [UInt8]) throws -> [Entry] {
        let zip = ZipBytes(bytes: bytes)
        guard bytes.count >= 4, [[0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06]].contains(Array(bytes[0..<4])) else {
            throw invalid("not a .npz file (not a zip archive)")
        }
        // The end-of-central-directory record: the last signature within 64 KiB of the end.
        guard bytes.count >= 22 else { throw invalid("not a valid .npz file (too short for a zip archive)") }
        var end = bytes.count - 22
        let lowest = Swift.max(0, bytes.count - 22 - max16)
        while end >= lowest, try zip.u32(end) != 0x0605_4b50 { end -= 1 }
        guard end >= lowest else { throw invalid("not a valid .npz file (no zip end-of-central-directory record)") }
        var count = try zip.u16(end + 10)
        var position = try zip.u32(end + 16)
        let centralSize = try zip.u32(end + 12)
        // zip64: the locator just before points at the zip64 end record.
        if count == max16 || position == max32 || centralSize == max32, end >= 20, try zip.u32(end - 20) == 0x0706_4b50 {
            let record = try zip.offset(zip.u64(end - 20 + 8), needing: 56, what: "zip64 end record")
            guard try zip.u32(record) == 0x0606_4b50 else { throw invalid("not a valid .npz file (bad zip64 end record)") }
            count = try zip.number(zip.u64(record + 32), what: "entry count")
            position = try zip.offset(zip.u64(record + 48), needing: 0, what: "central directory")
        }
        guard position <= bytes.count else { throw invalid("not a valid .npz file (the central directory starts past the end of the file)") }
        // A directory entry takes at least 46 bytes: a count that cannot fit is a lie.
        guard count <= (bytes.count - position) / 46 else {
            throw invalid("not a valid .npz file (it claims \(count) entries but has room for \((bytes.count - position) / 46))")
        }
        var result: [Entry] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            guard try zip.u32(position) == 0x0201_4b50 else { throw invalid("not a valid .npz file (bad central directory)") }
            let method = try zip.u16(position + 10)
            let crc = UInt32(try zip.u32(position + 16))
            var compressedSize = try zip.u32(position + 20)
            var size = try zip.u32(position + 24)
            let nameLength = try zip.u16(position + 28)
            let extraLength = try zip.u16(position + 30)
            let commentLength = try zip.u16(position + 32)
            var localOffset = try zip.u32(position + 42)
            let nameStart = position + 46
            let extraEnd = nameStart + nameLength + extraLength
            guard extraEnd + commentLength <= bytes.count else { throw invalid("not a valid .npz file (truncated central directory)") }
            let fileName = String(decoding: bytes[nameStart..<nameStart + nameLength], as: UTF8.self)
            // zip64 extra field: the 64-bit values of the fields saturated above, in order.
            var extra = nameStart + nameLength
            while extra + 4 <= extraEnd {
                let id = try zip.u16(extra), length = try zip.u16(extra + 2)
                let fieldEnd = extra + 4 + length
                guard fieldEnd <= extraEnd else { throw invalid("not a valid .npz file (bad extra field for '\(fileName)')") }
                if id == 0x0001 {
                    var field = extra + 4
                    func next(_ what: String) throws -> Int {
                        guard field + 8 <= fieldEnd else { throw invalid("not a valid .npz file (short zip64 field for '\(fileName)')") }
                        defer { field += 8 }
                        return try zip.number(zip.u64(field), what: "\(what) of '\(fileName)'")
                    }
                    if size == max32 { size = try next("size") }
                    if compressedSize == max32 { compressedSize = try next("compressed size") }
                    if localOffset == max32 { localOffset = try next("offset") }
                }
                extra = fieldEnd
            }
            position = extraEnd + commentLength
            guard method == 0 || method == 8 else {
                throw invalid("'\(fileName)' is compressed with zip method \(method); dz reads stored and deflated entries")
            }
            let local = try zip.offset(localOffset, needing: 30, what: "local header of '\(fileName)'")
            guard try zip.u32(local) == 0x0403_4b50 else { throw invalid("not a valid .npz file (bad local header for '\(fileName)')") }
            let dataStart = local + 30 + (try zip.u16(local + 26)) + (try zip.u16(local + 28))
            guard dataStart <= bytes.count, compressedSize <= bytes.count - dataStart else {
                throw invalid("not a valid .npz file ('\(fileName)' is truncated: it claims \(compressedSize) bytes)")
            }
            guard method == 8 || compressedSize == size else {
                throw invalid("not a valid .npz file ('\(fileName)' is stored with \(compressedSize) bytes but claims \(size))")
            }
            // Deflate expands at most 1032 to 1; and the result must fit in memory.
            guard size / 1032 <= compressedSize + 1 else {
                throw invalid("'\(fileName)' in the .npz file is corrupt (\(compressedSize) compressed bytes cannot make \(size))")
            }
            guard size <= MemoryLimit.maxElements * MemoryLayout<Double>.stride else {
                throw invalid("'\(fileName)' claims \(size) bytes, more than this machine's memory")
            }
            result.append(Entry(name: fileName, method: method, crc: crc, data: dataStart..<dataStart + compressedSize, size: size))
        }
        return result
    }

    /// Little-endian numbers at offsets of an archive, every read checked against its length.
    struct ZipBytes {
        let bytes: [UInt8]

        func u16(_ at: Int) throws -> Int {
            guard at >= 0, at <= bytes.count - 2 else { throw invalid("not a valid .npz file (truncated zip structure)") }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8
        }

        func u32(_ at: Int) throws -> Int { let lo = try u16(at), hi = try u16(at + 2); return lo | hi << 16 }

        func u64(_ at: Int) throws -> UInt64 {
            let lo = try u32(at), hi = try u32(at + 4)
            return UInt64(lo) | UInt64(hi) << 32
        }

        /// A 64-bit count or size as an `Int`, if it can be one at all in this archive.
        func number(_ value: UInt64, what: String) throws -> Int {
            guard value <= UInt64(Int.max) else { throw invalid("not a valid .npz file (the \(what) is \(value))") }
            return Int(value)
        }

        /// An offset from the file with `needing` bytes after it inside the archive.
        func offset(_ value: UInt64, needing: Int, what: String) throws -> Int {
            guard value <= UInt64(bytes.count), Int(value) <= bytes.count - needing else {
                throw invalid("not a valid .npz file (the \(what) at offset \(value) is past the end of the file of \(bytes.count) bytes)")
            }
            return Int(value)
        }

        func offset(_ value: Int, needing: Int, what: String) throws -> Int {
            try offset(UInt64(value), needing: needing, what: what)
        }
    }

    // MARK: CRC-32

    /// The CRC-32 of zip (polynomial 0xEDB88320, reflected), as `zlib.crc32`.
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes { crc = crcTable[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }
}

extension Array where Element == UInt8 {
    /// Appends the low `count` bytes of `v`, least significant first.
    fileprivate mutating func appendLittleEndian(_ v: UInt64, count: Int) {
        for i in 0..<count { append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
    }
    fileprivate mutating func append16(_ v: Int) {
        precondition(v >= 0 && v <= 0xFFFF, "zip field out of range")
        appendLittleEndian(UInt64(v), count: 2)
    }
    fileprivate mutating func append32(_ v: UInt32) { appendLittleEndian(UInt64(v), count: 4) }
    fileprivate mutating func append32(_ v: Int) {
        precondition(v >= 0 && v <= 0xFFFF_FFFF, "zip field out of range")
        appendLittleEndian(UInt64(v), count: 4)
    }
    fileprivate mutating func append64(_ v: Int) { appendLittleEndian(UInt64(v), count: 8) }
}
