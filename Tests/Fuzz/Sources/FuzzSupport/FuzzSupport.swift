/// libFuzzer's driver (LLVM 13 and later): parses libFuzzer's flags from the command line
/// and runs `callback` on each input.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Runs libFuzzer over `callback`. SwiftPM renames an executable's `main` (so that tests
/// can link it), which hides libFuzzer's own `main`; each target's `@main` calls this instead.
public func runFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(Int32(LLVMFuzzerRunDriver(&argc, &argv, callback)))
}

@_silgen_name("exit")
func exit(_ status: Int32) -> Never
