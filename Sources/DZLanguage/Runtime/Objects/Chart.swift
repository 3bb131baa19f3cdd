/// Line charts for `plot`: drawn in the terminal with braille characters, or as SVG.
///
/// Non-finite points (nan, inf) are skipped: the line breaks there. The axes are labelled
/// with the smallest and largest x and y of the finite points.
enum Chart {
    /// The finite points, and the data ranges (widened when flat, for the mapping only).
    struct Frame {
        var points: [(x: Double, y: Double)?]
        var xmin = 0.0, xmax = 0.0, ymin = 0.0, ymax = 0.0
        var lo = (x: 0.0, y: 0.0), hi = (x: 0.0, y: 0.0)

        init?(xs: [Double], ys: [Double]) {
            points = zip(xs, ys).map { $0.isFinite && $1.isFinite ? ($0, $1) : nil }
            let finite = points.compactMap { $0 }
            guard !finite.isEmpty else { return nil }
            xmin = finite.map(\.x).min()!; xmax = finite.map(\.x).max()!
            ymin = finite.map(\.y).min()!; ymax = finite.map(\.y).max()!
            // A flat line gets a range around it (10% of its value), kept finite near the
            // largest double and nonempty for the smallest.
            func widened(_ a: Double, _ b: Double) -> (Double, Double) {
                if a < b { return (a, b) }
                var d = a == 0 ? 1 : Swift.abs(a) * 0.1
                let room = Double.greatestFiniteMagnitude - Swift.abs(a)
                if room > 0 { d = Swift.min(d, room) }
                let lo = Swift.max(a - d, -.greatestFiniteMagnitude), hi = Swift.min(b + d, .greatestFiniteMagnitude)
                return lo < hi ? (lo, hi) : (a.nextDown, b.nextUp)
            }
            (lo.x, hi.x) = widened(xmin, xmax)
            (lo.y, hi.y) = widened(ymin, ymax)
        }
    }

    static func label(_ x: Double) -> String { cFormat("%.6g", x) }

    /// Where `v` lies from `lo` (0) to `hi` (1), clamped to that interval; computed on halves
    /// so that a range wider than the largest double (`-1e308` to `1e308`) does not overflow.
    static func fraction(_ v: Double, _ lo: Double, _ hi: Double) -> Double {
        let f = (v / 2 - lo / 2) / (hi / 2 - lo / 2)
        return f.isNaN ? 0 : Swift.min(Swift.max(f, 0), 1)
    }

    /// The pixel of a fraction (0...1) on an axis of `count` pixels: never a trapping conversion.
    static func pixel(_ fraction: Double, count: Int) -> Int {
        Swift.min(Swift.max(Int((fraction * Double(count - 1)).rounded()), 0), count - 1)
    }

