import DZTensor

/// Small IDX files (the MNIST format) made in tests, gzip-compressed with stored deflate
/// blocks, so that the dataset readers are tested without downloading anything.
public enum CraftedIDX {
    /// An IDX file of unsigned bytes of `shape` (type 0x08), not compressed.
    public static func unsignedBytes(shape: [Int], _ values: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0, 0, 0x08, UInt8(shape.count)]
        for d in shape { out += [UInt8(d >> 24 & 0xff), UInt8(d >> 16 & 0xff), UInt8(d >> 8 & 0xff), UInt8(d & 0xff)] }
        return out + values
    }

    /// `data` as a gzip file whose deflate stream is made of stored blocks.
    public static func gzip(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]
        var start = 0
        repeat {
            let n = Swift.min(65535, data.count - start)
            let last = start + n == data.count
            out.append(last ? 1 : 0)
            out += [UInt8(n & 0xff), UInt8(n >> 8), UInt8(~n & 0xff), UInt8((~n >> 8) & 0xff)]
            out += data[start..<start + n]
            start += n
        } while start < data.count
        let crc = NPZ.crc32(data), size = UInt32(truncatingIfNeeded: data.count)
        for v in [crc, size] { out += [UInt8(v & 0xff), UInt8(v >> 8 & 0xff), UInt8(v >> 16 & 0xff), UInt8(v >> 24)] }
        return out
    }
}
