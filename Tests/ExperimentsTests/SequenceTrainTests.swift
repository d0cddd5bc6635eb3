import Foundation
import Learning
import Notebook
import Tensor
import Testing
@testable import Experiments

/// Sequences in the `train` kind: the `symbol-counts` data set, `rnn(...)` layers, test
/// accuracy per test length and its figure, and the refusals of sequence settings that
/// cannot work, each with its file, line and key.
@Suite struct SequenceTrainTests {
    @Test func recurrentLayersAreReadFromText() {
        #expect(ModelParameters.layer("rnn(16)") == .recurrent(units: 16))
        #expect(ModelParameters.layer("rnn(16, mean)") == .recurrent(units: 16, output: .mean))
        #expect(ModelParameters.layer("rnn(16, last)") == .recurrent(units: 16, output: .last))
        #expect(ModelParameters.layer("rnn(0)") == nil)
        #expect(ModelParameters.layer("rnn(8, sum)") == nil)
        #expect(ModelParameters.layer("rnn()") == nil)
    }

    /// An MLP cut to 4 steps against a small RNN that reads every step, zipped so that each
    /// point has one name, tested on longer sequences than it was trained on.
    @Test func anMLPAndAnRNNAreMeasuredAtEveryTestLength() throws {
        let plan = try TrainKindTests.plan("""
        data: {source: symbol-counts, lengths: [1, 4], test_lengths: [2, 4, 12], train: 600, validation: 100, test: 100}
        training: {optimizer: adam, learning_rate: 0.01, epochs: 15}
        seeds: 2
        zip: true
        sweep:
          data.steps: {mlp: 4, rnn: 0}
          model.layers: {mlp: [dense(16), relu], rnn: ["rnn(8)"]}
        plots:
          - {name: lengths, type: lengths}
        """)
        let result = try TrainKindTests.train.run(plan.config, context: ExperimentContext(seed: plan.seed, jobs: 2))
        for point in ["mlp", "rnn"] {
            for n in [2, 4, 12] {
                let name = "\(point).test_accuracy.length_\(n)"
                let accuracy = try #require(result.metrics[name], "\(name)")
                #expect(accuracy > 0.5 && accuracy <= 1, "\(name): \(accuracy)")
                #expect(result.samples[name]?.count == 2)
            }
        }
        // Both learn the lengths they were trained on; beyond them the MLP sees only the first 4 steps.
        #expect(try #require(result.metrics["mlp.test_accuracy.length_4"]) > 0.9)
        #expect(try #require(result.metrics["rnn.test_accuracy.length_4"]) > 0.8)
        #expect(try #require(result.metrics["mlp.test_accuracy.length_12"]) < 0.9)
        #expect(result.figures.map(\.name).contains("lengths"))
        #expect(result.tables["points"]?.columns.contains("test_accuracy.length_12 mean") == true)
        // Metrics the kind declares, every one.
        for name in result.metrics.keys {
            #expect(TrainExperiment.metrics.contains { $0.matches(name) } || name.hasPrefix("sweep."), "\(name)")
        }
    }

    @Test(arguments: [
        ("model: {layers: [\"rnn(8)\"]}", "mine.model.layers: expected `rnn(...)` only on sequences (data.source: symbol-counts); spiral examples are not sequences"),
        ("data: {source: symbol-counts}\nmodel: {layers: [dense(8), \"rnn(8)\"]}", "mine.model.layers: expected layers that fit sequences (10 steps of 3 features per row)"),
        ("data: {source: symbol-counts}\nmodel: {layers: [\"rnn(8, sum)\"]}", "mine.model.layers.0: expected `dense(UNITS)`"),
        ("data: {source: symbol-counts, lengths: [9, 3]}", "mine.data.lengths: expected the shortest length first, then the longest, found [9, 3]"),
        ("data: {source: symbol-counts, lengths: [4]}", "mine.data.lengths: expected a list of exactly 2"),
        ("data: {source: symbol-counts, test_lengths: [20, 10]}", "mine.data.test_lengths: expected a list of distinct"),
        ("data: {source: symbol-counts, task: reconstruct}", "mine.data.task: expected predict for symbol counts"),
        ("data: {source: symbol-counts}\nplots: [{name: l, type: lengths}]", "mine.plots.0.type: expected a sequence set with test lengths"),
        ("data: {source: spiral}\nsweep: {model.layers: {rnn: [\"rnn(4)\"]}}", "mine.sweep.model.layers: expected model.layers: `rnn(...)` only on sequences"),
    ])
    func badSequenceSettingsAreRefusedWithTheirKey(with: String, expected: String) {
        let message = TrainKindTests.error(with)
        #expect(message.contains(expected), "\(message)")
        #expect(message.contains("t.md:"), "\(message)")
    }
}
