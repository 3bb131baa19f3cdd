#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and writing numpy's `.npy` files.
///
/// ```swift
/// try NPY.write(a, to: "a.npy")              // np.load("a.npy") reads it back
/// let b = try NPY.read(contentsOf: "b.npy")  // np.save("b.npy", b) wrote it
/// ```
///
/// Reading accepts format versions 1.0, 2.0 and 3.0; C and Fortran order; 0-d and empty
/// arrays; and these dtypes, in either byte order: `f8` (float64), `f4` and `f2` (float32,
/// exactly), `i8 i4 i2 i1` and `u4 u2 u1` (int64, exactly), `u8` (int64, wrapping as numpy's
/// `astype(int64)` does), `b1` (bool).
/// Anything else (object or structured dtypes, strings, complex, truncated or trailing data,
/// a bad magic string, a malformed header, a huge shape) throws a ``TensorError`` with
/// operation `load` saying what is wrong.
///
/// Writing produces version 1.0, C order, in the array's dtype (`<f8`, `<f4`, `<i8`, `|b1`),
/// with the header and data numpy writes byte for byte (including its spare space and its
/// padding to a multiple of 64 bytes).
public enum NPY {
    /// The magic string that opens every `.npy` file.
    static let magic: [UInt8] = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]  // "\x93NUMPY"
    /// numpy's alignment of the data start.
    static let alignment = 64
    /// numpy's spare space for the growth axis (`GROWTH_AXIS_MAX_DIGITS`).
    static let growthAxisMaxDigits = 21
    /// numpy's limit on the header length (`_MAX_HEADER_SIZE`).
    static let maxHeaderLength = 10_000

    // MARK: Files

    /// Reads a `.npy` file. Every error names the file: `load: 'a.npy': file is truncated ...`.
    public static func read(contentsOf path: String) throws -> NDArray {
        let bytes = try readFile(path, deciding: decidingLength)
        do { return try decode(bytes) } catch let error as TensorError { throw naming(path, in: error) }
    }

    /// Writes `a` as a version 1.0, C-order `.npy` file of its dtype, replacing any file at `path`
    /// only once it is written whole (``AtomicFile``).
    public static func write(_ a: NDArray, to path: String) throws {
        do { try AtomicFile.write(encode(a), to: path) } catch let failure as AtomicFile.Failure {
            throw TensorError.invalid(operation: "save", message: failure.message(lowercased: true))
        }
    }

    /// `error` (from decoding the file at `path`) as an error of `load` that names the file:
    /// `load: 'a.npy': negative dimensions are not allowed, got shape (-1,)`.
    static func naming(_ path: String, in error: TensorError, operation: String = "load") -> TensorError {
        let name = "'\(AtomicFile.printableName(path))'"
        var message: String
        if case let .invalid(_, text) = error {
            message = text
        } else {
            // The description without its "operation: " prefix.
            message = error.renamed(to: "\u{1}").description
            if message.hasPrefix("\u{1}: ") { message.removeFirst(3) }
        }
        return .invalid(operation: operation, message: message.hasPrefix(name) ? message : "\(name): \(message)")
    }

    /// The contents of a file, read until `deciding` (given the bytes so far) says how many
    /// decide the outcome: a device or a pipe may never end. Nil from `deciding` reads on,
    /// at most `limit` bytes; a file beyond it is an error.
    static func readFile(_ path: String, operation: String = "load", limit: Int = .max,
                         deciding decidingLength: ([UInt8]) -> Int? = NPY.decidingLength) throws -> [UInt8] {
        func failure(_ message: String) -> TensorError { .invalid(operation: operation, message: message) }
        func tooLarge() -> TensorError {
            failure("'\(path)' is too large to read into this machine's memory (more than \(limit) bytes)")
        }
        guard !path.utf8.contains(0) else {
            throw failure("cannot open '\(AtomicFile.printableName(path))': a file name cannot contain a NUL byte")
        }
        // Interruptible: a FIFO without a writer, or a stalled one, gives way to Ctrl-C.
        let fd = try FileContents.open(path)
        guard fd >= 0 else {
            throw failure("cannot open '\(path)': \(errnoMessage())")
        }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) > limit { throw tooLarge() }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var deciding: Int? = nil
        while true {
            // read(2), not fread: a pipe's partial reads are seen as they come.
            let n = try chunk.withUnsafeMutableBytes { (raw) throws(Interrupted) in
                try FileContents.read(fd, into: raw.baseAddress!, count: raw.count)
            }
            if n < 0 {
                throw failure("cannot read '\(path)': \(errnoMessage())")
            }
            if n == 0 { break }
            guard n <= limit - bytes.count else { throw tooLarge() }
            bytes.append(contentsOf: chunk[0..<n])
            // Stop once the outcome is decided (a device or pipe may never end).
            if deciding == nil { deciding = decidingLength(bytes) }
            if let deciding, bytes.count > deciding { break }
        }
        return bytes
    }

    /// The C library's description of `errno`, starting lowercase.
    private static func errnoMessage() -> String {
        let text = String(cString: strerror(errno))
        guard let first = text.first else { return "unknown error" }
        return first.lowercased() + text.dropFirst()
    }

    // MARK: Encoding

    /// The `.npy` dtype string numpy writes for `dtype` on a little-endian machine.
    public static func descr(of dtype: DZTensor.DType) -> String {
        switch dtype {
        case .float64: "<f8"
        case .float32: "<f4"
        case .int64: "<i8"
        case .bool: "|b1"
        }
    }

    /// The bytes of `a` as a C-order `.npy` file of its dtype, as `np.save` writes them:
    /// version 1.0 (version 2.0 only if the header outgrows 1.0's 2-byte length, which takes
    /// thousands of axes).
    public static func encode(_ a: NDArray) -> [UInt8] {
        var header = "{'descr': '\(descr(of: a.dtype))', 'fortran_order': False, 'shape': \(formatShape(a.shape)), }"
        if let first = a.shape.first {
            header += String(repeating: " ", count: max(growthAxisMaxDigits - String(first).count, 0))
        }
        var version: UInt8 = 1
        var prefix = wrappedHeader(Array(header.utf8), lengthSize: 2)
        if prefix.count - 10 > Int(UInt16.max) {
            version = 2
            prefix = wrappedHeader(Array(header.utf8), lengthSize: 4)
        }
        prefix[6] = version

        // The slots in row-major order: float64 and int64 slots hold the 8 bytes numpy
        // writes, a float32 slot the exact float32 value, a bool slot 0 or 1 (``DType``).
        let slots = a.rawSlots
        var bytes = prefix
        bytes.reserveCapacity(prefix.count + slots.count * a.dtype.itemSize)
        func append(_ bits: UInt64, width: Int) {
            var bits = bits
            for _ in 0..<width {
                bytes.append(UInt8(bits & 0xff))
                bits >>= 8
            }
        }
        switch a.dtype {
        case .float64, .int64:
            if 1.littleEndian == 1 {
                slots.withUnsafeBytes { bytes.append(contentsOf: $0) }
            } else {
                for v in slots { append(v.bitPattern, width: 8) }
            }
        case .float32:
            for v in slots { append(UInt64(Float(v).bitPattern), width: 4) }
        case .bool:
            for v in slots { bytes.append(v != 0 ? 1 : 0) }
        }
        return bytes
    }

    /// Magic, version placeholder, header length and header padded with spaces and a final
    /// newline so that the data starts at a multiple of 64 (numpy's `_wrap_header`).
    private static func wrappedHeader(_ header: [UInt8], lengthSize: Int) -> [UInt8] {
        let prefixLength = magic.count + 2 + lengthSize
        let unpadded = header.count + 1
        let padding = alignment - (prefixLength + unpadded) % alignment
        let length = unpadded + padding
        var bytes = magic + [1, 0]
        for i in 0..<lengthSize { bytes.append(UInt8((length >> (8 * i)) & 0xff)) }
        bytes += header
        bytes += [UInt8](repeating: 0x20, count: padding)
        bytes.append(0x0a)
        return bytes
    }

    // MARK: Decoding

    /// The array stored in the bytes of a `.npy` file.
    public static func decode(_ bytes: [UInt8]) throws -> NDArray {
        let (header, dataStart) = try decodeHeader(bytes)
        return try decodeData(bytes[dataStart...], header: header)
    }

    /// The header of a `.npy` file and the offset of its data.
    private static func decodeHeader(_ bytes: [UInt8]) throws -> (Header, dataStart: Int) {
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else {
            throw loadError("not a .npy file (bad magic string)")
        }
        guard bytes.count >= magic.count + 2 else {
            throw loadError("file is truncated: no format version")
        }
        let major = bytes[6], minor = bytes[7]
        let lengthSize: Int
        switch (major, minor) {
        case (1, 0): lengthSize = 2
        case (2, 0), (3, 0): lengthSize = 4
        default: throw loadError("unsupported .npy format version \(major).\(minor)")
        }
        guard bytes.count >= 8 + lengthSize else {
            throw loadError("file is truncated: no header length")
        }
        var headerLength = 0
        for i in 0..<lengthSize { headerLength |= Int(bytes[8 + i]) << (8 * i) }
        let headerStart = 8 + lengthSize
        guard bytes.count - headerStart >= headerLength else {
            throw loadError("file is truncated: the header needs \(headerLength) bytes but \(bytes.count - headerStart) remain")
        }
        let headerBytes = bytes[headerStart..<(headerStart + headerLength)]
        let headerText: [Unicode.Scalar]
        if major == 3 {
            guard let text = String(validating: headerBytes, as: UTF8.self) else {
                throw loadError("malformed header: not valid utf-8")
            }
            headerText = Array(text.unicodeScalars)
        } else {
            headerText = headerBytes.map { Unicode.Scalar($0) }  // latin-1
        }
        guard headerText.count <= maxHeaderLength else {
            throw loadError("header is too large (\(headerText.count) characters, at most \(maxHeaderLength))")
        }
        return (try Header(parsing: headerText), headerStart + headerLength)
    }

    /// How many bytes of a file starting with `prefix` decide what `decode` does: past it,
    /// the rest of the file cannot change the outcome (the magic string is wrong, the header
    /// is malformed, or the data is complete and any byte more is trailing data). Nil
    /// while the header is still incomplete. Lets ``read(contentsOf:)`` stop reading
    /// `/dev/zero` or an endless pipe instead of exhausting memory.
    static func decidingLength(_ prefix: [UInt8]) -> Int? {
        let known = Swift.min(prefix.count, magic.count)
        guard Array(prefix[0..<known]) == Array(magic[0..<known]) else { return 0 }
        guard prefix.count >= 8 else { return nil }
        let lengthSize = prefix[6] == 1 ? 2 : 4
        guard prefix.count >= 8 + lengthSize else { return nil }
        var headerLength = 0
        for i in 0..<lengthSize { headerLength |= Int(prefix[8 + i]) << (8 * i) }
        guard prefix.count >= 8 + lengthSize + headerLength else {
            return headerLength > 4 * maxHeaderLength ? 0 : nil
        }
        guard let (header, dataStart) = try? decodeHeader(prefix),
              let count = try? NDArray.checkedCount(header.shape, operation: "load") else { return 0 }
        let (size, overflow) = count.multipliedReportingOverflow(by: header.dtype.size)
        let (total, overflow2) = dataStart.addingReportingOverflow(size)
        return overflow || overflow2 ? 0 : total
    }

    /// Converts the data section to a row-major array of the dtype the file's maps to.
    private static func decodeData(_ data: ArraySlice<UInt8>, header: Header) throws -> NDArray {
        let count = try NDArray.checkedCount(header.shape, operation: "load")
        let dtype = header.dtype
        let (needed, overflow) = count.multipliedReportingOverflow(by: dtype.size)
        guard !overflow, needed == data.count else {
            let neededText = overflow ? "more than \(Int.max)" : "\(needed)"
            throw loadError("data has \(data.count) bytes but shape \(formatShape(header.shape)) "
                + "of dtype '\(header.descr)' needs \(neededText)")
        }
        // Decode straight into the result's buffer, in row-major order.
        let result = try NDArray(uninitializedShape: header.shape, count: count, operation: "load", dtype: dtype.target)
        let out = UnsafeMutableBufferPointer(start: result.buffer.base, count: count)
        let size = dtype.size
        data.withUnsafeBufferPointer { raw in
            if header.fortranOrder && header.shape.count > 1 {
                forEachFortranElement(shape: header.shape) { i, target in out[target] = dtype.slot(raw, at: i * size) }
            } else if size == 8 && (dtype.kind == .float || dtype.kind == .signed) && dtype.bigEndian == (1.bigEndian == 1) {
                // Native float64 or int64: the bytes are the slots.
                UnsafeMutableRawBufferPointer(out).copyMemory(from: UnsafeRawBufferPointer(raw))
            } else {
                for i in 0..<count { out[i] = dtype.slot(raw, at: i * size) }
            }
        }
        return result
    }

    /// Calls `body(i, target)` for each element of a column-major (Fortran-order) layout of
    /// `shape`: `i` is its position in storage, `target` its row-major position.
    @inline(__always)
    static func forEachFortranElement(shape: [Int], _ body: (_ i: Int, _ target: Int) -> Void) {
        let n = shape.count
        let count = shape.reduce(1, *)
        guard count > 0 else { return }
        let rowStrides = NDArray.contiguousStrides(for: shape)
        var index = [Int](repeating: 0, count: n)
        var target = 0
        for i in 0..<count {
            body(i, target)
            // Advance the multi-index with axis 0 fastest, tracking the row-major offset.
            var axis = 0
            while axis < n {
                index[axis] += 1
                target += rowStrides[axis]
                if index[axis] < shape[axis] { break }
                target -= rowStrides[axis] * shape[axis]
                index[axis] = 0
                axis += 1
            }
        }
    }

    /// Reorders elements stored column-major (first axis fastest) into row-major order.
    static func fortranToRowMajor(_ values: [Double], shape: [Int]) -> [Double] {
        var out = [Double](repeating: 0, count: values.count)
        forEachFortranElement(shape: shape) { i, target in out[target] = values[i] }
        return out
    }

    static func loadError(_ message: String) -> TensorError {
        .invalid(operation: "load", message: message)
    }
}

