/// DZAutodiff: reverse-mode automatic differentiation in DeZero's shape.
///
/// `Variable` wraps an `NDArray` with its gradient and the `Function` that created it;
/// `backward` walks the graph by generation. The engine builds on DZTensor only.
@_exported import DZTensor
