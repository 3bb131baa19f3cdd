import Foundation
import Testing
import DZTestSupport

/// Every examples/NAME.dz prints exactly examples/NAME.out (computed with numpy by
/// scripts/gen_example_outputs.py), whether run as a file, piped on stdin, or with -e.
@Suite struct ExamplesTests {
    static let examples: [String] = {
        let dir = DZProcess.repositoryRoot.appendingPathComponent("examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".dz") }.map { String($0.dropLast(3)) }.sorted()
    }()

    static func path(_ name: String, _ ext: String) -> String {
        DZProcess.repositoryRoot.appendingPathComponent("examples/\(name).\(ext)").path
    }

    @Test func thereAreExamples() {
        #expect(Self.examples.count >= 10)
    }

    @Test(arguments: examples)
    func exampleOutputMatchesNumpy(_ name: String) throws {
        let expected = try String(contentsOfFile: Self.path(name, "out"), encoding: .utf8)
        let result = try DZProcess.run([Self.path(name, "dz")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(result.stdout == expected)
    }

    @Test(arguments: ["seed-dot", "seed-matmul-backward", "first-gradient", "broadcasting-gradients", "shapes-and-tuples", "newton"])
    func fileStdinAndDashEAgree(_ name: String) throws {
        let source = try String(contentsOfFile: Self.path(name, "dz"), encoding: .utf8)
        let asFile = try DZProcess.run([Self.path(name, "dz")])
        let piped = try DZProcess.run([], stdin: source)
        let dash = try DZProcess.run(["-"], stdin: source)
        let inline = try DZProcess.run(["-e", source])
        #expect(asFile.status == 0)
        #expect(piped.stdout == asFile.stdout)
        #expect(dash.stdout == asFile.stdout)
        #expect(inline.stdout == asFile.stdout)
    }
}
