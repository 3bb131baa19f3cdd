/// What went wrong in an array operation, with the operation's name and the shapes involved.
///
/// Errors are data; ``description`` renders the user-facing message (lowercase, no
/// trailing period), e.g. `matmul: shapes (2, 3) and (4, 3) not aligned: 3 (dim 1) != 4 (dim 0)`.
public enum TensorError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Two shapes that do not broadcast together.
    case broadcast(operation: String, shapes: [[Int]])
    /// A matrix product whose inner dimensions differ.
    case notAligned(operation: String, lhs: [Int], rhs: [Int], lhsDim: Int, rhsDim: Int)
    /// An axis out of range for an array of `ndim` dimensions.
    case axis(operation: String, axis: Int, ndim: Int)
    /// The same axis named twice.
    case repeatedAxis(operation: String, axis: Int)
    /// A reshape to a shape of another size.
    case reshape(from: [Int], to: [Int])
    /// A negative extent in a requested shape.
    case negativeDimension(operation: String, shape: [Int])
    /// A shape whose size does not fit in memory (or overflows).
    case tooLarge(operation: String, shape: [Int])
    /// An element count that does not match the shape.
    case elementCount(operation: String, shape: [Int], count: Int)
    /// An index outside an axis.
    case indexOutOfRange(operation: String, index: Int, axis: Int, size: Int)
    /// Any other invalid argument, described in words.
    case invalid(operation: String, message: String)

    /// A shape of more axes than ``NDArray/maxDimensions`` (numpy's limit, 64).
    public static func tooManyDimensions(operation: String, ndim: Int) -> TensorError {
        .invalid(operation: operation, message: "maximum supported dimension for an ndarray is \(NDArray.maxDimensions), found \(ndim)")
    }

    /// The same error attributed to `operation` (a builtin that failed inside one of its steps).
    public func renamed(to operation: String) -> TensorError {
        switch self {
        case let .broadcast(_, shapes): .broadcast(operation: operation, shapes: shapes)
        case let .notAligned(_, l, r, ld, rd): .notAligned(operation: operation, lhs: l, rhs: r, lhsDim: ld, rhsDim: rd)
        case let .axis(_, a, n): .axis(operation: operation, axis: a, ndim: n)
        case let .repeatedAxis(_, a): .repeatedAxis(operation: operation, axis: a)
        case .reshape: self
        case let .negativeDimension(_, s): .negativeDimension(operation: operation, shape: s)
        case let .tooLarge(_, s): .tooLarge(operation: operation, shape: s)
        case let .elementCount(_, s, c): .elementCount(operation: operation, shape: s, count: c)
        case let .indexOutOfRange(_, i, a, n): .indexOutOfRange(operation: operation, index: i, axis: a, size: n)
        case let .invalid(_, m): .invalid(operation: operation, message: m)
        }
    }

    public var description: String {
        switch self {
        case let .broadcast(op, shapes):
            return "\(op): operands could not be broadcast together with shapes "
                + shapes.map(formatShape).joined(separator: " ")
        case let .notAligned(op, lhs, rhs, ld, rd):
            return "\(op): shapes \(formatShape(lhs)) and \(formatShape(rhs)) not aligned: "
                + "\(lhs[ld]) (dim \(ld)) != \(rhs[rd]) (dim \(rd))"
        case let .axis(op, axis, ndim):
            return "\(op): axis \(axis) is out of bounds for array of dimension \(ndim)"
        case let .repeatedAxis(op, axis):
            return "\(op): repeated axis \(axis)"
        case let .reshape(from, to):
            return "reshape: cannot reshape array of size \(from.reduce(1, *)) into shape \(formatShape(to))"
        case let .negativeDimension(op, shape):
            return "\(op): negative dimensions are not allowed, got shape \(formatShape(shape))"
        case let .tooLarge(op, shape):
            return "\(op): an array of shape \(formatShape(shape)) does not fit in this machine's memory"
        case let .elementCount(op, shape, count):
            return "\(op): \(count) elements do not fill shape \(formatShape(shape))"
        case let .indexOutOfRange(op, index, axis, size):
            return "\(op): index \(index) is out of bounds for axis \(axis) with size \(size)"
        case let .invalid(op, message):
            return "\(op): \(message)"
        }
    }
}

/// A shape written as numpy writes it: `(2, 3)`, `(2,)`, `()`.
public func formatShape(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}
