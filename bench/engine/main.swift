// The engine's per-operation cost, without the language: a chain y = y * x + 1 built
// forward and differentiated backward, on 0-d scalars and on 100×100 arrays.
// Run: swift build -c release --product dz-bench-engine && .build/release/dz-bench-engine
import DZAutodiff
import Foundation
#if canImport(Glibc)
import Glibc
#endif

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

/// Builds the chain of `steps` iterations (2 ops each), then runs backward; returns seconds.
func chain(steps: Int, shape: [Int]) throws -> (forward: Double, backward: Double, release: Double) {
    let x = Variable(try NDArray.full(shape, 1.0000001))
    let one = Variable(try NDArray.ones(shape))
    var y = Variable(try NDArray.ones(shape))
    let t0 = now()
    for _ in 0..<steps { y = try y * x + one }
    let t1 = now()
    try y.backward()
    let t2 = now()
    y = one   // drop the graph
    let t3 = now()
    precondition(x.grad != nil)
    return (t1 - t0, t2 - t1, t3 - t2)
}

let rounds = 5
for (label, steps, shape) in [("scalar", 100_000, [Int]()), ("100x100", 2_000, [100, 100])] {
    var f: [Double] = [], b: [Double] = [], r: [Double] = []
    _ = try chain(steps: steps / 10, shape: shape)   // warm-up
    for _ in 0..<rounds {
        let (tf, tb, tr) = try chain(steps: steps, shape: shape)
        f.append(tf); b.append(tb); r.append(tr)
    }
    let ops = Double(2 * steps)
    func us(_ s: Double) -> String { String(format: "%.3f", s / ops * 1e6) }
    print("\(label) chain, \(steps) iterations (\(Int(ops)) ops), median of \(rounds):",
          "forward \(us(median(f))) µs/op, backward \(us(median(b))) µs/op, release \(us(median(r))) µs/op")
}
