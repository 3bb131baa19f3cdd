// Printing: numpy's `str()` of a float64 array, character for character.
//
// This is a port of numpy 2.x `numpy/_core/arrayprint.py` (`array_str`, `_formatArray`,
// `_extendLine`, `FloatingFormat`) with the default print options: precision=8,
// floatmode='maxprec', suppress=False, linewidth=75, threshold=1000, edgeitems=3,
// sign='-', legacy=False. The digit generation replaces numpy's Dragon4:
//
// * "unique" digits (shortest round-trip, closest to the exact value) come from Swift's
//   `Double.description`, which produces the same digits as numpy's Dragon4 in unique mode
//   (and Python's `repr`);
// * when those digits go past the precision cutoff (8 fractional digits in positional
//   notation, 8 digits after the point in scientific notation), Dragon4 instead rounds the
//   exact binary value at the cutoff, half to even. The C library's `%.8f` / `%.8e` do
//   exactly that, so those are used in that case.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Decimal digits

/// A non-negative decimal number `digits × 10^exponent`, with no leading or trailing zeros
/// in `digits` (an empty `digits` is zero).
fileprivate struct DecimalDigits: Equatable {
    var digits: [UInt8]
    var exponent: Int

    static let zero = DecimalDigits(digits: [], exponent: 0)

    var isZero: Bool { digits.isEmpty }

    /// The exponent of the leading digit: the value is `d.ddd × 10^scientificExponent`.
    var scientificExponent: Int { isZero ? 0 : digits.count - 1 + exponent }

    /// The number of digits after the decimal point in positional notation.
    var fractionalCount: Int { max(0, -exponent) }

    /// Parses a plain decimal such as `"123.4500"`, `"1e-05"`, `"1.5e+16"` or `"0.0"`
    /// (no sign; the output of `Double.description` or of `%f` / `%e`).
    init(parsing text: String) {
        var mantissa = Substring(text)
        var exp10 = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exp10 = Int(text[text.index(after: e)...].replacingPlus()) ?? 0
        }
        var all: [UInt8] = []
        var fractional = 0
        var seenPoint = false
        for c in mantissa.utf8 {
            if c == UInt8(ascii: ".") { seenPoint = true; continue }
            guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { continue }
            all.append(c - UInt8(ascii: "0"))
            if seenPoint { fractional += 1 }
        }
        var exponent = exp10 - fractional
        // Strip trailing zeros (each one raises the exponent) and leading zeros.
        while let last = all.last, last == 0 { all.removeLast(); exponent += 1 }
        let firstNonZero = all.firstIndex(where: { $0 != 0 }) ?? all.count
        all.removeFirst(firstNonZero)
        if all.isEmpty { self = .zero; return }
        self.digits = all
        self.exponent = exponent
    }

    init(digits: [UInt8], exponent: Int) {
        self.digits = digits
        self.exponent = exponent
    }

    /// Positional notation split at the point: integer digits (at least "0") and
    /// fractional digits (possibly empty). No sign.
    var positionalParts: (integer: String, fraction: String) {
        if isZero { return ("0", "") }
        let n = digits.count
        let integerCount = n + exponent
        var integer = ""
        var fraction = ""
        if integerCount <= 0 {
            integer = "0"
            fraction = String(repeating: "0", count: -integerCount) + Self.text(digits[...])
        } else if integerCount >= n {
            integer = Self.text(digits[...]) + String(repeating: "0", count: integerCount - n)
        } else {
            integer = Self.text(digits[..<integerCount])
            fraction = Self.text(digits[integerCount...])
        }
        return (integer, fraction)
    }

    /// Scientific notation parts: the leading digit, the digits after the point (possibly
    /// empty) and the exponent.
    var scientificParts: (lead: String, fraction: String, exponent: Int) {
        if isZero { return ("0", "", 0) }
        return (Self.text(digits[..<1]), Self.text(digits[1...]), scientificExponent)
    }

    private static func text(_ d: ArraySlice<UInt8>) -> String {
        String(decoding: d.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
    }
}

private extension Substring {
    func replacingPlus() -> Substring { first == "+" ? dropFirst() : self }
}

