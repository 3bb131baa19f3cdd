import DZTensor
import FuzzSupport

/// libFuzzer entry point over the .npy and .npz readers: any bytes either decode to an
/// array (which is then encoded and decoded again, and must round-trip) or throw a
/// TensorError. Bytes that start like a zip archive ("PK") go to the .npz reader, whose
/// arrays must round-trip through its writer too. Arrays are capped at 2^19 elements so
/// that a header with a large shape is refused instead of allocated.
@main enum FuzzNPY {
    static func main() { runFuzzer(fuzz) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    MemoryLimit.maxElementsOverride = 1 << 19
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if bytes.starts(with: [0x50, 0x4b]) {
        guard let arrays = try? NPZ.decode(bytes) else { return 0 }
        guard let again = try? NPZ.encode(arrays), let back = try? NPZ.decode(again),
              back.map(\.name) == arrays.map(\.name), back.map(\.array.shape) == arrays.map(\.array.shape) else {
            fatalError("npz: round trip of a decoded archive failed, \(arrays.count) arrays")
        }
        return 0
    }
    guard let a = try? NPY.decode(bytes) else { return 0 }
    let again = NPY.encode(a)
    guard let b = try? NPY.decode(again), b.shape == a.shape, NPY.encode(b) == again else {
        fatalError("npy: round trip of a decoded array failed, shape \(a.shape)")
    }
    return 0
}
