// The IDX format of the MNIST and Fashion-MNIST files (`train-images-idx3-ubyte.gz`, ...),
// gzip-compressed: a magic number (0, 0, type, number of axes), the extents as big-endian
// 32-bit integers, then the elements in row-major order.

/// gzip (RFC 1952) decompression of the first member of a file, on ``Inflate``.
public enum Gzip {
    /// The decompressed bytes of `bytes`, checked against the trailer's CRC-32 and size;
    /// throws `TensorError.invalid` under `operation` for anything that is not valid gzip.
    public static func decompress(_ bytes: [UInt8], operation: String, name: String, limit: Int = 1 << 32) throws -> [UInt8] {
        func invalid(_ why: String) -> TensorError { .invalid(operation: operation, message: "'\(name)' is not a valid gzip file: \(why)") }
        guard bytes.count >= 18 else { throw invalid("it is only \(bytes.count) bytes long") }
        guard bytes[0] == 0x1f, bytes[1] == 0x8b else { throw invalid("it does not start with the gzip magic number 1f 8b") }
        guard bytes[2] == 8 else { throw invalid("compression method \(bytes[2]) is not deflate (8)") }
        let flags = bytes[3]
        var p = 10
        if flags & 0x04 != 0 {    // FEXTRA
            guard p + 2 <= bytes.count else { throw invalid("the header is cut short") }
            p += 2 + (Int(bytes[p]) | Int(bytes[p + 1]) << 8)
        }
        for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {    // FNAME, FCOMMENT: zero-terminated
            while p < bytes.count && bytes[p] != 0 { p += 1 }
            p += 1
        }
        if flags & 0x02 != 0 { p += 2 }    // FHCRC
        guard p + 8 <= bytes.count else { throw invalid("the header is cut short") }
        let trailer = bytes.count - 8
        let crc = UInt32(bytes[trailer]) | UInt32(bytes[trailer + 1]) << 8 | UInt32(bytes[trailer + 2]) << 16 | UInt32(bytes[trailer + 3]) << 24
        let size = Int(bytes[trailer + 4]) | Int(bytes[trailer + 5]) << 8 | Int(bytes[trailer + 6]) << 16 | Int(bytes[trailer + 7]) << 24
        guard size <= limit else { throw invalid("it says it holds \(size) bytes, more than the \(limit) allowed") }
        guard MemoryLimit.admits(bytes: size) else { throw TensorError.invalid(operation: operation, message: "'\(name)' decompresses to \(size) bytes, which do not fit in memory") }
        let data: [UInt8]
        do { data = try Inflate.decompress(Array(bytes[p..<trailer]), expectedSize: size) } catch let e as Inflate.Failure {
            throw invalid(e.message)
        }
        // The size is stored modulo 2^32; the inflater may have stopped at the first member.
        guard data.count & 0xffff_ffff == size else { throw invalid("it decompresses to \(data.count) bytes, the trailer says \(size)") }
        guard NPZ.crc32(data) == crc else { throw invalid("CRC-32 mismatch (the file is corrupt)") }
        return data
    }
}

/// An IDX file: the extents and the elements (as doubles).
public enum IDX {
    /// The array an IDX file holds, of the shape its header gives; unsigned bytes (0x08),
    /// signed bytes (0x09), 16- and 32-bit big-endian integers (0x0B, 0x0C), and 32- and
    /// 64-bit floats (0x0D, 0x0E). Throws under `operation`, naming the file, for a
    /// malformed header or a size that does not match.
    public static func decode(_ bytes: [UInt8], operation: String, name: String) throws -> NDArray {
        func invalid(_ why: String) -> TensorError { .invalid(operation: operation, message: "'\(name)' is not an IDX file: \(why)") }
        guard bytes.count >= 4, bytes[0] == 0, bytes[1] == 0 else { throw invalid("it does not start with the IDX magic number 00 00") }
        let type = bytes[2], ndim = Int(bytes[3])
        let width: Int
        switch type {
        case 0x08, 0x09: width = 1
        case 0x0B: width = 2
        case 0x0C, 0x0D: width = 4
        case 0x0E: width = 8
        default: throw invalid("unknown element type 0x\(String(type, radix: 16))")
        }
        guard ndim >= 1 else { throw invalid("it has no axes") }
        guard bytes.count >= 4 + 4 * ndim else { throw invalid("the header is cut short") }
        func be32(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
        }
        let shape = (0..<ndim).map { Int(be32(4 + 4 * $0)) }
        let count = try NDArray.checkedCount(shape, operation: operation)
        let start = 4 + 4 * ndim
        let (total, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow, bytes.count - start == total else {
            throw invalid("the header says \(formatShape(shape)) (\(count) elements of \(width) byte\(width == 1 ? "" : "s")), but \(bytes.count - start) bytes follow it")
        }
        let result = try NDArray(uninitializedShape: shape, count: count, operation: operation, dtype: .float64)
        let out = result.buffer.base
        bytes.withUnsafeBufferPointer { b in
            for i in 0..<count {
                let at = start + i * width
                switch type {
                case 0x08: out[i] = Double(b[at])
                case 0x09: out[i] = Double(Int8(bitPattern: b[at]))
                case 0x0B: out[i] = Double(Int16(bitPattern: UInt16(b[at]) << 8 | UInt16(b[at + 1])))
                case 0x0C: out[i] = Double(Int32(bitPattern: be32(at)))
                case 0x0D: out[i] = Double(Float(bitPattern: be32(at)))
                default: out[i] = Double(bitPattern: UInt64(be32(at)) << 32 | UInt64(be32(at + 4)))
                }
            }
        }
        return result
    }
}
