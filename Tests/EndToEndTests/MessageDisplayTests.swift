import Foundation
import Testing
import DZTestSupport

/// How dz shows where an error is, through the real binary: invalid UTF-8 with a position
/// and a caret, carets under wide characters and after tabs, long names and lines cut down,
/// and the tuning variables' warnings.
@Suite struct MessageDisplayTests {
    func script(_ bytes: [UInt8], _ name: String = "t.dz") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dz-msg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Invalid UTF-8 in a script is `FILE:LINE:COL: error:`, the line with U+FFFD for the bad
    /// bytes, and a caret under the first of them.
    @Test func invalidUTF8InAScriptHasAPositionAndACaret() throws {
        let path = try script(Array("x = 1\ns = \"日本".utf8) + [0xE6, 0x97] + Array(" é\" + \u{1}".utf8) + [0xFF, 0x0A])
        let r = try DZProcess.run([path], environment: ["NO_COLOR": "1"], timeout: 30)
        #expect(r.status == 1)
        #expect(r.stderr == """
            \(path):2:8: error: invalid UTF-8 byte 0xE6; dz reads UTF-8 text
            s = "日本\u{FFFD} é" + \u{2401}\u{FFFD}
                     ^

            """)
        #expect(r.stdout == "")
    }

    /// A megabyte identifier is reported at once, its name cut to 40 characters and its line
    /// to a window: not 30 s and 3 MB of stderr.
    @Test func aMegabyteIdentifierIsReportedQuicklyAndShortly() throws {
        let name = String(repeating: "q", count: 1 << 20)
        let path = try script(Array("x = 1 + \(name) + 2\n".utf8))
        let started = Date()
        let r = try DZProcess.run([path], environment: ["NO_COLOR": "1"], timeout: 25)
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(r.status == 1)
        #expect(r.stderr == "\(path):1:9: error: undefined name '\(String(repeating: "q", count: 40))…'\n"
                + "x = 1 + " + String(repeating: "q", count: 86) + "...\n"
                + "        ^" + String(repeating: "~", count: 85) + "\n")
    }

    /// Every message that quotes a user's name quotes at most 40 characters of it.
    @Test func longNamesAreShortenedInEveryMessage() throws {
        let long = String(repeating: "k", count: 200)
        let cut = String(repeating: "k", count: 40) + "…"
        let cases: [(String, String)] = [
            ("def f(a) = a\nf(\(long)=1)", "f() got an unexpected keyword argument '\(cut)'"),
            ("def \(long)(a) = a\n\(long)(1, 2)", "\(cut)() takes 1 positional argument but 2 were given"),
            ("x = 1\nx.\(long)", "a tensor has no attribute '\(cut)'"),
            ("def g(\(long), \(long)) = 1", "duplicate parameter '\(cut)' in function 'g'"),
            ("def h() { \(long) = \(long) + 1 }\nh()", "local variable '\(cut)' is used before it is assigned in this function"),
        ]
        for (program, message) in cases {
            let r = try DZProcess.run(["-e", program], environment: ["NO_COLOR": "1"], timeout: 30)
            #expect(r.status == 1)
            let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.first.map { $0.hasSuffix(": error: " + message) } == true, "\(r.stderr)")
            #expect(lines.allSatisfy { $0.unicodeScalars.count <= 160 }, "\(r.stderr)")
        }
    }

    /// The caret stands under its character after East Asian wide characters, emoji,
    /// combining marks and tabs (tabs expanded to 8 columns in the line and the caret alike).
    @Test func caretsCountTerminalCells() throws {
        let cases: [(String, String, String)] = [
            ("s = \"日本語\" + 1", "1:5:", "s = \"日本語\" + 1\n    ^~~~~~~~~~~~\n"),
            ("t = (\"😀\", 1) * $", "1:16:", "t = (\"😀\", 1) * $\n" + String(repeating: " ", count: 16) + "^\n"),
            ("u = \"e\u{301}\" + \"x\" + $", "1:18:", "u = \"e\u{301}\" + \"x\" + $\n" + String(repeating: " ", count: 16) + "^\n"),
            ("v =\t\"\t\" + 1", "1:5:", "v =     \"       \" + 1\n        ^~~~~~~~~~~~~\n"),
        ]
        for (program, position, shown) in cases {
            let r = try DZProcess.run(["-e", program], environment: ["NO_COLOR": "1"], timeout: 30)
            #expect(r.status == 1)
            #expect(r.stderr.hasPrefix("<-e>:\(position) error: "), "\(r.stderr)")
            #expect(r.stderr.drop(while: { $0 != "\n" }).dropFirst() == Substring(shown), "\(r.stderr)")
        }
    }

    /// `DZ_NUM_THREADS` and `DZ_VECTOR_UNIT` values that cannot be used are said once on
    /// stderr, then dz goes on with the default.
    @Test func unusableTuningVariablesAreWarnedAboutOnce() throws {
        let processors = ProcessInfo.processInfo.activeProcessorCount
        for (value, why) in [("abc", "is not a positive integer"), ("0", "is not a positive integer"),
                             ("-4", "is not a positive integer"), ("100000", "is more than 1024")] {
            let r = try DZProcess.run(["-e", "print(sum(ones(300, 300) @ ones(300, 300)))"],
                                      environment: ["DZ_NUM_THREADS": value], timeout: 30)
            #expect(r.status == 0)
            #expect(r.stdout == "27000000.0\n")
            #expect(r.stderr == "dz: warning: DZ_NUM_THREADS=\(value) \(why); using \(processors)\n")
        }
        let ok = try DZProcess.run(["-e", "1"], environment: ["DZ_NUM_THREADS": "1", "DZ_VECTOR_UNIT": "baseline"], timeout: 30)
        #expect(ok.stderr == "")
        let bogus = try DZProcess.run(["-e", "print(tanh(0.5))"], environment: ["DZ_VECTOR_UNIT": "bogus"], timeout: 30)
        #expect(bogus.status == 0)
        #expect(bogus.stdout == "0.46211715726000974\n")
        #expect(bogus.stderr.hasPrefix("dz: warning: DZ_VECTOR_UNIT=bogus is not one of baseline, avx2, avx512; using "))
        #expect(bogus.stderr.split(separator: "\n").count == 1)
    }
}
