import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `autoencoder-map`: a learned two-number code. An autoencoder (the model group, an MLP
/// with a bottleneck of 2 units, trained on the data group with `task: reconstruct`, the
/// same trial a `train` cell with these groups runs) against principal components with 2
/// components at the same task: reconstruction error, the codes of test images coloured by
/// class, images decoded from evenly spaced points of the code plane, and walks between two
/// test images in pixel space and in code space.
struct AutoencoderExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        var data = ManifoldSetups.images(task: .reconstruct)
        var model: ModelParameters = {
            var m = ModelParameters()
            m.layers = ["dense(256)", "relu", "dense(2)", "dense(256)", "relu"]
            return m
        }()
        var training = ManifoldSetups.training(learningRate: 0.001, epochs: 20)
        var seeds = 3
        var points = 1_000
        var grid = 10
        var pairs = 5
        var walks = 200

        static let parameters: [Parameter<Config>] = [
            .record("data", \.data, "The images: Fashion-MNIST with `task: reconstruct` and `standardize: false` (errors in pixel units)."),
            .record("model", \.model, "The autoencoder's layers, written as in a `train` cell; the narrowest layer, 2 units wide, is the code (the output layer, as wide as an image, is added)."),
            .record("training", \.training, "How the autoencoder is trained (mean squared error between output and input)."),
            .whole("seeds", \.seeds, 1...100, "Autoencoders trained from different seeds (errors per seed); the figures show the first."),
            .whole("points", \.points, 1...10_000, "Test images whose codes are drawn (at most `data.test`)."),
            .whole("grid", \.grid, 2...30, "Rows and columns of images decoded from the code plane."),
            .whole("pairs", \.pairs, 1...20, "Pairs of test images in the figure of half-way images."),
            .whole("walks", \.walks, 1...10_000, "Pairs of test images whose half-way images are measured (distance to the nearest training image)."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            ManifoldSetups.check(data, task: .reconstruct, &checks)
            ManifoldSetups.check(model, &checks)
            if case .success(let specs) = model.layerSpecs() {
                let width = AutoencoderExperiment.codeWidth(specs)
                checks.require(width == 2, "model.layers", expected: "a narrowest layer (the code) of 2 units", found: width.map { "\($0) units" } ?? "no dense layer")
            }
            checks.require(points <= data.test, "points", expected: "at most data.test (\(data.test))", found: "\(points)")
            checks.require(2 * walks <= data.test, "walks", expected: "at most half of data.test (\(data.test / 2))", found: "\(walks)")
            checks.require(pairs <= walks, "pairs", expected: "at most walks (\(walks))", found: "\(pairs)")
        }
    }

    static let kind = "autoencoder-map"
    static let version = 1
    static let summary = "An autoencoder with a 2-unit code against 2 principal components: errors, code planes, decoded grids and walks between images."
    static let outputs = ["codes", "plane", "walk"]
    static let metrics: [MetricName] = [
        MetricName("autoencoder.test_error", "Mean squared pixel error of the test images rebuilt by the autoencoder.", sampled: true),
        MetricName("pca.test_error", "The same for 2 principal components (one number, repeated per seed).", sampled: true),
        MetricName("walk.real_distance", "Mean RMS pixel distance from the walks' end images (real test images) to their nearest training image.", sampled: true),
        MetricName("walk.pixel_mix_distance", "The same for the half-way images mixed in pixel space ((A + B) / 2).", sampled: true),
        MetricName("walk.decoded_distance", "The same for the end images rebuilt by the autoencoder.", sampled: true),
        MetricName("walk.code_mix_distance", "The same for the images decoded from the mean of the two codes.", sampled: true),
    ]
    static let quickProfile: [String: ConfigValue] = [:]

    /// The position in the layer list of the code: the last layer of the first run of the
    /// narrowest dense width (an activation right after the code belongs to the encoder).
    static func codeLayer(_ specs: [LayerSpec]) -> Int? {
        var width = 0, narrowest = Int.max, position: Int?, inRun = false
        for (i, spec) in specs.enumerated() {
            if case .dense(let units, _) = spec {
                width = units
                if units < narrowest { narrowest = units; position = i; inRun = true } else { inRun = false }
            } else if inRun, width == narrowest {
                position = i
            }
        }
        return position
    }

    static func codeWidth(_ specs: [LayerSpec]) -> Int? {
        specs.compactMap { if case .dense(let units, _) = $0 { return units } else { return nil } }.min()
    }

    /// The decoder half of a trained autoencoder: the layers after the code with their
    /// trained parameters (the tail of the network's, which are stored layer by layer).
    static func decoder(_ network: Network, specs: [LayerSpec], code: Int, bias: Bool) throws -> Network {
        var decoder = try Network(input: 2, layers: Array(specs[(code + 1)...]) + [.dense(units: network.outputSize, bias: bias)])
        decoder.parameters = Array(network.parameters.suffix(decoder.parameterCount))
        return decoder
    }

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        // Trials: one autoencoder per seed (the train kind's trial, kept whole). Then PCA,
        // the errors per seed, the first seed's codes, plane and walks, and the figures.
        let spec = TrainData.spec(config.data, seed: context.seed, lessonDirectory: context.lessonDirectory)
        let data = try TrainData.load(spec, lessonDirectory: context.lessonDirectory)
        var labelled = config.data
        labelled.task = .predict
        let labels = try TrainData.load(TrainData.spec(labelled, seed: context.seed, lessonDirectory: context.lessonDirectory),
                                        lessonDirectory: context.lessonDirectory).dataset.test.labels
        let seeds = TrainTrial.seeds(from: context.seed, count: config.seeds)
        let keys = seeds.map { TrainTrial.Key(data: spec, model: config.model, training: config.training, target: 0, seed: $0) }
        let networks = try TrainedNetwork.networks(keys, data: data, context: context)
        guard case .success(let specs) = config.model.layerSpecs(), let code = Self.codeLayer(specs) else {
            throw LearningError.invalidSetting(name: "model.layers", expected: "a 2-unit code layer", found: config.model.description)
        }
        let train = data.dataset.train.features, test = data.dataset.test.features
        let pca = try BLASThreads.with(1) { try PrincipalComponents(fitting: train, keep: 2) }
        let pcaError = pca.reconstructionError(test, count: 2)

        // Walk pairs: test images 0..<walks against walks..<2 walks.
        let a = test.rows(0..<config.walks), b = test.rows(config.walks..<(2 * config.walks))
        var pixelMix = a
        for i in 0..<pixelMix.storage.count { pixelMix.storage[i] = (a.storage[i] + b.storage[i]) / 2 }
        let realDistance = ImageMeasures.mean(ImageMeasures.nearestDistances(try a.appendingRows(b), to: train))
        let pixelMixDistance = ImageMeasures.mean(ImageMeasures.nearestDistances(pixelMix, to: train))

        var samples: [String: [Double]] = [:]
        var first: (codes: Matrix<Float>, decoder: Network, codeMix: Matrix<Float>)?
        for network in networks {
            let rebuilt = try network.predict(test)
            samples["autoencoder.test_error", default: []].append(ImageMeasures.meanSquaredError(test, rebuilt))
            samples["pca.test_error", default: []].append(pcaError)
            let decoder = try Self.decoder(network, specs: specs, code: code, bias: config.model.bias)
            let codesA = try network.layerOutputs(a, layers: [code])[0], codesB = try network.layerOutputs(b, layers: [code])[0]
            var mixed = codesA
            for i in 0..<mixed.storage.count { mixed.storage[i] = (codesA.storage[i] + codesB.storage[i]) / 2 }
            let codeMix = try decoder.predict(mixed)
            let decodedEnds = try decoder.predict(try codesA.appendingRows(codesB))
            samples["walk.real_distance", default: []].append(realDistance)
            samples["walk.pixel_mix_distance", default: []].append(pixelMixDistance)
            samples["walk.decoded_distance", default: []].append(ImageMeasures.mean(ImageMeasures.nearestDistances(decodedEnds, to: train)))
            samples["walk.code_mix_distance", default: []].append(ImageMeasures.mean(ImageMeasures.nearestDistances(codeMix, to: train)))
            if first == nil {
                first = (try network.layerOutputs(test.rows(0..<config.points), layers: [code])[0], decoder, codeMix)
            }
        }
        var metrics: [String: Double] = [:]
        for (name, values) in samples { metrics[name] = ImageMeasures.mean(values) }
        let shown = first!
        let pcaCodes = pca.encode(test.rows(0..<config.points), count: 2)
        let classes = Array(labels.prefix(config.points))
        let side = config.data.pixels
        return CellResult(metrics: metrics, figures: [
            Self.codes(pca: pcaCodes, autoencoder: shown.codes, classes: classes, names: FashionMNIST.classNames),
            try Self.plane(shown.decoder, codes: shown.codes, n: config.grid, side: side),
            Self.walk(a: a, b: b, pixelMix: pixelMix, codeMix: shown.codeMix, pairs: config.pairs, side: side),
        ], samples: samples)
    }

    static func codes(pca: Matrix<Double>, autoencoder: Matrix<Float>, classes: [Int], names: [String]) -> NamedFigure {
        func panel(_ title: String, _ x: [Double], _ y: [Double], legend: LegendPlacement) -> Panel {
            Panel(title: title, x: Axis(label: "code 1"), y: Axis(label: "code 2"), legend: legend,
                  marks: [.scatter(ScatterMark(x: x, y: y, size: 3.5, alpha: 0.7, classes: classes, classNames: names))])
        }
        let n = classes.count
        var theme = Theme.standard
        theme.palette = Palette.category10
        let figure = Figure(title: "Two numbers per test image: principal components against the autoencoder's code",
                            width: 960, height: 420, columns: 2, theme: theme, panels: [
                                panel("2 principal components", (0..<n).map { pca[$0, 0] }, (0..<n).map { pca[$0, 1] }, legend: .none),
                                panel("autoencoder code", (0..<n).map { Double(autoencoder[$0, 0]) }, (0..<n).map { Double(autoencoder[$0, 1]) },
                                      legend: .outside),
                            ])
        return NamedFigure(name: "codes",
                           caption: "The two numbers each method gives \(n) test images, coloured by the class the method was never told (first seed's autoencoder).",
                           figure: figure)
    }

    /// Images decoded from an n × n grid over the middle of the code plane (2nd to 98th
    /// percentile of the test codes on each axis), code 2 growing upwards.
    static func plane(_ decoder: Network, codes: Matrix<Float>, n: Int, side: Int) throws -> NamedFigure {
        func range(_ column: Int) -> (Double, Double) {
            let values = (0..<codes.rows).map { Double(codes[$0, column]) }.sorted()
            let at = { (q: Double) in values[min(values.count - 1, Int(q * Double(values.count - 1)))] }
            return (at(0.02), at(0.98))
        }
        let (x0, x1) = range(0), (y0, y1) = range(1)
        let xs = (0..<n).map { x0 + (x1 - x0) * Double($0) / Double(n - 1) }
        let ys = (0..<n).map { y1 - (y1 - y0) * Double($0) / Double(n - 1) }
        var grid = Matrix<Float>(rows: n * n, columns: 2)
        for r in 0..<n { for c in 0..<n { grid[r * n + c, 0] = Float(xs[c]); grid[r * n + c, 1] = Float(ys[r]) } }
        let images = try decoder.predict(grid)
        let rows = (0..<n).map { r in (0..<n).map { ImageMeasures.image(images, r * n + $0) } }
        let label = { (v: Double) in String(format: "%.2g", v) }
        let panel = Panel(x: Axis(label: "code 1"), y: Axis(label: "code 2"),
                          marks: [.imageGrid(ImageGridMark(images: rows, pixelWidth: side, pixelHeight: side, rowLabels: ys.map(label),
                                                           columnLabels: xs.map(label), colorLimits: 0...1, gap: 0.02))])
        return NamedFigure(name: "plane",
                           caption: "Images the decoder makes from evenly spaced points of the code plane (from the 2nd to the 98th percentile of the test images' codes on each axis); no image here was in the data.",
                           figure: Figure(title: "A learned map of Fashion-MNIST: images decoded from a grid of codes", width: 640, height: 640,
                                          panel: panel))
    }

    static func walk(a: Matrix<Float>, b: Matrix<Float>, pixelMix: Matrix<Float>, codeMix: Matrix<Float>, pairs: Int,
                     side: Int) -> NamedFigure {
        let rows = (0..<pairs).map { i in
            [ImageMeasures.image(a, i), ImageMeasures.image(pixelMix, i), ImageMeasures.image(codeMix, i), ImageMeasures.image(b, i)]
        }
        let panel = Panel(marks: [.imageGrid(ImageGridMark(images: rows, pixelWidth: side, pixelHeight: side,
                                                           columnLabels: ["image A", "(A + B) / 2 in pixels", "decoded (code A + code B) / 2", "image B"],
                                                           colorLimits: 0...1))])
        return NamedFigure(name: "walk",
                           caption: "Half way between two test images: the mean of their pixels (second column) against the image decoded from the mean of their codes (third column).",
                           figure: Figure(title: "Half way between two images", width: 560, height: 80 + 95 * Double(pairs), panel: panel))
    }
}
