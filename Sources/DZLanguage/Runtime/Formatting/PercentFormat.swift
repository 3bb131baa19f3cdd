// `"epoch %d, loss %.4f" % (epoch + 1, loss)`: Python's printf-style string formatting,
// as DeZero's scripts write it. Conversions d i u f F e E g G x X o c s r a and %%, with
// flags `-+ #0`, a width and a precision (`*` takes them from the arguments).

extension Interpreter {
    /// `template % arguments`: a tuple gives one value per conversion; anything else is a
    /// single value.
    func percentFormat(_ template: String, _ arguments: Value) throws -> String {
        var values: [Value]
        if case .tuple(let items) = arguments { values = items } else { values = [arguments] }
        var next = 0
        func take() throws -> Value {
            guard next < values.count else {
                throw RuntimeMessage.other("format-arguments", "%: not enough arguments for the format string (\(values.count) given)")
            }
            defer { next += 1 }
            return values[next]
        }
        func number(_ v: Value, for code: Character) throws -> Double {
            guard case .tensor(let t) = v, t.size == 1 else {
                throw RuntimeMessage.other("format-arguments", "%\(code) needs a number, got \(BuiltinArguments.describe(v))")
            }
            return t.data.scalars[0]
        }
        func count(_ v: Value) throws -> Int {
            let x = try number(v, for: "*")
            guard x.isFinite, x == x.rounded(), Swift.abs(x) <= 10_000 else {
                throw RuntimeMessage.other("format-arguments", "%: '*' needs an integer width or precision up to 10000, got \(formatScalar(x))")
            }
            return Int(x)
        }

        let chars = Array(template)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            i += 1
            guard c == "%" else { out.append(c); continue }
            guard i < chars.count else { throw RuntimeMessage.other("format-arguments", "%: the format string ends in a lone '%'") }
            if chars[i] == "%" { out.append("%"); i += 1; continue }
            var spec = FormatSpec.empty
            while i < chars.count, "-+ #0".contains(chars[i]) {
                switch chars[i] {
                case "-": spec.align = "<"
                case "+": spec.sign = "+"
                case " ": if spec.sign != "+" { spec.sign = " " }
                case "#": spec.alternate = true
                default: spec.zeroPad = true
                }
                i += 1
            }
            if i < chars.count, chars[i] == "*" {
                i += 1
                let w = try count(try take())
                if w < 0 { spec.align = "<" }
                spec.width = Swift.abs(w)
            } else {
                var digits = ""
                while i < chars.count, chars[i].isASCII, chars[i].isNumber { digits.append(chars[i]); i += 1 }
                if !digits.isEmpty {
                    guard let w = Int(digits), w <= 10_000 else { throw RuntimeMessage.other("format-arguments", "%: width \(digits) is too large (limit 10000)") }
                    spec.width = w
                }
            }
            if i < chars.count, chars[i] == "." {
                i += 1
                if i < chars.count, chars[i] == "*" {
                    i += 1
                    spec.precision = Swift.max(0, try count(try take()))
                } else {
                    var digits = ""
                    while i < chars.count, chars[i].isASCII, chars[i].isNumber { digits.append(chars[i]); i += 1 }
                    guard digits.count <= 4, let p = Int(digits.isEmpty ? "0" : digits), p <= 1000 else {
                        throw RuntimeMessage.other("format-arguments", "%: precision \(digits) is too large (limit 1000)")
                    }
                    spec.precision = p
                }
            }
            guard i < chars.count else { throw RuntimeMessage.other("format-arguments", "%: incomplete format at the end of the string") }
            let code = chars[i]
            i += 1
            if spec.align == "<" { spec.zeroPad = false }
            let value = try take()
            let integral = Self.isInteger(value)
            // (A `where` guards only the pattern it follows, so each pattern has its own.)
            switch code {
            case "d" where integral, "i" where integral, "u" where integral:
                spec.type = "d"
                spec.precision = nil
                out += try spec.format(integer: Self.integerValue(value))
            case "x" where integral, "X" where integral, "o" where integral:
                spec.type = code
                spec.precision = nil
                out += try spec.format(integer: Self.integerValue(value))
            case "d", "i", "u":
                // Python's %d truncates a float toward zero.
                var x = try number(value, for: code)
                guard x.isFinite else { throw RuntimeMessage.other("format-arguments", "%\(code) cannot show \(formatScalar(x)) as an integer") }
                x = x.rounded(.towardZero)
                spec.type = "d"
                spec.precision = nil
                out += try spec.format(number: x)
            case "f", "F", "e", "E", "g", "G":
                spec.type = code
                if spec.precision == nil { spec.precision = 6 }
                out += try spec.format(number: try number(value, for: code))
            case "x", "X", "o":
                spec.type = code
                spec.precision = nil
                out += try spec.format(number: try number(value, for: code).rounded(.towardZero))
            case "c":
                if case .string(let s) = value, s.count == 1 {
                    spec.precision = nil
                    out += try spec.format(text: s)
                } else {
                    spec.type = "c"
                    out += try spec.format(number: try number(value, for: code))
                }
            case "s", "r", "a":
                let text = try self.text(of: value, quoting: code != "s")
                var textSpec = FormatSpec.empty
                textSpec.width = spec.width
                textSpec.align = spec.align ?? ">"
                textSpec.precision = spec.precision
                out += try textSpec.format(text: text)
            default:
                throw RuntimeMessage.other("format-arguments", "%: unsupported format character '\(code)'")
            }
        }
        guard next == values.count else {
            throw RuntimeMessage.other("format-arguments", "%: not all arguments converted during string formatting (\(values.count) given, \(next) used)")
        }
        return out
    }
}

extension Interpreter {
    /// Whether `v` is a one-element int64 or bool tensor (formatted exactly by `%d`).
    static func isInteger(_ v: Value) -> Bool {
        guard case .tensor(let t) = v, t.size == 1 else { return false }
        return t.data.dtype == .int64 || t.data.dtype == .bool
    }

    /// The value of a one-element int64 or bool tensor.
    static func integerValue(_ v: Value) -> Int64 {
        guard case .tensor(let t) = v else { return 0 }
        return t.data.integers.first ?? 0
    }
}

extension FormatSpec {
    /// The spec of `""`: nothing set.
    static var empty: FormatSpec { try! FormatSpec("") }
}