// MARK: - Dtypes

extension NPY {
    /// A supported element type: kind, size in bytes and byte order.
    struct DType {
        enum Kind { case float, signed, unsigned, bool }
        let kind: Kind
        let size: Int
        let bigEndian: Bool

        /// Parses a dtype string such as `<f8`, `>i4`, `|b1`, `?`.
        init(descr: String) throws {
            var text = Substring(descr)
            var bigEndian = false
            if let order = text.first, "<>|=!".contains(order) {
                bigEndian = order == ">" || order == "!"
                text = text.dropFirst()
            }
            self.bigEndian = bigEndian
            let code = String(text)
            switch code {
            case "f8", "d": (kind, size) = (.float, 8)
            case "f4", "f": (kind, size) = (.float, 4)
            case "f2", "e": (kind, size) = (.float, 2)
            case "i8", "q": (kind, size) = (.signed, 8)
            case "i4", "i": (kind, size) = (.signed, 4)
            case "i2", "h": (kind, size) = (.signed, 2)
            case "i1", "b": (kind, size) = (.signed, 1)
            case "u8", "Q": (kind, size) = (.unsigned, 8)
            case "u4", "I": (kind, size) = (.unsigned, 4)
            case "u2", "H": (kind, size) = (.unsigned, 2)
            case "u1", "B": (kind, size) = (.unsigned, 1)
            case "b1", "?": (kind, size) = (.bool, 1)
            case "O", "O8", "O4":
                throw NPY.loadError("object arrays (dtype '\(descr)') are not supported")
            default:
                let kind: String
                switch code.first {
                case "c": kind = "complex "
                case "U", "S", "a": kind = "string "
                case "V": kind = "void "
                case "M", "m": kind = "datetime "
                default: kind = ""
                }
                throw NPY.loadError("unsupported \(kind)dtype '\(descr)'")
            }
        }

