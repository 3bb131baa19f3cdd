import Foundation
import Testing
@testable import DZLanguage

/// DeZero step 46 (two Linear layers, sigmoid, mean squared error, SGD) with
/// `dtype=float32` end to end: every tensor of the step stays float32 and the losses are
/// numpy's float32 computation of the same network (the backward pass written by hand) and
/// DeZero's own float32 run, each to rtol 1e-5 (Fixtures/float32-training.json, made by
/// scripts/gen_float32_training_fixture.py).
@Suite struct Float32TrainingTests {
    struct Fixture: Decodable {
        let program: String
        let losses: [Double]
        let prediction_at_0_25: Double
        let dezero_losses: [Double]
        let dezero_prediction_at_0_25: Double
    }

    @Test func trainingInFloat32MatchesNumpy() throws {
        let url = try #require(Bundle.module.url(forResource: "float32-training", withExtension: "json", subdirectory: "Fixtures"))
        let f = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        let r = run(f.program)
        #expect(r.error == nil, "\(r.error ?? "")")
        let lines = r.output.split(separator: "\n").map(String.init)
        try #require(lines.count == f.losses.count + 1, "\(r.output)")
        try #require(f.dezero_losses.count == f.losses.count)
        for (line, (want, dezero)) in zip(lines, zip(f.losses, f.dezero_losses)) {
            let fields = line.split(separator: " ").map(String.init)
            #expect(fields.prefix(3) == ["float32", "float32", "float32"], "\(line)")
            let got = try #require(Double(fields.last ?? ""))
            #expect(abs(got - want) <= 1e-5 * abs(want), "loss \(got) vs numpy's \(want)")
            #expect(abs(got - dezero) <= 1e-5 * abs(dezero), "loss \(got) vs DeZero's \(dezero)")
        }
        let prediction = try #require(Double(lines.last!))
        #expect(abs(prediction - f.prediction_at_0_25) <= 1e-5 * abs(f.prediction_at_0_25))
        #expect(abs(prediction - f.dezero_prediction_at_0_25) <= 1e-5 * abs(f.dezero_prediction_at_0_25))
    }
}
