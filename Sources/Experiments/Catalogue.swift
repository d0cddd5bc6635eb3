import Notebook

/// Every experiment kind a lesson may name in `run:`. Adding a kind means writing its
/// file and adding one line here.
public enum Catalogue {
    public static let all: [AnyExperiment] = [
        AnyExperiment(ParameterCountExperiment.self),
        AnyExperiment(SawtoothExperiment.self),
        AnyExperiment(DepthWidthExperiment.self),
        AnyExperiment(LinearRegionsExperiment.self),
        AnyExperiment(RandomFeaturesExperiment.self),
        AnyExperiment(LinearTheoryExperiment.self),
        AnyExperiment(BatchLRGridExperiment.self),
        AnyExperiment(NoisyQuadraticExperiment.self),
        AnyExperiment(SpiralUntanglingExperiment.self),
        AnyExperiment(SpiralSeedsExperiment.self),
        AnyExperiment(DiskAnnulusExperiment.self),
        AnyExperiment(TuningStrategiesExperiment.self),
        AnyExperiment(OptimizerSensitivityExperiment.self),
        AnyExperiment(LRSchedulesExperiment.self),
        AnyExperiment(InitializationExperiment.self),
        AnyExperiment(ActivationsExperiment.self),
        AnyExperiment(LearningCurvesExperiment.self),
        AnyExperiment(LabelNoiseExperiment.self),
        AnyExperiment(NoisyTeacherExperiment.self),
        AnyExperiment(RegularizationExperiment.self),
        AnyExperiment(ShiftedImagesExperiment.self),
        AnyExperiment(TrainExperiment.self),
        AnyExperiment(RandomImagesExperiment.self),
        AnyExperiment(ImagePCAExperiment.self),
        AnyExperiment(AutoencoderExperiment.self),
    ]

    /// The kinds by name.
    public static var byKind: [String: AnyExperiment] {
        Dictionary(uniqueKeysWithValues: all.map { ($0.kind, $0) })
    }
}