        /// The dz dtype this file dtype is read as: floats of 8 bytes float64, smaller floats
        /// float32 (exactly), integers int64, bools bool.
        var target: DZTensor.DType {
            switch kind {
            case .float: size == 8 ? .float64 : .float32
            case .signed, .unsigned: .int64
            case .bool: .bool
            }
        }

        /// The element at byte offset `at` as a slot of ``target`` (see ``DZTensor/DType``).
        @inline(__always)
        func slot(_ raw: UnsafeBufferPointer<UInt8>, at offset: Int) -> Double {
            var bits: UInt64 = 0
            if bigEndian {
                for i in 0..<size { bits = bits << 8 | UInt64(raw[offset + i]) }
            } else {
                for i in stride(from: size - 1, through: 0, by: -1) { bits = bits << 8 | UInt64(raw[offset + i]) }
            }
            switch kind {
            case .bool:
                return bits != 0 ? 1 : 0
            case .unsigned:
                return NDArray.slot(Int64(bitPattern: bits))
            case .signed:
                let shift = UInt64(64 - 8 * size)
                return NDArray.slot(Int64(bitPattern: bits << shift) >> Int64(shift))
            case .float:
                switch size {
                case 8: return Double(bitPattern: bits)
                case 4: return Double(Float(bitPattern: UInt32(bits)))
                default: return NPY.halfToDouble(UInt16(bits))
                }
            }
        }
    }

