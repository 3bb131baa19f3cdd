// dz-kernel: dz's Jupyter kernel program (`dz kernel install` registers it).
// Usage: dz-kernel CONNECTION_FILE
import DZKernel
import DZTensor
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

let arguments = CommandLine.arguments
if arguments.count == 2, arguments[1] == "--version" {
    print("dz-kernel \(Kernel.version) (Jupyter protocol \(Kernel.protocolVersion))")
    exit(0)
}
guard arguments.count == 2, !arguments[1].hasPrefix("-") else {
    fputs("usage: dz-kernel CONNECTION_FILE\n  (Jupyter starts it; register it with `dz kernel install`)\n", stderr)
    exit(2)
}
let connection: ConnectionInfo
do {
    let bytes = try FileContents.read(arguments[1], limit: 1 << 20)
    connection = try ConnectionInfo(json: try JSON.parse(bytes))
} catch {
    fputs("dz-kernel: error: cannot use the connection file '\(arguments[1])': \(error)\n", stderr)
    exit(1)
}
do {
    try Kernel(connection: connection).run()
} catch {
    fputs("dz-kernel: error: \(error)\n", stderr)
    exit(1)
}
