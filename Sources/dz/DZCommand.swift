import ArgumentParser
import DZTensor

/// The `dz` command line: a thin shell over DZREPL and DZLanguage.
@main
struct DZCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "dz",
        abstract: "Build computation graphs and differentiate them, interactively.",
        version: "dz \(version)")

    @Flag(name: .customLong("version"), help: "Print the version and the BLAS kernel in use.")
    var showVersion = false

    func run() throws {
        if showVersion {
            print("dz \(Self.version)")
            print("BLAS: OpenBLAS, kernel \(BLASLibrary.coreName)")
            return
        }
        throw ValidationError("the language is not available yet in this build; try --version")
    }
}
