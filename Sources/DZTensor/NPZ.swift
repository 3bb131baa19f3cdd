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
/// its CRC-32, named `KEY.npy`. Reading accepts stored entries (`np.savez`) and deflated
/// ones (`np.savez_compressed`, which DeZero's `save_weights` uses), inflated by
/// ``Inflate`` without zlib. Sizes come from the central directory, so the zip64 local
/// headers numpy writes are read too; the CRC of every entry is checked.
public enum NPZ {
    /// Reads every array of an `.npz` file, in archive order, keyed without `.npy`.
    public static func read(contentsOf path: String) throws -> [(name: String, array: NDArray)] {
        try decode(NPY.readFile(path))
    }

    /// Writes `arrays` as an uncompressed `.npz` file, replacing any file at `path`.
    public static func write(_ arrays: [(name: String, array: NDArray)], to path: String) throws {
        let bytes = encode(arrays)
        guard let file = fopen(path, "wb") else {
            throw TensorError.invalid(operation: "save", message: "cannot open '\(path)' for writing: \(String(cString: strerror(errno)))")
        }
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        let closed = fclose(file)
        guard written == bytes.count, closed == 0 else {
            throw TensorError.invalid(operation: "save", message: "cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    // MARK: Encoding

    /// The bytes of a zip archive holding `KEY.npy` for each array (stored, CRC-32, no
    /// timestamps: 1980-01-01 00:00 as numpy's own entries).
    public static func encode(_ arrays: [(name: String, array: NDArray)]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for (name, array) in arrays {
            let data = NPY.encode(array)
            let fileName = Array((name + ".npy").utf8)
            let crc = crc32(data)
            let offset = UInt32(out.count)
            // Local file header.
            out.append32(0x0403_4b50)
            out.append16(20)              // version needed: 2.0
            out.append16(0)               // flags
            out.append16(0)               // method: stored
            out.append16(0)               // time 00:00:00
            out.append16(0x21)            // date 1980-01-01
            out.append32(crc)
            out.append32(UInt32(data.count))
            out.append32(UInt32(data.count))
            out.append16(UInt16(fileName.count))
            out.append16(0)               // extra length
            out += fileName
            out += data
            // Central directory entry.
            central.append32(0x0201_4b50)
            central.append16(0x0314)      // made by: Unix, 2.0
            central.append16(20)
            central.append16(0)
            central.append16(0)
            central.append16(0)
            central.append16(0x21)
            central.append32(crc)
            central.append32(UInt32(data.count))
            central.append32(UInt32(data.count))
            central.append16(UInt16(fileName.count))
            central.append16(0)           // extra
            central.append16(0)           // comment
            central.append16(0)           // disk
            central.append16(0)           // internal attributes
            central.append32(0o600 << 16) // external attributes: rw-------
            central.append32(offset)
            central += fileName
        }
        let centralOffset = UInt32(out.count)
        out += central
        out.append32(0x0605_4b50)
        out.append16(0)
        out.append16(0)
        out.append16(UInt16(arrays.count))
        out.append16(UInt16(arrays.count))
        out.append32(UInt32(central.count))
        out.append32(centralOffset)
        out.append16(0)
        return out
    }

    // MARK: Decoding

    /// The arrays of an `.npz` archive's bytes.
    public static func decode(_ bytes: [UInt8]) throws -> [(name: String, array: NDArray)] {
        func fail(_ message: String) -> TensorError { .invalid(operation: "load", message: message) }
        func u16(_ at: Int) throws -> Int {
            guard at >= 0, at + 2 <= bytes.count else { throw fail("not a valid .npz file (truncated zip structure)") }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8
        }
        func u32(_ at: Int) throws -> Int { let lo = try u16(at), hi = try u16(at + 2); return lo | hi << 16 }
        func u64(_ at: Int) throws -> Int { let lo = try u32(at), hi = try u32(at + 4); return lo | hi << 32 }

        // The end-of-central-directory record: the last signature within 64 KiB of the end.
        guard bytes.count >= 22 else { throw fail("not a valid .npz file (too short for a zip archive)") }
        var end = bytes.count - 22
        let lowest = Swift.max(0, bytes.count - 22 - 65_535)
        while end >= lowest, try u32(end) != 0x0605_4b50 { end -= 1 }
        guard end >= lowest else { throw fail("not a valid .npz file (no zip end-of-central-directory record)") }
        var count = try u16(end + 10)
        var position = try u32(end + 16)
        // zip64: the locator just before points at the zip64 end record.
        if (count == 0xFFFF || position == 0xFFFF_FFFF), end >= 20, try u32(end - 20) == 0x0706_4b50 {
            let record = try u64(end - 20 + 8)
            guard try u32(record) == 0x0606_4b50 else { throw fail("not a valid .npz file (bad zip64 record)") }
            count = try u64(record + 32)
            position = try u64(record + 48)
        }
        var result: [(name: String, array: NDArray)] = []
        for _ in 0..<count {
            guard try u32(position) == 0x0201_4b50 else { throw fail("not a valid .npz file (bad central directory)") }
            let method = try u16(position + 10)
            let crc = UInt32(try u32(position + 16))
            var compressedSize = try u32(position + 20)
            var size = try u32(position + 24)
            let nameLength = try u16(position + 28)
            let extraLength = try u16(position + 30)
            let commentLength = try u16(position + 32)
            var localOffset = try u32(position + 42)
            let nameStart = position + 46
            guard nameStart + nameLength <= bytes.count else { throw fail("not a valid .npz file (truncated)") }
            let fileName = String(decoding: bytes[nameStart..<nameStart + nameLength], as: UTF8.self)
            // zip64 extra field: the 64-bit values of the fields saturated above, in order.
            var extra = nameStart + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = try u16(extra), length = try u16(extra + 2)
                if id == 0x0001 {
                    var field = extra + 4
                    if size == 0xFFFF_FFFF { size = try u64(field); field += 8 }
                    if compressedSize == 0xFFFF_FFFF { compressedSize = try u64(field); field += 8 }
                    if localOffset == 0xFFFF_FFFF { localOffset = try u64(field) }
                }
                extra += 4 + length
            }
            position = extraEnd + commentLength
            guard method == 0 || method == 8 else {
                throw fail("'\(fileName)' is compressed with zip method \(method); dz reads stored and deflated entries")
            }
            guard try u32(localOffset) == 0x0403_4b50 else { throw fail("not a valid .npz file (bad local header for '\(fileName)')") }
            let localName = try u16(localOffset + 26), localExtra = try u16(localOffset + 28)
            let dataStart = localOffset + 30 + localName + localExtra
            guard dataStart + compressedSize <= bytes.count, method == 8 || compressedSize == size else {
                throw fail("not a valid .npz file ('\(fileName)' is truncated)")
            }
            let stored = Array(bytes[dataStart..<dataStart + compressedSize])
            let data: [UInt8]
            if method == 8 {
                do { data = try Inflate.decompress(stored, expectedSize: size) } catch let e as Inflate.Failure {
                    throw fail("'\(fileName)' in the .npz file is corrupt (\(e.message))")
                }
                guard data.count == size else { throw fail("'\(fileName)' in the .npz file is corrupt (wrong size)") }
            } else {
                data = stored
            }
            guard crc32(data) == crc else { throw fail("'\(fileName)' in the .npz file is corrupt (CRC-32 mismatch)") }
            let array: NDArray
            do { array = try NPY.decode(data) } catch let e as TensorError {
                throw fail("'\(fileName)': " + (e.description.hasPrefix("load: ") ? String(e.description.dropFirst(6)) : e.description))
            }
            let key = fileName.hasSuffix(".npy") ? String(fileName.dropLast(4)) : fileName
            result.append((key, array))
        }
        return result
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
    fileprivate mutating func append16(_ v: UInt16) {
        append(UInt8(v & 0xFF)); append(UInt8(v >> 8))
    }
    fileprivate mutating func append32(_ v: UInt32) {
        append16(UInt16(v & 0xFFFF)); append16(UInt16(v >> 16))
    }
}