    /// An IEEE 754 half-precision value (exact in `Double`).
    static func halfToDouble(_ h: UInt16) -> Double {
        let sign: Double = (h & 0x8000) != 0 ? -1 : 1
        let exponent = Int((h >> 10) & 0x1f), fraction = Double(h & 0x3ff)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24                 // zero and subnormals
        case 0x1f: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}

// MARK: - Header

extension NPY {
    /// The header dictionary: `{'descr': ..., 'fortran_order': ..., 'shape': ...}`.
    struct Header {
        let descr: String
        let dtype: DType
        let fortranOrder: Bool
        let shape: [Int]

        init(parsing text: [Unicode.Scalar]) throws {
            var parser = LiteralParser(text: text)
            let value = try parser.parseTopLevel()
            guard case let .dict(entries) = value else {
                throw NPY.loadError("malformed header: not a dictionary")
            }
            var fields: [String: PyLiteral] = [:]
            for (key, value) in entries {
                guard case let .string(name) = key else {
                    throw NPY.loadError("malformed header: a key is not a string")
                }
                fields[name] = value
            }
            let expected: Set = ["descr", "fortran_order", "shape"]
            guard Set(fields.keys) == expected else {
                let keys = fields.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
                throw NPY.loadError("malformed header: expected keys 'descr', 'fortran_order', 'shape', got [\(keys)]")
            }
            switch fields["descr"]! {
            case let .string(d):
                descr = d
                dtype = try DType(descr: d)
            case .list:
                throw NPY.loadError("structured dtypes are not supported")
            default:
                throw NPY.loadError("malformed header: descr is not a dtype string")
            }
            guard case let .bool(f) = fields["fortran_order"]! else {
                throw NPY.loadError("malformed header: fortran_order is not True or False")
            }
            fortranOrder = f
            guard case let .tuple(items) = fields["shape"]! else {
                throw NPY.loadError("malformed header: shape is not a tuple")
            }
            guard items.count <= NDArray.maxDimensions else {
                throw NPY.loadError("shape has \(items.count) dimensions; the maximum supported dimension for an ndarray is \(NDArray.maxDimensions)")
            }
            var shape: [Int] = []
            for item in items {
                switch item {
                case let .int(n): shape.append(n)
                case .bigInt: throw NPY.loadError("shape has a dimension too large for this machine")
                default: throw NPY.loadError("malformed header: shape has a non-integer dimension")
                }
            }
            self.shape = shape
        }
    }

