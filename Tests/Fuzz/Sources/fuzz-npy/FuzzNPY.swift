import DZTensor
import FuzzSupport

/// libFuzzer entry point over the .npy reader: any bytes either decode to an array (which
/// is then encoded and decoded again, and must round-trip) or throw a TensorError.
/// Arrays are capped at 2^19 elements so that a header with a large shape is refused
/// instead of allocated.
@main enum FuzzNPY {
    static func main() { runFuzzer(fuzz) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    MemoryLimit.maxElementsOverride = 1 << 19
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let a = try? NPY.decode(bytes) else { return 0 }
    let again = NPY.encode(a)
    guard let b = try? NPY.decode(again), b.shape == a.shape, NPY.encode(b) == again else {
        fatalError("npy: round trip of a decoded array failed, shape \(a.shape)")
    }
    return 0
}
