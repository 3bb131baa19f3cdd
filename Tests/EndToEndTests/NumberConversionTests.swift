import Foundation
import Testing
import DZTestSupport

/// Numbers crossing between text, doubles and integers, through the real binary:
/// `float(s)` as Python's, integral numbers in tuples, and no Double-to-Int trap where a
/// double is drawn, counted or used as a size or an index.
@Suite struct NumberConversionTests {
    func run(_ code: String) throws -> DZProcess.Result {
        try DZProcess.run(["-e", code], environment: ["NO_COLOR": "1"], timeout: 30)
    }

    /// What Python's `float()` accepts is a number; anything else (hexadecimal first) is an
    /// error that names the string.
    @Test func floatOfAStringAcceptsWhatPythonAccepts() throws {
        let accepted: [(String, String)] = [
            ("\" 1_000.5 \"", "1000.5"), ("\"-2.5e-3\"", "-0.0025"), ("\".5\"", "0.5"), ("\"5.\"", "5.0"),
            ("\"+1E3\"", "1000.0"), ("\"1_0e1_0\"", "100000000000.0"), ("\"\\t7\\n\"", "7.0"),
            ("\"Infinity\"", "inf"), ("\"-inf\"", "-inf"), ("\"NaN\"", "nan"), ("\"١٢\"", "12.0"),
        ]
        for (literal, printed) in accepted {
            let r = try run("print(float(\(literal)))")
            #expect(r.status == 0 && r.stdout == printed + "\n", "float(\(literal)): \(r.stdout)\(r.stderr)")
        }
        for bad in ["0x10", "0x1p3", "0X1P-2", "1__0", "_1", "1_", "nan(1)", "", " ", ".", "e5", "1e", "1.5.2", "infinit", "1 2"] {
            let r = try run("float(\"\(bad)\")")
            #expect(r.status == 1, "float(\"\(bad)\") was accepted: \(r.stdout)")
            #expect(r.stderr.hasPrefix("<-e>:1:1: error: float(): could not convert the string \"\(bad)\" to a number"), "\(r.stderr)")
        }
    }

    /// A tuple shows its items as Python's tuple does: int64 items as integers, float64
    /// ones as Python's repr of a float (`9e15` is `9000000000000000.0`, `-0.0` keeps its sign).
    @Test func tuplesShowIntegersAndFloatsAsPython() throws {
        let r = try run("t = (9e15, 2, -3, 2.5, nan, inf, -inf, 1e15, 2**53, 1e16, -0.0)\nt\nprint(t)\nprint((9e15,))")
        let shown = "(9000000000000000.0, 2, -3, 2.5, nan, inf, -inf, 1000000000000000.0, 9007199254740992, 1e+16, -0.0)"
        #expect(r.stdout == shown + "\n" + shown + "\n(9000000000000000.0,)\n")
        #expect(r.status == 0)
        // A shape holds integers, and so do messages that show sizes and seeds.
        let seed = try run("seed(9e15)")
        #expect(seed.stderr.hasPrefix("<-e>:1:1: error: seed(): the seed must be between 0 and 2**32 - 1, got 9000000000000000\n"))
    }

    /// `plot` of values near the largest double, of a range wider than it, and of inf and
    /// nan draws (or says there is nothing to draw) instead of trapping.
    @Test func plotNearTheLargestDoubleDrawsWithoutTrapping() throws {
        for (values, top, bottom) in [("(1.7e308, 1.7e308)", "1.7e+308", "1.7e+308"),
                                      ("(1.7976931348623157e308, 1.7976931348623157e308)", "1.79769e+308", "1.79769e+308"),
                                      ("(-1e308, 1e308)", " 1e+308", "-1e+308"),
                                      ("(-1.7976931348623157e308, inf, nan, 1.7976931348623157e308)", " 1.79769e+308", "-1.79769e+308"),
                                      ("(5e-324, 5e-324)", "4.94066e-324", "4.94066e-324")] {
            let r = try run("plot(\(values))")
            #expect(r.status == 0, "plot\(values): \(r.stderr)")
            let lines = r.stdout.split(separator: "\n")
            #expect(lines.count == 14, "plot\(values): \(r.stdout)")
            #expect(lines.first?.hasPrefix(top + " ┤") == true, "plot\(values): \(r.stdout)")
            #expect(lines.count > 11 && lines[11].hasPrefix(bottom + " ┤"), "plot\(values): \(r.stdout)")
            // The line is drawn: some braille cell has dots.
            #expect(r.stdout.unicodeScalars.contains { $0.value > 0x2800 && $0.value <= 0x28FF }, "plot\(values): \(r.stdout)")
        }
        let nothing = try run("plot((inf, nan, -inf))")
        #expect(nothing.stdout == "(nothing to plot: no finite values)\n")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dz-plot-\(getpid()).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let svg = try run("plot((-1e308, 1e308, 1.7976931348623157e308), file=\"\(path)\")")
        #expect(svg.status == 0, "\(svg.stderr)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("<polyline points=\"96.00,") && !text.contains("nan") && !text.contains("inf\""))
    }

    /// Doubles used as sizes, counts and indices: a clear error naming the value, never a trap.
    @Test func hugeDoublesAsSizesAndIndicesAreClearErrors() throws {
        let cases: [(String, String)] = [
            ("arange(1e308, -1e308, 1)", ""),
            ("arange(0, 1e300, 1e-300)", "arange: an array of shape (inf,) does not fit in this machine's memory"),
            ("arange(-1e308, 1e308)", "arange: an array of shape (inf,) does not fit in this machine's memory"),
            ("x = ones(3); x[[1e300]]", "index: arrays used as indices must be of integer (or boolean) type, got float64"),
            ("x = ones(3); x[[-1e19].astype(int64)]", "index: index -9223372036854775808 is out of bounds for axis 0 with size 3"),
            ("range(1e300)", "range(): argument 'stop' must be an integer of magnitude at most 9e15, got 1e+300"),
            ("zeros(1e300)", "zeros: an array of shape (1e+300,) does not fit in this machine's memory"),
            ("randn(2.5)", "randn(): argument 'shape' must be an integer, got 2.5"),
            ("sum(ones(2, 3), axis=1e300)", "sum(): argument 'axis' must be an integer of magnitude at most 9e15, got 1e+300"),
            ("x = ones(3); x[nan]", "index(): argument 'index' must be an integer, got nan"),
            ("x = ones(3); x[0:1e300]", "index(): argument 'slice' must be an integer of magnitude at most 9e15, got 1e+300"),
        ]
        for (code, message) in cases {
            let r = try run(code)
            if message.isEmpty {
                #expect(r.status == 0 && r.stderr == "", "\(code): \(r.stderr)")
                #expect(r.stdout == "[]\n", "\(code): \(r.stdout)")
            } else {
                #expect(r.status == 1, "\(code): \(r.stderr)")
                #expect(r.stderr.contains(": error: " + message + "\n"), "\(code): \(r.stderr)")
            }
        }
    }
}
