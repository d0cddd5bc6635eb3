/// A configuration with the five flat keys of a curve fit (`points`, `epochs`,
/// `batchSize`, `learningRate`, `gridPoints`), which make the settings of its every trial.
protocol CurveFitConfig {
    var points: Int { get }
    var epochs: Int { get }
    var batchSize: Int { get }
    var learningRate: Double { get }
    var gridPoints: Int { get }
}

extension CurveFitConfig {
    /// The fit settings of the configuration's keys.
    var settings: CurveFitSettings {
        CurveFitSettings(points: points, epochs: epochs, batchSize: batchSize, learningRate: learningRate,
                         gridPoints: gridPoints)
    }
}
