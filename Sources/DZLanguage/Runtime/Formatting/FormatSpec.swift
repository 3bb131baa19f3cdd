#if canImport(Glibc)
import Glibc
#endif

// Python's format mini-language (`f"{loss:.4f}"`, `format(x, "8.3e")`), for numbers and
// text: [[fill]align][sign][#][0][width][grouping][.precision][type]. Numbers are the
// language's 0-d tensors (float64); the digits come from C's printf, which rounds
// correctly as Python's own formatting does.

/// A parsed format spec.
struct FormatSpec {
    var fill: Character = " "
    var align: Character? = nil
    var sign: Character = "-"
    var alternate = false
    var zeroPad = false
    var width = 0
    var grouping: Character? = nil
    var precision: Int? = nil
    var type: Character? = nil

    /// Parses `text`, or throws a message naming it.
    init(_ text: String) throws {
        var chars = Array(text)
        var i = 0
        func fail() -> RuntimeMessage { .other("format-spec", "invalid format spec '\(text)'") }
        let aligns: Set<Character> = ["<", ">", "^", "="]
        if chars.count >= 2, aligns.contains(chars[1]) {
            fill = chars[0]; align = chars[1]; i = 2
        } else if let c = chars.first, aligns.contains(c) {
            align = c; i = 1
        }
        if i < chars.count, "+- ".contains(chars[i]) { sign = chars[i]; i += 1 }
        if i < chars.count, chars[i] == "#" { alternate = true; i += 1 }
        if i < chars.count, chars[i] == "0" { zeroPad = true; i += 1 }
        var digits = ""
        while i < chars.count, chars[i].isASCII, chars[i].isNumber { digits.append(chars[i]); i += 1 }
        if !digits.isEmpty {
            guard let w = Int(digits), w <= 10_000 else { throw RuntimeMessage.other("format-spec", "format width \(digits) is too large (limit 10000)") }
            width = w
        }
        if i < chars.count, chars[i] == "," || chars[i] == "_" { grouping = chars[i]; i += 1 }
        if i < chars.count, chars[i] == "." {
            i += 1
            var p = ""
            while i < chars.count, chars[i].isASCII, chars[i].isNumber { p.append(chars[i]); i += 1 }
            guard let n = Int(p) else { throw fail() }
            guard n <= 1000 else { throw RuntimeMessage.other("format-spec", "format precision \(p) is too large (limit 1000)") }
            precision = n
        }
        if i < chars.count { type = chars[i]; i += 1 }
        guard i == chars.count else { throw fail() }
        chars = []
    }

    /// `x` formatted by this spec (`what` names the value in errors).
    func format(number x: Double) throws -> String {
        var body: String
        let negative = x.sign == .minus && !x.isNaN
        let magnitude = Swift.abs(x)
        switch type {
        case "d", "x", "X", "o", "b", "c":
            guard x.isFinite, x == x.rounded(), Swift.abs(x) < 9.2e18 else {
                throw RuntimeMessage.other("format-spec", "format code '\(type!)' needs an integer, got \(formatScalar(x))")
            }
            body = try integerBody(UInt64(magnitude))
        case "e", "E", "f", "F", "g", "G", "%", nil, "n":
            if x.isNaN || x.isInfinite {
                body = x.isNaN ? "nan" : "inf"
                if type == "E" || type == "F" || type == "G" { body = body.uppercased() }
                if type == "%" { body += "%" }
            } else if type == nil && precision == nil {
                body = formatScalar(magnitude)
            } else {
                body = Self.printf(magnitude, type: type, precision: precision, alternate: alternate)
            }
        case "s":
            throw RuntimeMessage.other("format-spec", "format code 's' is for strings; a number takes d, e, f, g or %")
        default:
            throw RuntimeMessage.other("format-spec", "unknown format code '\(type!)' for a number")
        }
        if let grouping { body = Self.group(body, with: grouping) }
        let signText = negative ? "-" : (sign == "+" ? "+" : sign == " " ? " " : "")
        return pad(sign: signText, body: body, numeric: true)
    }

    /// An int64 formatted by this spec, exactly for the integer codes (`d x X o b c`) and
    /// for no code, as Python formats an int; as a float for the others (`f e g %`).
    func format(integer n: Int64) throws -> String {
        guard type == nil && precision == nil || ["d", "x", "X", "o", "b", "c"].contains(type) else {
            return try format(number: Double(n))
        }
        var body = try integerBody(n.magnitude)
        if let grouping { body = Self.group(body, with: grouping) }
        let signText = n < 0 ? "-" : (sign == "+" ? "+" : sign == " " ? " " : "")
        return pad(sign: signText, body: body, numeric: true)
    }

    /// The digits of a magnitude in this spec's integer code (decimal without one).
    private func integerBody(_ n: UInt64) throws -> String {
        switch type {
        case "x": return (alternate ? "0x" : "") + String(n, radix: 16)
        case "X": return (alternate ? "0X" : "") + String(n, radix: 16, uppercase: true)
        case "o": return (alternate ? "0o" : "") + String(n, radix: 8)
        case "b": return (alternate ? "0b" : "") + String(n, radix: 2)
        case "c":
            guard let s = Unicode.Scalar(UInt32(clamping: n)) else { throw RuntimeMessage.other("format-spec", "format code 'c': \(n) is not a character") }
            return String(Character(s))
        default: return String(n)
        }
    }

