import Foundation
import Learning
import Notebook
import Plot
import Tensor

/// `image-pca`: how many numbers describe an image. The principal components of the
/// training images (the eigenvectors of their covariance, from LAPACK's symmetric
/// eigen-solver): the share of the variance the first k components hold, how many hold
/// 50, 90 and 95%, and test images rebuilt from a few of them. Exact: no seeds.
struct ImagePCAExperiment: Experiment {
    struct Config: ExperimentConfig, Equatable {
        var data = ManifoldSetups.images()
        var components = [2, 10, 50, 200]
        var shares = [0.5, 0.9, 0.95]
        var shown = 8

        static let parameters: [Parameter<Config>] = [
            .record("data", \.data, "The images: Fashion-MNIST, pixels in [0, 1] (`standardize: false`); components are fitted on the training images, errors measured on the test images."),
            .wholes("components", \.components, 1...4096, .nonEmpty, "Numbers of components to rebuild test images from (figure rows, `error_<k>` and `share_<k>` metrics)."),
            .numbers("shares", \.shares, ValueRange(lower: 0, lowerInclusive: false, upper: 1), .nonEmpty, "Shares of the variance to count components for (`components_<percent>` metrics)."),
            .whole("shown", \.shown, 1...20, "Test images in the figure of rebuilt images."),
        ]

        func checkRelations(_ checks: inout ConfigChecks) {
            ManifoldSetups.check(data, task: .predict, &checks)
            let pixels = data.pixels * data.pixels
            checks.require(components.allSatisfy { $0 <= pixels }, "components", expected: "at most \(pixels) (the pixels of an image)",
                           found: components.map(String.init).joined(separator: ", "))
            checks.require(shown <= data.test, "shown", expected: "at most data.test (\(data.test))", found: "\(shown)")
        }
    }

    static let kind = "image-pca"
    static let version = 1
    static let summary = "Principal components of images: variance held by the first k, and images rebuilt from k."
    static let outputs = ["variance", "rebuilt", "components"]
    static let metrics: [MetricName] = [
        MetricName("components_<percent>", "The fewest components that hold that share of the variance (components_90 for 0.9)."),
        MetricName("share_<k>", "The share of the variance the first k components hold."),
        MetricName("error_<k>", "Mean squared pixel error of test images rebuilt from k components."),
        MetricName("error_mean", "Mean squared pixel error of the mean image (0 components)."),
        MetricName("pixels", "Pixels per image: the dimension of the space the images live in."),
    ]
    static let quickProfile: [String: ConfigValue] = [:]
    static let hasSweep = false

    func run(_ config: Config, context: ExperimentContext) throws -> CellResult {
        // No trials: one fit, exact. Then the summary and the figures.
        let spec = TrainData.spec(config.data, seed: context.seed, lessonDirectory: context.lessonDirectory)
        let data = try TrainData.load(spec, lessonDirectory: context.lessonDirectory).dataset
        context.progress("principal components of \(data.train.count) images", 0)
        let pca = try BLASThreads.with(1) { try PrincipalComponents(fitting: data.train.features) }
        let test = data.test.features
        var metrics: [String: Double] = ["pixels": Double(test.columns)]
        let cumulative = pca.cumulativeShare
        for share in config.shares {
            metrics["components_\(Self.percent(share))"] = Double(pca.componentsHolding(share))
        }
        var rebuilt: [Int: Matrix<Float>] = [:]
        for k in config.components {
            metrics["share_\(k)"] = cumulative[k - 1]
            let images = pca.decode(pca.encode(test, count: k))
            rebuilt[k] = images
            metrics["error_\(k)"] = ImageMeasures.meanSquaredError(test, images)
        }
        metrics["error_mean"] = ImageMeasures.meanSquaredError(test, pca.decode(Matrix(rows: test.rows, columns: 0)))
        let series = ["variance": Series(x: (1...cumulative.count).map(Double.init), y: cumulative,
                                         xLabel: "components", yLabel: "share of variance")]
        return CellResult(metrics: metrics, series: series,
                          figures: [Self.variance(cumulative, config: config, metrics: metrics),
                                    Self.rebuilt(test, rebuilt, mean: pca.mean, config: config),
                                    Self.componentImages(pca)])
    }