    /// A braille line chart `width` characters wide and `height` lines high, with labels.
    static func text(xs: [Double], ys: [Double], width: Int = 60, height: Int = 12) -> String {
        guard let f = Frame(xs: xs, ys: ys) else { return "(nothing to plot: no finite values)\n" }
        let pw = width * 2, ph = height * 4
        var dots = [[Bool]](repeating: [Bool](repeating: false, count: pw), count: ph)
        func pixel(_ p: (x: Double, y: Double)) -> (Int, Int) {
            (Chart.pixel(fraction(p.x, f.lo.x, f.hi.x), count: pw), Chart.pixel(1 - fraction(p.y, f.lo.y, f.hi.y), count: ph))
        }
        var previous: (Int, Int)? = nil
        for p in f.points {
            guard let p else { previous = nil; continue }
            let (x1, y1) = pixel(p)
            if let (x0, y0) = previous {
                // Bresenham's line from the previous point.
                var x = x0, y = y0
                let dx = Swift.abs(x1 - x0), dy = -Swift.abs(y1 - y0)
                let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
                var err = dx + dy
                while true {
                    dots[y][x] = true
                    if x == x1 && y == y1 { break }
                    let e2 = 2 * err
                    if e2 >= dy { err += dy; x += sx }
                    if e2 <= dx { err += dx; y += sy }
                }
            } else {
                dots[y1][x1] = true
            }
            previous = (x1, y1)
        }
        // Braille cell bits by (column, row) within the 2×4 cell.
        let bits: [[UInt32]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
        let top = label(f.ymax), bottom = label(f.ymin)
        let margin = Swift.max(top.count, bottom.count)
        func pad(_ s: String) -> String { String(repeating: " ", count: margin - s.count) + s }
        var out = ""
        for row in 0..<height {
            var line = row == 0 ? pad(top) + " ┤" : row == height - 1 ? pad(bottom) + " ┤" : String(repeating: " ", count: margin) + " │"
            for col in 0..<width {
                var code: UInt32 = 0
                for dc in 0..<2 { for dr in 0..<4 where dots[row * 4 + dr][col * 2 + dc] { code |= bits[dc][dr] } }
                line.unicodeScalars.append(Unicode.Scalar(0x2800 + code)!)
            }
            out += line + "\n"
        }
        out += String(repeating: " ", count: margin) + " └" + String(repeating: "─", count: width) + "\n"
        let left = label(f.xmin), right = label(f.xmax)
        let gap = Swift.max(1, width - left.count - right.count)
        out += String(repeating: " ", count: margin + 2) + left + String(repeating: " ", count: gap) + right + "\n"
        return out
    }

    /// An SVG document (640×400) with the line, the axes and their min/max labels.
    static func svg(xs: [Double], ys: [Double], title: String? = nil) -> String {
        let width = 640.0, height = 400.0
        let left = 96.0, right = 20.0, top = title == nil ? 20.0 : 40.0, bottom = 40.0
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"400\" viewBox=\"0 0 640 400\">\n"
        out += "<rect width=\"640\" height=\"400\" fill=\"white\"/>\n"
        if let title {
            out += "<text x=\"320\" y=\"24\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"16\">\(escape(title))</text>\n"
        }
        let x0 = left, x1 = width - right, y0 = height - bottom, y1 = top
        func n(_ v: Double) -> String { cFormat("%.2f", v) }
        out += "<path d=\"M\(n(x0)) \(n(y1)) L\(n(x0)) \(n(y0)) L\(n(x1)) \(n(y0))\" stroke=\"black\" fill=\"none\"/>\n"
        guard let f = Frame(xs: xs, ys: ys) else { return out + "</svg>\n" }
        func point(_ p: (x: Double, y: Double)) -> String {
            let px = x0 + fraction(p.x, f.lo.x, f.hi.x) * (x1 - x0)
            let py = y0 - fraction(p.y, f.lo.y, f.hi.y) * (y0 - y1)
            return n(px) + "," + n(py)
        }
        var segment: [String] = []
        func flush() {
            if segment.count == 1 {
                let xy = segment[0].split(separator: ",")
                out += "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"2\" fill=\"#1f77b4\"/>\n"
            } else if segment.count > 1 {
                out += "<polyline points=\"\(segment.joined(separator: " "))\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\"/>\n"
            }
            segment = []
        }
        for p in f.points {
            if let p { segment.append(point(p)) } else { flush() }
        }
        flush()
        let font = "font-family=\"sans-serif\" font-size=\"12\""
        out += "<text x=\"\(n(x0 - 6))\" y=\"\(n(y1 + 4))\" text-anchor=\"end\" \(font)>\(escape(label(f.ymax)))</text>\n"
        out += "<text x=\"\(n(x0 - 6))\" y=\"\(n(y0 + 4))\" text-anchor=\"end\" \(font)>\(escape(label(f.ymin)))</text>\n"
        out += "<text x=\"\(n(x0))\" y=\"\(n(y0 + 18))\" text-anchor=\"start\" \(font)>\(escape(label(f.xmin)))</text>\n"
        out += "<text x=\"\(n(x1))\" y=\"\(n(y0 + 18))\" text-anchor=\"end\" \(font)>\(escape(label(f.xmax)))</text>\n"
        return out + "</svg>\n"
    }

    static func escape(_ s: String) -> String { s.htmlEscaped }
}