    /// Text formatted by this spec: precision cuts it, width pads it (left-aligned).
    func format(text: String) throws -> String {
        guard type == nil || type == "s" else {
            throw RuntimeMessage.other("format-spec", "format code '\(type!)' is for numbers, got a string")
        }
        guard sign == "-", grouping == nil, !alternate else {
            throw RuntimeMessage.other("format-spec", "a sign, '#' or a grouping is for numbers, got a string")
        }
        let body = precision.map { String(text.prefix($0)) } ?? text
        return pad(sign: "", body: body, numeric: false)
    }

    private func pad(sign: String, body: String, numeric: Bool) -> String {
        let length = sign.count + body.count
        guard width > length else { return sign + body }
        let gap = width - length
        let alignment = align ?? (zeroPad && numeric ? "=" : numeric ? ">" : "<")
        let fillChar = (align == nil && zeroPad) ? "0" : fill
        let filler = { (n: Int) in String(repeating: fillChar, count: n) }
        switch alignment {
        case "<": return sign + body + filler(gap)
        case "^": return filler(gap / 2) + sign + body + filler(gap - gap / 2)
        case "=": return sign + filler(gap) + body
        default: return filler(gap) + sign + body
        }
    }

    /// C's printf of a non-negative finite number for the float types (`nil`: Python's
    /// general format with a precision, which keeps one digit after the point).
    static func printf(_ x: Double, type: Character?, precision: Int?, alternate: Bool) -> String {
        if type == nil, !alternate { return shortGeneral(x, precision: Swift.max(precision ?? 6, 1)) }
        var value = x
        var code: String
        switch type {
        case "%": value = x * 100; code = "f"
        case nil, "n": code = "g"
        default: code = String(type!)
        }
        let p = precision ?? 6
        let format = "%" + (alternate ? "#" : "") + ".\(p)" + code
        var buffer = [CChar](repeating: 0, count: 1100 + 330)
        _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, format, $0) }
        var text = String(cString: buffer)
        if type == "%" { text += "%" }
        if type == nil, !text.contains("."), !text.contains("e"), !text.contains("n") {
            // Python's format with a precision and no type always shows a fractional digit.
            text += ".0"
        }
        return text
    }

    /// Python's general format with a precision and no type (`format(x, ".3")`): `p`
    /// significant digits, trailing zeros dropped; fixed-point (with at least one digit after
    /// the point) while the exponent is at least -4 and below p - 1, else scientific.
    static func shortGeneral(_ x: Double, precision p: Int) -> String {
        let scientific = cFormat("%.\(p - 1)e", x)
        let exponent = Int(scientific.split(separator: "e").last ?? "0") ?? 0
        func stripped(_ digits: String) -> String {
            guard digits.contains(".") else { return digits }
            var d = digits
            while d.hasSuffix("0") { d.removeLast() }
            if d.hasSuffix(".") { d.removeLast() }
            return d
        }
        if exponent < -4 || exponent >= p - 1 {
            let parts = scientific.split(separator: "e")
            return stripped(String(parts[0])) + "e" + parts[1]
        }
        let fixed = stripped(cFormat("%.\(p - 1 - exponent)f", x))
        return fixed.contains(".") ? fixed : fixed + ".0"
    }

    /// C's printf of one double.
    static func cFormat(_ format: String, _ x: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 1430)
        _ = withVaList([x]) { vsnprintf(&buffer, buffer.count, format, $0) }
        return String(cString: buffer)
    }

    /// `1234567.5` as `1,234,567.5` (or with `_`).
    static func group(_ body: String, with separator: Character) -> String {
        let digits = body.prefix { $0.isNumber }
        guard digits.count > 3 else { return body }
        var out = ""
        for (k, c) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(separator) }
            out.append(c)
        }
        return out + body.dropFirst(digits.count)
    }
}

extension Interpreter {
    /// `format(value, spec)` and an f-string's `{value:spec}`: a number or a string by
    /// Python's mini-language; with an empty spec, the value as `print` shows it.
    func formatted(_ value: Value, spec: String) throws -> String {
        if spec.isEmpty { return try text(of: value, quoting: false) }
        let parsed = try FormatSpec(spec)
        switch value {
        case .tensor(let t) where t.size == 1 && t.ndim <= 1 && t.data.dtype == .bool:
            // Python's bool is an int: `{b:>6}` pads `True`, `{b:d}` gives 1.
            if parsed.type == nil || parsed.type == "s" { return try parsed.format(text: t.data.scalars[0] != 0 ? "True" : "False") }
            return try parsed.format(integer: t.data.scalars[0] != 0 ? 1 : 0)
        case .tensor(let t) where t.size == 1 && t.ndim <= 1 && t.data.dtype == .int64:
            return try parsed.format(integer: t.data.integers[0])
        case .tensor(let t) where t.size == 1 && t.ndim <= 1:
            return try parsed.format(number: t.data.scalars[0])
        case .tensor(let t):
            throw RuntimeMessage.other("format-spec", "the format spec '\(spec)' needs a number, got a tensor of shape \(formatShape(t.shape)); format one element (x[0]) or print the tensor")
        case .string(let s):
            return try parsed.format(text: s)
        default:
            return try parsed.format(text: try text(of: value, quoting: false))
        }
    }
}
