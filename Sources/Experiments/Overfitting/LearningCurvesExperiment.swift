import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `learning-curves`: a wide one-hidden-layer MLP trained on a small Fashion-MNIST subset
/// for long enough to overfit (see `OverfittingTrial`). It records the training and
/// validation loss and accuracy after every epoch, finds the epoch of lowest validation
/// loss (where early stopping keeps the weights, Prechelt 1998) and measures how far the
/// curves part: the validation loss at the end against its minimum, and the gap between
/// training and validation accuracy.
struct LearningCurvesExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        var data = OverfittingSetup.data()
        var model = OverfittingSetup.model()
        var training = OverfittingSetup.training(epochs: 80)
        var seeds = 1

        static let parameters: [Parameter<Config>] = [
            .record("data", \.data, "The images, as in a `train` cell: Fashion-MNIST at 14 pixels, standardised; `train` and `validation` images of the training file and `test` images, here the first of the test file."),
            .record("model", \.model, "The network, as in a `train` cell: one hidden ReLU layer (`hidden: [WIDTH]`), He normal weights."),
            .record("training", \.training, "How it trains, as in a `train` cell: Adam (beta1 0.9, beta2 0.999) at `learning_rate` in minibatches of `batch_size` for `epochs` epochs."),
            .whole("seeds", \.seeds, 1...100, "Runs from different initial weights and example orders; curves are their mean."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            OverfittingSetup.check(data, &checks)
            OverfittingSetup.check(model, &checks)
            OverfittingSetup.check(training, &checks)
        }
    }

    static let kind = "learning-curves"
    static let version = 1
    static let summary = "A wide MLP on a small Fashion-MNIST subset trained until it overfits: training and validation curves, the best epoch, the gap."
    static let outputs = ["curves", "summary"]
    static let metrics: [MetricName] = [
        .setting("epochs"),
        MetricName("best_epoch", "Epoch of the lowest (mean) validation loss."),
        MetricName("best.validation_loss", "Validation loss at the best epoch."),
        MetricName("best.validation_accuracy", "Validation accuracy at the best epoch."),
        MetricName("best.train_accuracy", "Training accuracy at the best epoch."),
        MetricName("best.test_accuracy", "Test accuracy at the best epoch."),
        MetricName("final.train_loss", "Training loss after the last epoch."),
        MetricName("final.train_accuracy", "Training accuracy after the last epoch."),
        MetricName("final.validation_loss", "Validation loss after the last epoch."),
        MetricName("final.validation_accuracy", "Validation accuracy after the last epoch."),
        MetricName("final.test_accuracy", "Test accuracy after the last epoch."),
        MetricName("loss_ratio", "Final validation loss over its minimum."),
        MetricName("gap.best", "Training minus validation accuracy at the best epoch."),
        MetricName("gap.final", "Training minus validation accuracy after the last epoch."),
        MetricName("diverged", "Runs whose loss blew up (their curves stop early)."),
    ]
    static let quickProfile: [String: ConfigValue] = OverfittingSetup.quick(width: 128, epochs: 30)

    static func keys(_ c: Config, noise: Double, seed: UInt64) -> [OverfittingTrial.Key] {
        OverfittingTrial.seeds(from: seed, count: c.seeds).map {
            OverfittingTrial.Key(version: OverfittingTrial.version,
                                 data: OverfittingSetup.spec(c.data, noise: noise, seed: seed),
                                 width: c.model.hidden[0], dropout: 0, weightDecay: 0, rate: c.training.learningRate,
                                 epochs: c.training.epochs, batch: c.training.batchSize, seed: $0)
        }
    }

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        let results = try OverfittingTrial.runAll(Self.keys(config, noise: 0, seed: context.seed), context: context)
        let m = OverfittingFigures.mean
        let trainLoss = m(results.map(\.trainLoss)), validationLoss = m(results.map(\.validationLoss))
        let trainAccuracy = m(results.map(\.trainAccuracy)), validationAccuracy = m(results.map(\.validationAccuracy))
        let testAccuracy = m(results.map(\.testAccuracy))
        let best = OverfittingFigures.argmin(validationLoss)
        let last = validationLoss.count - 1
        let metrics: [String: Double] = [
            "epochs": Double(config.training.epochs), "best_epoch": Double(best),
            "best.validation_loss": validationLoss[best], "best.validation_accuracy": validationAccuracy[best],
            "best.train_accuracy": trainAccuracy[best], "best.test_accuracy": testAccuracy[best],
            "final.train_loss": trainLoss[last], "final.train_accuracy": trainAccuracy[last],
            "final.validation_loss": validationLoss[last], "final.validation_accuracy": validationAccuracy[last],
            "final.test_accuracy": testAccuracy[last],
            "loss_ratio": validationLoss[last] / validationLoss[best],
            "gap.best": trainAccuracy[best] - validationAccuracy[best],
            "gap.final": trainAccuracy[last] - validationAccuracy[last],
            "diverged": Double(results.filter(\.diverged).count),
        ]
        let epochs = validationLoss.indices.map(Double.init)
        let series: [String: Series] = [
            "train_loss": Series(x: epochs, y: trainLoss, xLabel: "epoch", yLabel: "training loss"),
            "validation_loss": Series(x: epochs, y: validationLoss, xLabel: "epoch", yLabel: "validation loss"),
            "train_accuracy": Series(x: epochs, y: trainAccuracy, xLabel: "epoch", yLabel: "training accuracy"),
            "validation_accuracy": Series(x: epochs, y: validationAccuracy, xLabel: "epoch", yLabel: "validation accuracy"),
        ]
        let seedsText = config.seeds == 1 ? "one run" : "mean of \(config.seeds) runs"
        let figure = OverfittingFigures.learningCurves(
            title: "\(config.model.hidden[0]) hidden units, \(config.data.train) training images: training against validation",
            trainLoss: trainLoss, validationLoss: validationLoss, trainAccuracy: trainAccuracy,
            validationAccuracy: validationAccuracy, testAccuracy: testAccuracy)
        let caption = "Loss (left, log scale) and accuracy (right) after every epoch on the \(config.data.train) training images and on \(config.data.validation) held-out validation images (\(seedsText)); dashed green: the test images. The dashed vertical line is the epoch of lowest validation loss (\(best)); the shaded epochs after it are where the network overfits: the training loss keeps falling while the validation loss rises."
        let r3 = OverfittingFigures.round3
        let table = Table(caption: "At the best epoch (lowest validation loss) and after the last epoch.",
                          columns: ["", "epoch", "training loss", "validation loss", "training accuracy", "validation accuracy",
                                    "test accuracy"],
                          rows: [["best epoch", .number(Double(best)), .number(r3(trainLoss[best])), .number(r3(validationLoss[best])),
                                  .number(r3(trainAccuracy[best])), .number(r3(validationAccuracy[best])), .number(r3(testAccuracy[best]))],
                                 ["last epoch", .number(Double(last)), .number(r3(trainLoss[last])), .number(r3(validationLoss[last])),
                                  .number(r3(trainAccuracy[last])), .number(r3(validationAccuracy[last])), .number(r3(testAccuracy[last]))]])
        return CellResult(metrics: metrics, series: series, tables: ["summary": table],
                          figures: [NamedFigure(name: "curves", caption: caption, figure: figure)])
    }
}
