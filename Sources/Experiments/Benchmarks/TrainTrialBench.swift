import Foundation
import Learning
import Notebook

/// The cost of writing an experiment as data (`lessonbook bench --only TRAIN`): one trial
/// of the `train` kind against the optimiser lesson's own trial (`OptimizerTrial`) with the
/// same configuration: a 32-64-64-10 ReLU MLP, He-normal weights, Adam at 1e-3, minibatches
/// of 64, 5 epochs, on 4,000 synthetic Gaussian examples of ten classes (1,000 for
/// validation). Both train through the one trial path (`TrialRun`), so they train the same
/// network on the same example order and measure the same: the check is each one's final
/// validation accuracy, which must agree exactly. The bespoke trial also records every
/// step's loss for its binned curve, which is what the ratio of the two times prices.
public enum TrainTrialBench {
    /// The workload's name in `--only`.
    public static let name = "TRAIN"

    public static func results(repeats: Int) throws -> [BenchResult] {
        let spec = BatchData.Spec(source: .synthetic, train: 4_000, validation: 1_000, inputs: 32, spread: 2, seed: 5)
        let batch = try BatchData.load(spec)
        let bespokeKey = OptimizerTrial.Key(
            version: OptimizerTrial.version, data: spec, hidden: [64, 64], activation: .relu, initializer: .heNormal,
            optimizer: .adam(), rate: 1e-3, schedule: .constant, epochs: 5, batch: 64, seed: 11, bins: 1)
        var data = TrainData.Spec(parameters: DataParameters(), seed: 5, fileDigest: "")
        data.parameters.source = .blobs
        var model = ModelParameters()
        model.hidden = [64, 64]
        var training = TrainingParameters()
        training.learningRate = 1e-3
        training.batchSize = 64
        training.epochs = 5
        let trainKey = TrainTrial.Key(data: data, model: model, training: training, target: 0, seed: 11)
        let set = TrainData(dataset: Dataset(name: "synthetic", train: batch.train, validation: batch.validation,
                                             classCount: 10),
                            description: batch.description)
        var bespokeTimes: [Double] = [], trainTimes: [Double] = []
        var bespoke = 0.0, train = 0.0
        for _ in 0..<max(1, repeats) {
            bespokeTimes.append(try Benchmarks.time {
                bespoke = try OptimizerTrial.run(bespokeKey, data: batch).finalValidationAccuracy
            })
            trainTimes.append(try Benchmarks.time {
                train = try TrainTrial.run(trainKey, data: set).finalValidationAccuracy
            })
        }
        return [
            BenchResult(workload: name, impl: "bespoke", seconds: Benchmarks.median(bespokeTimes), repeats: max(1, repeats),
                        check: bespoke),
            BenchResult(workload: name, impl: "train", seconds: Benchmarks.median(trainTimes), repeats: max(1, repeats),
                        check: train),
        ]
    }
}
