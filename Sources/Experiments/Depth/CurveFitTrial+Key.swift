extension CurveFitTrial {
    /// What tells one trial from a sweep's others (the depth kinds share it); `TrialCache`
    /// adds the kind, version, whole configuration and build.
    struct Key: Codable {
        var hidden: [Int]
        var target: CurveTarget
        var settings: CurveFitSettings
        var seed: UInt64
    }
}
