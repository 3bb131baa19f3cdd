/// The largest magnitude up to which a double holds every integer exactly (2^53).
public let largestExactInteger = 9_007_199_254_740_992.0

/// A number as a tuple element, shape entry, index or count is shown: an integer when it is
/// one that a double holds exactly (`3`, `-2`, `9000000000000000`, `0` for `-0.0`), as
/// Python shows a tuple of ints; anything else as numpy's repr (``formatScalar(_:)``):
/// `2.5`, `1e+16`, `nan`, `inf`.
public func formatCount(_ x: Double) -> String {
    if x.rounded() == x, Swift.abs(x) <= largestExactInteger { return String(Int64(x)) }
    return formatScalar(x)
}
