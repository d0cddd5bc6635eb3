import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `random-images`: random pixels are not clothes. Images drawn at random, with every pixel
/// uniform in [0, 1] (`uniform`) or copied from the same pixel of a randomly chosen training
/// image, independently per pixel, so each pixel has the real images' distribution
/// (`matched`), against real test images (`real`): how far each lies from its nearest
/// training image, and how sure a classifier trained on the real images is about them.
struct RandomImagesExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        var data = ManifoldSetups.images()
        var model: ModelParameters = { var m = ModelParameters(); m.hidden = [128]; return m }()
        var training = ManifoldSetups.training(learningRate: 0.001, epochs: 8)
        var seeds = 3
        var samples = 300
        var shown = 8

        static let parameters: [Parameter<Config>] = [
            .record("data", \.data, "The real images: Fashion-MNIST, pixels in [0, 1] (`standardize: false`)."),
            .record("model", \.model, "The classifier that is asked about the random images."),
            .record("training", \.training, "How the classifier is trained."),
            .whole("seeds", \.seeds, 1...100, "Repetitions: each seed trains its own classifier and draws its own random images."),
            .whole("samples", \.samples, 1...10_000, "Images of each set (real test images, uniform, matched) per seed; at most `data.test` real ones."),
            .whole("shown", \.shown, 1...20, "Images of each set in the figure."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            ManifoldSetups.check(data, task: .predict, &checks)
            ManifoldSetups.check(model, &checks)
            checks.require(samples <= data.test, "samples", expected: "at most data.test (\(data.test)) real test images", found: "\(samples)")
            checks.require(shown <= samples, "shown", expected: "at most samples (\(samples))", found: "\(shown)")
        }
    }

    /// The three sets, in the order of figures and tables.
    static let sets = [("real", "real test images"), ("uniform", "uniform random pixels"),
                       ("matched", "pixels with the real images' statistics")]

    static let kind = "random-images"
    static let version = 1
    static let summary = "Random images against real ones: distance to the nearest training image, and a trained classifier's confidence."
    static let outputs = ["examples", "measures", "classes"]
    static let metrics: [MetricName] = [
        MetricName("<set>.distance", "Mean over the set's images of the RMS pixel distance to the nearest training image (set: real, uniform, matched).", sampled: true),
        MetricName("<set>.min_distance", "The smallest of those distances in the set.", sampled: true),
        MetricName("<set>.max_distance", "The largest of those distances in the set.", sampled: true),
        MetricName("<set>.confidence", "Mean over the set's images of the classifier's highest class probability.", sampled: true),
        MetricName("<set>.confident_share", "Share of the set's images the classifier gives one class a probability above 0.9.", sampled: true),
        MetricName("<set>.top_class_share", "Share of the set's images put in the class the classifier chooses most often for that set.", sampled: true),
        MetricName("classifier.test_accuracy", "The classifier's accuracy on the real test images.", sampled: true),
    ]
    static let quickProfile: [String: ConfigValue] = [:]

    struct SeedResult {
        var measures: [String: Double]
        var images: [String: Matrix<Float>]
        var predictions: [String: [Int]]
    }

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        // Trials: one classifier per seed (cached whole); then each seed's random images,
        // distances and predictions; then the summary over seeds and the figures.
        let spec = TrainData.spec(config.data, seed: context.seed, lessonDirectory: context.lessonDirectory)
        let data = try TrainData.load(spec, lessonDirectory: context.lessonDirectory)
        let seeds = TrainTrial.seeds(from: context.seed, count: config.seeds)
        let keys = seeds.map { TrainTrial.Key(data: spec, model: config.model, training: config.training, target: 0, seed: $0) }
        let networks = try TrainedNetwork.networks(keys, data: data, context: context)
        let results = try zip(seeds, networks).map { try Self.measure(config, data: data.dataset, network: $1, seed: $0) }

        var metrics: [String: Double] = [:], samples: [String: [Double]] = [:]
        for name in results[0].measures.keys {
            let values = results.map { $0.measures[name] ?? .nan }
            samples[name] = values
            metrics[name] = ImageMeasures.mean(values)
        }
        let first = results[0]
        return CellResult(metrics: metrics, tables: ["classes": Self.classTable(results, names: data.dataset.classNames)],
                          figures: [Self.examples(first, shown: config.shown), Self.measures(metrics, samples: samples)],
                          samples: samples)
    }

    static func measure(_ config: Config, data: Dataset, network: Network, seed: UInt64) throws -> SeedResult {
        let train = data.train.features
        let n = config.samples, d = train.columns
        var rng = SeededGenerator(seed: seed).derive(stream: 31)
        var uniform = Matrix<Float>(rows: n, columns: d), matched = Matrix<Float>(rows: n, columns: d)
        for i in 0..<n {
            for j in 0..<d { uniform[i, j] = rng.uniformFloat() }
            for j in 0..<d { matched[i, j] = train[rng.integer(below: train.rows), j] }
        }
        let sets: [String: Matrix<Float>] = ["real": data.test.features.rows(0..<n), "uniform": uniform, "matched": matched]
        var measures: [String: Double] = [:], predictions: [String: [Int]] = [:]
        for (name, images) in sets {
            let distances = ImageMeasures.nearestDistances(images, to: train)
            measures["\(name).distance"] = ImageMeasures.mean(distances)
            measures["\(name).min_distance"] = distances.min() ?? .nan
            measures["\(name).max_distance"] = distances.max() ?? .nan
            let p = try network.probabilities(images)
            let top = (0..<n).map { r in (0..<p.columns).map { Double(p[r, $0]) }.max() ?? .nan }
            let classes = p.argmaxRows
            predictions[name] = classes
            measures["\(name).confidence"] = ImageMeasures.mean(top)
            measures["\(name).confident_share"] = Double(top.filter { $0 > 0.9 }.count) / Double(n)
            var counts = [Int](repeating: 0, count: p.columns)
            for c in classes { counts[c] += 1 }
            measures["\(name).top_class_share"] = Double(counts.max() ?? 0) / Double(n)
        }
        let accuracy = try network.evaluate(data.test, loss: .softmaxCrossEntropy).accuracy ?? .nan
        measures["classifier.test_accuracy"] = accuracy
        return SeedResult(measures: measures, images: sets, predictions: predictions)
    }

    /// The share of each set the classifier puts in each class, over all seeds.
    static func classTable(_ results: [SeedResult], names: [String]) -> Table {
        var rows: [[TableValue]] = []
        for (c, name) in names.enumerated() {
            var row: [TableValue] = [.text(name)]
            for (set, _) in sets {
                let all = results.flatMap { $0.predictions[set] ?? [] }
                row.append(.text(String(format: "%.1f%%", 100 * Double(all.filter { $0 == c }.count) / Double(max(all.count, 1)))))
            }
            rows.append(row)
        }
        return Table(caption: "Where the classifier puts each set's images (all seeds together).",
                     columns: ["class"] + sets.map(\.1), rows: rows)
    }

    static func examples(_ result: SeedResult, shown: Int) -> NamedFigure {
        let side = Int(Double(result.images["real"]!.columns).squareRoot())
        let images = sets.map { set in (0..<shown).map { ImageMeasures.image(result.images[set.0]!, $0) } }
        let rowNames = sets.map { set -> String in
            switch set.0 {
            case "real": return "real"
            case "uniform": return "uniform"
            default: return "per-pixel"
            }
        }
        let panel = Panel(marks: [.imageGrid(ImageGridMark(images: images, pixelWidth: side, pixelHeight: side,
                                                           rowLabels: rowNames, colorLimits: 0...1))])
        let figure = Figure(title: "Real test images, uniform noise, and noise with each pixel's real distribution",
                            width: 620, height: 260, panel: panel)
        return NamedFigure(name: "examples",
                           caption: "Top: real test images. Middle: every pixel uniform in [0, 1]. Bottom: every pixel copied from the same pixel of a randomly chosen training image, so each pixel on its own is distributed like the real ones (first seed).",
                           figure: figure)
    }

    static func measures(_ metrics: [String: Double], samples: [String: [Double]]) -> NamedFigure {
        let names = ["real", "uniform", "per-pixel"]
        func panel(_ measure: String, _ title: String, _ label: String) -> Panel {
            var marks: [Mark] = [.bars(BarsMark(categories: names, values: sets.map { metrics["\($0.0).\(measure)"] ?? .nan },
                                                label: "mean over seeds", showValues: true))]
            var xs: [Double] = [], ys: [Double] = []
            for (i, set) in sets.enumerated() { for v in samples["\(set.0).\(measure)"] ?? [] { xs.append(Double(i)); ys.append(v) } }
            marks.append(.scatter(ScatterMark(x: xs, y: ys, label: "each seed", color: .black, size: 4)))
            return Panel(title: title, x: Axis(label: "images"), y: Axis(label: label), legend: .none, marks: marks)
        }
        let figure = Figure(title: "How far from the training images, and how sure the classifier is", width: 700, height: 300,
                            columns: 2, panels: [panel("distance", "Distance to the nearest training image", "RMS pixel distance"),
                                                 panel("confidence", "Classifier's confidence", "mean highest class probability")])
        return NamedFigure(name: "measures",
                           caption: "Left: mean RMS pixel distance from each image to its nearest training image. Right: the classifier's mean highest class probability. Bars are means over seeds, dots single seeds.",
                           figure: figure)
    }
}
