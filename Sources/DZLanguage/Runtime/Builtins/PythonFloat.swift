/// The number Python's (and numpy's) `float(s)` makes of a string, or nil where Python
/// raises `ValueError`: surrounding whitespace; an optional sign; then a decimal number
/// (`12`, `1.5`, `.5`, `5.`, `1e-3`, with single underscores between digits as in `1_000.5`,
/// and any Unicode decimal digits), or `inf`, `infinity`, `nan` in any case. Nothing else:
/// no hexadecimal (`0x10`, `0x1p3`), no `nan(…)`, no empty string.
func pythonFloat(_ text: String) -> Double? {
    var scalars = Substring(text).unicodeScalars[...]
    while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
    while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }

    var clean = ""
    if let f = scalars.first, f == "+" || f == "-" {
        clean.unicodeScalars.append(f)
        scalars.removeFirst()
    }
    switch String(String.UnicodeScalarView(scalars)).lowercased() {
    case "inf", "infinity": return clean == "-" ? -.infinity : .infinity
    case "nan": return .nan
    default: break
    }

    let input = Array(scalars)
    var i = 0
    /// Digits with single underscores between them, appended to `clean`; false if none.
    func digitPart() -> Bool {
        guard i < input.count, let d = decimalDigit(input[i]) else { return false }
        clean.unicodeScalars.append(d)
        i += 1
        while i < input.count {
            if let d = decimalDigit(input[i]) {
                clean.unicodeScalars.append(d)
                i += 1
            } else if input[i] == "_", i + 1 < input.count, let d = decimalDigit(input[i + 1]) {
                clean.unicodeScalars.append(d)
                i += 2
            } else {
                break
            }
        }
        return true
    }
    let integer = digitPart()
    var fraction = false
    if i < input.count, input[i] == "." {
        clean += "."
        i += 1
        fraction = digitPart()
    }
    guard integer || fraction else { return nil }
    if i < input.count, input[i] == "e" || input[i] == "E" {
        clean += "e"
        i += 1
        if i < input.count, input[i] == "+" || input[i] == "-" {
            clean.unicodeScalars.append(input[i])
            i += 1
        }
        guard digitPart() else { return nil }
    }
    guard i == input.count else { return nil }
    return Double(clean)
}

/// The ASCII digit for a Unicode decimal digit (`7`, `٧`, `７`), else nil.
private func decimalDigit(_ s: Unicode.Scalar) -> Unicode.Scalar? {
    if ("0"..."9").contains(s) { return s }
    guard s.properties.generalCategory == .decimalNumber, let v = s.properties.numericValue,
          v >= 0, v <= 9 else { return nil }
    return Unicode.Scalar(UInt8(48 + Int(v)))
}
