import Plot

/// One colour per role, the same in every figure of the depth lessons.
enum DepthColors {
    /// The target function.
    static let target = Color(hex: 0xBBBBBB)
    /// Deep networks (hand-built or trained).
    static let deep = Palette.okabeIto[0]
    /// Shallow (one-hidden-layer) networks.
    static let shallow = Palette.okabeIto[1]
    /// Random networks (before training).
    static let random = Palette.okabeIto[2]
    /// Trained networks.
    static let trained = Palette.okabeIto[3]
    /// Hand-built constructions in the region counts.
    static let handBuilt = Palette.okabeIto[4]
    /// Bounds and reference levels.
    static let bound = Color.black
}
