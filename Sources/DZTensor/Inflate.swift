/// Decompression of raw DEFLATE data (RFC 1951), for the entries of `.npz` files written by
/// `np.savez_compressed` (DeZero's `save_weights`). Stored, fixed-Huffman and
/// dynamic-Huffman blocks; malformed input throws, never traps.
enum Inflate {
    struct Failure: Error { let message: String }

    /// Reads bits least-significant first, as DEFLATE packs them.
    struct BitReader {
        let bytes: [UInt8]
        var position = 0
        var bitBuffer: UInt64 = 0
        var bitCount = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func bits(_ n: Int) throws -> Int {
            while bitCount < n {
                guard position < bytes.count else { throw Failure(message: "unexpected end of compressed data") }
                bitBuffer |= UInt64(bytes[position]) << UInt64(bitCount)
                position += 1
                bitCount += 8
            }
            let value = Int(bitBuffer & ((1 << UInt64(n)) - 1))
            bitBuffer >>= UInt64(n)
            bitCount -= n
            return value
        }

        mutating func alignToByte() {
            bitBuffer = 0
            bitCount = 0
        }
    }

    /// A canonical Huffman code: counts of codes per length and symbols in code order.
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []

        init(lengths: [Int]) throws {
            for l in lengths { counts[l] += 1 }
            counts[0] = 0
            var offsets = [Int](repeating: 0, count: 16)
            for l in 1..<16 { offsets[l] = offsets[l - 1] + counts[l - 1] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, l) in lengths.enumerated() where l != 0 {
                symbols[offsets[l]] = symbol
                offsets[l] += 1
            }
        }

        func decode(_ reader: inout BitReader) throws -> Int {
            var code = 0, first = 0, index = 0
            for length in 1..<16 {
                code |= try reader.bits(1)
                let count = counts[length]
                if code - first < count { return symbols[index + code - first] }
                index += count
                first = (first + count) << 1
                code <<= 1
            }
            throw Failure(message: "invalid Huffman code")
        }
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
                               4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// The decompressed bytes; `expectedSize` (from the zip directory) bounds the output.
    static func decompress(_ data: [UInt8], expectedSize: Int) throws -> [UInt8] {
        var reader = BitReader(data)
        var out: [UInt8] = []
        out.reserveCapacity(Swift.min(expectedSize, data.count * 1032 + 1032))  // deflate's largest ratio
        var last = false
        while !last {
            last = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 0:
                reader.alignToByte()
                guard reader.position + 4 <= data.count else { throw Failure(message: "truncated stored block") }
                let p = reader.position
                let length = Int(data[p]) | Int(data[p + 1]) << 8
                let complement = Int(data[p + 2]) | Int(data[p + 3]) << 8
                guard length == ~complement & 0xFFFF, p + 4 + length <= data.count else { throw Failure(message: "bad stored block") }
                out += data[(p + 4)..<(p + 4 + length)]
                reader.position = p + 4 + length
            case 1:
                let lengths = [Int](repeating: 8, count: 144) + [Int](repeating: 9, count: 112)
                    + [Int](repeating: 7, count: 24) + [Int](repeating: 8, count: 8)
                try inflateBlock(&reader, &out, literals: Huffman(lengths: lengths),
                                 distances: Huffman(lengths: [Int](repeating: 5, count: 30)), limit: expectedSize)
            case 2:
                let hlit = try reader.bits(5) + 257, hdist = try reader.bits(5) + 1, hclen = try reader.bits(4) + 4
                var codeLengths = [Int](repeating: 0, count: 19)
                for i in 0..<hclen { codeLengths[codeLengthOrder[i]] = try reader.bits(3) }
                let codeLengthCode = try Huffman(lengths: codeLengths)
                var lengths: [Int] = []
                while lengths.count < hlit + hdist {
                    let symbol = try codeLengthCode.decode(&reader)
                    switch symbol {
                    case 0..<16: lengths.append(symbol)
                    case 16:
                        guard let previous = lengths.last else { throw Failure(message: "repeat with no previous length") }
                        lengths += [Int](repeating: previous, count: 3 + (try reader.bits(2)))
                    case 17: lengths += [Int](repeating: 0, count: 3 + (try reader.bits(3)))
                    default: lengths += [Int](repeating: 0, count: 11 + (try reader.bits(7)))
                    }
                }
                guard lengths.count == hlit + hdist else { throw Failure(message: "too many code lengths") }
                try inflateBlock(&reader, &out, literals: Huffman(lengths: Array(lengths[0..<hlit])),
                                 distances: Huffman(lengths: Array(lengths[hlit...])), limit: expectedSize)
            default:
                throw Failure(message: "invalid block type")
            }
            guard out.count <= expectedSize else { throw Failure(message: "more data than the directory says") }
        }
        return out
    }

    static func inflateBlock(_ reader: inout BitReader, _ out: inout [UInt8], literals: Huffman, distances: Huffman, limit: Int) throws {
        while true {
            let symbol = try literals.decode(&reader)
            if symbol < 256 {
                out.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let i = symbol - 257
                guard i < lengthBase.count else { throw Failure(message: "invalid length code") }
                let length = lengthBase[i] + (try reader.bits(lengthExtra[i]))
                let d = try distances.decode(&reader)
                guard d < distanceBase.count else { throw Failure(message: "invalid distance code") }
                let distance = distanceBase[d] + (try reader.bits(distanceExtra[d]))
                guard distance <= out.count else { throw Failure(message: "distance too far back") }
                guard out.count + length <= limit else { throw Failure(message: "more data than the directory says") }
                let start = out.count - distance
                for k in 0..<length { out.append(out[start + k]) }
            }
        }
    }
}