    /// The Python literals that can appear in a header.
    indirect enum PyLiteral {
        case dict([(PyLiteral, PyLiteral)])
        case list([PyLiteral])
        case tuple([PyLiteral])
        case string(String)
        case int(Int)
        /// An integer that does not fit in `Int`.
        case bigInt
        case bool(Bool)
        case none
    }

    /// A parser for the subset of Python literal syntax (`ast.literal_eval`) used by headers:
    /// dicts, lists, tuples, strings, integers (with Python 2's `L` suffix), `True`, `False`, `None`.
    struct LiteralParser {
        let text: [Unicode.Scalar]
        var position = 0
        var depth = 0

        init(text: [Unicode.Scalar]) { self.text = text }

        mutating func parseTopLevel() throws -> PyLiteral {
            let value = try parseValue()
            skipSpace()
            guard position == text.count else { throw error("unexpected text after the dictionary") }
            return value
        }

        func error(_ message: String) -> TensorError {
            NPY.loadError("malformed header: \(message)")
        }

        mutating func skipSpace() {
            while position < text.count, [" ", "\t", "\n", "\r"].contains(text[position]) { position += 1 }
        }

        mutating func peek() -> Unicode.Scalar? {
            skipSpace()
            return position < text.count ? text[position] : nil
        }