    static func percent(_ share: Double) -> String {
        let p = share * 100
        return p == p.rounded() ? String(Int(p)) : String(format: "%g", p).replacingOccurrences(of: ".", with: "_")
    }

    static func variance(_ cumulative: [Double], config: Config, metrics: [String: Double]) -> NamedFigure {
        var marks: [Mark] = [.line(LineMark(x: (1...cumulative.count).map(Double.init), y: cumulative, label: "first k components"))]
        for share in config.shares {
            let k = metrics["components_\(percent(share))"] ?? .nan
            marks.append(.rule(RuleMark(.horizontal, at: share, label: "\(percent(share))%", color: .gray)))
            marks.append(.scatter(ScatterMark(x: [k], y: [cumulative[Int(k) - 1]], color: .black, size: 6)))
            marks.append(.annotation(AnnotationMark("\(Int(k))", at: Point(k * 1.25, cumulative[Int(k) - 1] - 0.04))))
        }
        let panel = Panel(x: Axis(label: "components k (log scale)", scale: .log10), y: Axis(label: "share of the variance held", limits: 0...1.02, format: .percent),
                          legend: .none, marks: marks)
        return NamedFigure(name: "variance",
                           caption: "Share of the training images' variance held by the first k principal components, out of \(cumulative.count); the dots mark the fewest components that hold 50, 90 and 95%.",
                           figure: Figure(title: "How many components an image needs", width: 576, height: 330, panel: panel))
    }

    static func rebuilt(_ test: Matrix<Float>, _ rebuilt: [Int: Matrix<Float>], mean: [Double], config: Config) -> NamedFigure {
        let side = config.data.pixels
        var rows = [(0..<config.shown).map { ImageMeasures.image(test, $0) }, [Double](repeating: 0, count: config.shown).map { _ in mean }]
        var names = ["original", "0 (mean)"]
        for k in config.components {
            rows.append((0..<config.shown).map { ImageMeasures.image(rebuilt[k]!, $0) })
            names.append("\(k)")
        }
        let panel = Panel(y: Axis(label: "components"), marks: [.imageGrid(ImageGridMark(images: rows, pixelWidth: side, pixelHeight: side, rowLabels: names,
                                                           colorLimits: 0...1))])
        return NamedFigure(name: "rebuilt",
                           caption: "Test images (top), the mean training image (0 components), and the test images rebuilt from the mean plus their first k principal components; pixel values outside [0, 1] are drawn as 0 or 1.",
                           figure: Figure(title: "Test images rebuilt from k principal components", width: 620,
                                          height: 90 + 62 * Double(rows.count), panel: panel))
    }

    static func componentImages(_ pca: PrincipalComponents) -> NamedFigure {
        let side = Int(Double(pca.mean.count).squareRoot())
        let count = min(8, pca.components.rows)
        let images = (0..<count).map { pca.components.row($0) }
        let limit = images.map { $0.map(abs).max() ?? 1 }.max() ?? 1
        let panel = Panel(x: Axis(label: "component"), colorBarLabel: "pixel weight",
                          marks: [.imageGrid(ImageGridMark(images: [images], pixelWidth: side, pixelHeight: side,
                                                           columnLabels: (1...count).map(String.init), colorMap: .blueRed,
                                                           colorLimits: -limit...limit, showsColorBar: true))])
        return NamedFigure(name: "components",
                           caption: "The first principal components of the training images (blue negative, red positive pixel weights): an image rebuilt from k components is the mean image plus a weighted sum of the first k such patterns.",
                           figure: Figure(title: "The first principal components", width: 720, height: 190, panel: panel))
    }
}
