/// How many terminal cells a Unicode scalar takes, as `wcwidth` does but without the
/// locale: 2 for East Asian Wide and Fullwidth characters and emoji shown as emoji, 0 for
/// combining marks, format characters (zero-width joiner, variation selectors) and Hangul
/// medial and final jamo, 1 otherwise. Control characters are 1 here: the renderer draws
/// them as control pictures.
public func displayWidth(of scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x300 { return 1 }
    if v == 0x00AD { return 1 }
    if (0x1160...0x11FF).contains(v) { return 0 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if scalar.properties.isEmojiPresentation { return 2 }
    return isEastAsianWide(v) ? 2 : 1
}

/// The display width of a string: the sum of its scalars' ``displayWidth(of:)``.
public func displayWidth(of text: some StringProtocol) -> Int {
    text.unicodeScalars.reduce(0) { $0 + displayWidth(of: $1) }
}

/// East Asian Wide (W) and Fullwidth (F) ranges of Unicode 15, sorted, without the emoji
/// (``displayWidth(of:)`` asks `isEmojiPresentation` for those).
private let eastAsianWideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
    0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
    0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
    0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x18CFF, 0x18D00...0x18D08,
    0x1AFF0...0x1B2FF, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248,
    0x1F250...0x1F251, 0x1F260...0x1F265, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
]

private func isEastAsianWide(_ v: UInt32) -> Bool {
    var lo = 0, hi = eastAsianWideRanges.count - 1
    while lo <= hi {
        let mid = (lo + hi) / 2
        let r = eastAsianWideRanges[mid]
        if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
    }
    return false
}