        mutating func expect(_ c: Unicode.Scalar) throws {
            guard peek() == c else { throw error("expected '\(c)'") }
            position += 1
        }

        mutating func parseValue() throws -> PyLiteral {
            depth += 1
            defer { depth -= 1 }
            guard depth <= 64 else { throw error("nested too deeply") }
            guard let c = peek() else { throw error("unexpected end") }
            switch c {
            case "{":
                position += 1
                var entries: [(PyLiteral, PyLiteral)] = []
                while peek() != "}" {
                    let key = try parseValue()
                    try expect(":")
                    let value = try parseValue()
                    entries.append((key, value))
                    if peek() == "," { position += 1 } else { break }
                }
                try expect("}")
                return .dict(entries)
            case "[", "(":
                let close: Unicode.Scalar = c == "[" ? "]" : ")"
                position += 1
                var items: [PyLiteral] = []
                var sawComma = false
                while peek() != close {
                    items.append(try parseValue())
                    if peek() == "," { position += 1; sawComma = true } else { break }
                }
                try expect(close)
                if c == "[" { return .list(items) }
                // `(x)` is x itself; `()`, `(x,)` and `(x, y)` are tuples.
                if items.count == 1 && !sawComma { return items[0] }
                return .tuple(items)
            case "'", "\"":
                return .string(try parseString())
            case "-", "+", "0"..."9":
                return try parseInteger()
            default:
                var word = ""
                while position < text.count, text[position].properties.isAlphabetic || text[position] == "_" {
                    word.unicodeScalars.append(text[position])
                    position += 1
                }
                switch word {
                case "True": return .bool(true)
                case "False": return .bool(false)
                case "None": return .none
                case "": throw error("unexpected character '\(c)'")
                default: throw error("unexpected name '\(word)'")
                }
            }
        }

        mutating func parseString() throws -> String {
            let quote = text[position]
            position += 1
            var result = String.UnicodeScalarView()
            while true {
                guard position < text.count else { throw error("unterminated string") }
                let c = text[position]
                position += 1
                if c == quote { break }
                if c == "\n" { throw error("unterminated string") }
                if c == "\\" {
                    guard position < text.count else { throw error("unterminated string") }
                    let e = text[position]
                    position += 1
                    switch e {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    case "r": result.append("\r")
                    case "0": result.append("\0")
                    case "\\", "'", "\"": result.append(e)
                    case "x":
                        guard position + 2 <= text.count,
                              let v = UInt8(String(String.UnicodeScalarView(text[position..<position + 2])), radix: 16)
                        else { throw error("bad escape in string") }
                        result.append(Unicode.Scalar(v))
                        position += 2
                    default: throw error("bad escape in string")
                    }
                } else {
                    result.append(c)
                }
            }
            return String(result)
        }

        mutating func parseInteger() throws -> PyLiteral {
            var negative = false
            if text[position] == "-" || text[position] == "+" {
                negative = text[position] == "-"
                position += 1
                skipSpace()
            }
            var value = 0
            var overflow = false
            var digits = 0
            while position < text.count, let d = text[position].properties.numericType == .decimal
                    && text[position].isASCII ? Int(text[position].value) - 48 : nil {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(d)
                overflow = overflow || o1 || o2
                value = s
                digits += 1
                position += 1
            }
            guard digits > 0 else { throw error("expected a number") }
            if position < text.count, text[position] == "L" || text[position] == "l" { position += 1 }
            if position < text.count, [".", "e", "E", "j", "J", "x", "o", "b"].contains(text[position]) {
                throw error("only integers are allowed")
            }
            if overflow { return .bigInt }
            return .int(negative ? -value : value)
        }
    }
}
