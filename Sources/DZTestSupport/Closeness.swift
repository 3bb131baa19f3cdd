import DZTensor

/// Whether `actual` and `expected` agree elementwise within `atol + rtol * |expected|`
/// (numpy's `allclose`), with equal shapes; NaNs match NaNs.
public func allClose(_ actual: NDArray, _ expected: NDArray, rtol: Double = 1e-7, atol: Double = 0) -> Bool {
    guard actual.shape == expected.shape else { return false }
    for (a, e) in zip(actual.scalars, expected.scalars) {
        if a.isNaN && e.isNaN { continue }
        if a == e { continue }
        if !(abs(a - e) <= atol + rtol * abs(e)) { return false }
    }
    return true
}