/// Formats `value` with a C `printf` conversion (`"%.8f"`, `"%.8e"`), which rounds the
/// exact binary value correctly (half to even on exact ties). Shared by every module that
/// formats numbers (graph labels, charts, progress bars).
public func cFormat(_ format: String, _ value: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 512)
    let count = buffer.withUnsafeMutableBufferPointer { buf in
        withVaList([value]) { vsnprintf(buf.baseAddress, buf.count, format, $0) }
    }
    if count >= 0 && Int(count) < buffer.count {
        return String(decoding: buffer[..<Int(count)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    // Only `%f` of huge values gets this long; retry with the exact size.
    var big = [CChar](repeating: 0, count: Int(count) + 1)
    let n = big.withUnsafeMutableBufferPointer { buf in
        withVaList([value]) { vsnprintf(buf.baseAddress, buf.count, format, $0) }
    }
    return String(decoding: big[..<Int(n)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

fileprivate enum Dragon4 {
    /// The shortest digits that round-trip to `abs(x)` (x finite), closest to the exact value.
    static func unique(_ x: Double, float32: Bool = false) -> DecimalDigits {
        let a = Swift.abs(x)
        if a == 0 { return .zero }
        return DecimalDigits(parsing: float32 ? Float(a).description : a.description)
    }

    /// numpy's `dragon4_positional(x, precision: p, unique: true, fractional: true)` digits.
    static func positional(_ x: Double, precision p: Int, float32: Bool = false) -> DecimalDigits {
        let u = unique(x, float32: float32)
        if u.fractionalCount <= p { return u }
        return DecimalDigits(parsing: cFormat("%.\(p)f", Swift.abs(x)))
    }

    /// numpy's `dragon4_scientific(x, precision: p, unique: true)` digits.
    static func scientific(_ x: Double, precision p: Int, float32: Bool = false) -> DecimalDigits {
        let u = unique(x, float32: float32)
        if u.digits.count <= p + 1 { return u }
        return DecimalDigits(parsing: cFormat("%.\(p)e", Swift.abs(x)))
    }
}

private func exponentText(_ e: Int, minDigits: Int) -> String {
    let magnitude = String(Swift.abs(e))
    let padded = String(repeating: "0", count: max(0, minDigits - magnitude.count)) + magnitude
    return (e < 0 ? "-" : "+") + padded
}

// MARK: - Scalars

/// numpy's `str(np.float64(x))`: the shortest round-trip representation, positional for
/// `0` and `1e-4 <= |x| < 1e16` (`"32.0"`, `"0.0001"`, `"-0.0"`), otherwise scientific
/// without trailing zeros (`"1e-05"`, `"1.5e+16"`); `"nan"`, `"inf"`, `"-inf"`.
public func formatScalar(_ x: Double) -> String { formatScalar(x, float32: false) }

/// numpy's `str()` of one element held in a slot of `dtype` (see ``DType``): `5`, `True`,
/// float32's shortest digits (`0.1`; positional below 1e6, as numpy's float32 scalars).
public func formatElement(slot: Double, dtype: DType) -> String {
    switch dtype {
    case .float64: return formatScalar(slot)
    case .float32: return formatScalar(slot, float32: true)
    case .int64: return String(NDArray.integer(slot))
    case .bool: return slot != 0 ? "True" : "False"
    }
}

extension NDArray {
    /// The element of a one-element array as numpy's `str()` shows it (`2`, `2.0`, `True`),
    /// for labels of constants in graphs and rules; nil for other sizes.
    public var scalarText: String? { size == 1 ? formatElement(slot: buffer.base[offset], dtype: dtype) : nil }
}

private func formatScalar(_ x: Double, float32: Bool) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    let sign = x.sign == .minus ? "-" : ""
    let a = Swift.abs(x)
    let d = Dragon4.unique(x, float32: float32)
    if a == 0 || (1.0e-4 <= a && a < (float32 ? 1.0e6 : 1.0e16)) {
        let (integer, fraction) = d.positionalParts
        return sign + integer + "." + (fraction.isEmpty ? "0" : fraction)
    }
    let (lead, fraction, exponent) = d.scientificParts
    return sign + lead + (fraction.isEmpty ? "" : "." + fraction) + "e"
        + exponentText(exponent, minDigits: 2)
}

// MARK: - Arrays

/// numpy's `FloatingFormat` for float64 in 'maxprec' mode with the default options.
fileprivate struct FloatingFormat {
    static let precision = 8

    var expFormat = false
    var padLeft = 0
    var padRight = 0
    /// Digits after the point in exponential format (numpy's `precision` after fillFormat).
    var expPrecision = 0
    /// Minimum exponent digits (numpy's `exp_size`).
    var expSize = -1

    /// float32 elements: shortest digits are float32's.
    var float32 = false

    init(data: [Double], float32: Bool = false) {
        self.float32 = float32
        let finite = data.filter { $0.isFinite }
        let absNonZero = finite.filter { $0 != 0 }.map { Swift.abs($0) }
        if let maxVal = absNonZero.max(), let minVal = absNonZero.min() {
            // numpy 2's cutoff depends on the dtype: 10 ** min(8, finfo.precision), so 1e8
            // for float64 and 1e6 for float32 (whose precision is 6 digits).
            let cutoff = float32 ? 1.0e6 : 1.0e8
            if maxVal >= cutoff || minVal < 0.0001 || maxVal / minVal > 1000.0 {
                expFormat = true
            }
        }
        if finite.isEmpty {
            padLeft = 0
            padRight = 0
            expSize = -1
        } else if expFormat {
            var maxExpLength = 0, maxFraction = 0, maxLead = 0
            for x in finite {
                let (lead, fraction, exponent) = Dragon4.scientific(x, precision: Self.precision, float32: float32).scientificParts
                let exp = exponentText(exponent, minDigits: 2)
                maxExpLength = max(maxExpLength, exp.count)
                maxFraction = max(maxFraction, fraction.count)
                maxLead = max(maxLead, lead.count + (x.sign == .minus ? 1 : 0))
            }
            expSize = maxExpLength - 1
            expPrecision = maxFraction
            padLeft = maxLead
            padRight = expSize + 2 + expPrecision
        } else {
            var maxInteger = 0, maxFraction = 0
            for x in finite {
                let (integer, fraction) = Dragon4.positional(x, precision: Self.precision, float32: float32).positionalParts
                maxInteger = max(maxInteger, integer.count + (x.sign == .minus ? 1 : 0))
                maxFraction = max(maxFraction, fraction.count)
            }
            padLeft = maxInteger
            padRight = maxFraction
            expSize = -1
        }
        if finite.count != data.count {
            let negInf = data.contains { $0.isInfinite && $0 < 0 }
            let offset = padRight + 1
            padLeft = max(padLeft, 3 - offset, 3 + (negInf ? 1 : 0) - offset)
        }
    }

    func callAsFunction(_ x: Double) -> String {
        if !x.isFinite {
            let text = x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf")
            return String(repeating: " ", count: max(0, padLeft + padRight + 1 - text.count)) + text
        }
        let sign = x.sign == .minus ? "-" : ""
        if expFormat {
            // numpy asks Dragon4 for at least (and at most) `expPrecision` digits after the
            // point here, which is the exact value correctly rounded to that many digits: the
            // shortest digits padded with zeros, except for subnormals (5e-324 is
            // 4.94065646e-324 next to numbers that need 8 digits).
            let digits = DecimalDigits(parsing: cFormat("%.\(expPrecision)e", Swift.abs(x)))
            let (lead, fraction, exponent) = digits.scientificParts
            let integer = sign + lead
            return String(repeating: " ", count: max(0, padLeft - integer.count)) + integer + "."
                + fraction + String(repeating: "0", count: max(0, expPrecision - fraction.count))
                + "e" + exponentText(exponent, minDigits: expSize)
        } else {
            let (digits, fraction) = Dragon4.positional(x, precision: Self.precision, float32: float32).positionalParts
            let integer = sign + digits
            return String(repeating: " ", count: max(0, padLeft - integer.count)) + integer + "."
                + fraction + String(repeating: " ", count: max(0, padRight - fraction.count))
        }
    }
}

extension NDArray: CustomStringConvertible {
    static let printLineWidth = 75
    static let printThreshold = 1000
    static let printEdgeItems = 3

    /// numpy's `str()` of this array as float64 with the default print options: `32.0`,
    /// `[[19. 22.]\n [43. 50.]]`, scientific notation when needed, `...` summaries for more
    /// than 1000 elements, lines wrapped at 75 characters.
    public var description: String {
        if ndim == 0 { return formatElement(slot: slot(at: []), dtype: dtype) }
        if size == 0 { return "[]" }
        let edge = NDArray.printEdgeItems
        let summarize = size > NDArray.printThreshold

        // The elements that will be shown decide the format.
        var shown: [Double] = []
        if summarize {
            var index = [Int]()
            func collect(_ axis: Int) {
                if axis == ndim { shown.append(slot(at: index)); return }
                let n = shape[axis]
                let positions: [Int] = n > 2 * edge ? Array(0..<edge) + Array((n - edge)..<n) : Array(0..<n)
                for i in positions { index.append(i); collect(axis + 1); index.removeLast() }
            }
            collect(0)
        } else {
            shown = rawSlots
        }
        let format: (Double) -> String
        switch dtype {
        case .float64, .float32:
            let floating = FloatingFormat(data: shown, float32: dtype == .float32)
            format = { floating($0) }
        case .int64:
            // numpy's IntegerFormat: right-aligned to the widest element shown.
            let width = shown.map { String(NDArray.integer($0)).count }.max() ?? 0
            format = { slot in
                let text = String(NDArray.integer(slot))
                return String(repeating: " ", count: Swift.max(0, width - text.count)) + text
            }
        case .bool:
            format = { $0 != 0 ? " True" : "False" }   // numpy's BoolFormat
        }

        let separator = " "
        let nextLinePrefix = " "  // skips the opening "["

        // numpy's `_extendLine` (legacy=False): wrap unless the line holds only its prefix.
        func extendLine(_ s: inout String, _ line: inout String, _ word: String,
                        _ lineWidth: Int, _ nextLinePrefix: String) {
            var needsWrap = line.count + word.count > lineWidth
            if line.count <= nextLinePrefix.count { needsWrap = false }
            if needsWrap {
                s += rstrip(line) + "\n"
                line = nextLinePrefix
            }
            line += word
        }

        func recurse(_ index: [Int], _ hangingIndent: String, _ currWidth: Int) -> String {
            let axis = index.count
            let axesLeft = ndim - axis
            if axesLeft == 0 {
                var resolved = index
                for k in resolved.indices where resolved[k] < 0 { resolved[k] += shape[k] }
                return format(slot(at: resolved))
            }
            let nextHangingIndent = hangingIndent + " "
            let nextWidth = currWidth - 1
            let length = shape[axis]
            let showSummary = summarize && 2 * edge < length
            let leadingItems = showSummary ? edge : 0
            let trailingItems = showSummary ? edge : length

            var s = ""
            if axesLeft == 1 {
                let elementWidth = currWidth - 1  // max(len(separator.rstrip()), len(']'))
                var line = hangingIndent
                for i in 0..<leadingItems {
                    let word = recurse(index + [i], nextHangingIndent, nextWidth)
                    extendLine(&s, &line, word, elementWidth, hangingIndent)
                    line += separator
                }
                if showSummary {
                    extendLine(&s, &line, "...", elementWidth, hangingIndent)
                    line += separator
                }
                var i = trailingItems
                while i > 1 {
                    let word = recurse(index + [-i], nextHangingIndent, nextWidth)
                    extendLine(&s, &line, word, elementWidth, hangingIndent)
                    line += separator
                    i -= 1
                }
                let word = recurse(index + [-1], nextHangingIndent, nextWidth)
                extendLine(&s, &line, word, elementWidth, hangingIndent)
                s += line
            } else {
                let lineSeparator = String(repeating: "\n", count: axesLeft - 1)
                for i in 0..<leadingItems {
                    s += hangingIndent + recurse(index + [i], nextHangingIndent, nextWidth) + lineSeparator
                }
                if showSummary {
                    s += hangingIndent + "..." + lineSeparator
                }
                var i = trailingItems
                while i > 1 {
                    s += hangingIndent + recurse(index + [-i], nextHangingIndent, nextWidth) + lineSeparator
                    i -= 1
                }
                s += hangingIndent + recurse(index + [-1], nextHangingIndent, nextWidth)
            }
            return "[" + s.dropFirst(hangingIndent.count) + "]"
        }
        return recurse([], nextLinePrefix, NDArray.printLineWidth)
    }
}

extension NDArray {
    /// The slot at a multi-index (negative positions already resolved).
    fileprivate func slot(at index: [Int]) -> Double {
        var position = offset
        for (axis, i) in index.enumerated() { position += i * axisStride(axis) }
        return buffer.base[position]
    }
}

private func rstrip(_ s: String) -> String {
    var t = Substring(s)
    while t.last == " " { t.removeLast() }
    return String(t)
}
