import Foundation

/// Everything one cell produced, as written to `data/<cell>.json` (canonical JSON: sorted
/// keys, NaN as `"nan"`, byte-identical for the same lesson, seed and settings). Holds no
/// timings; those live in `run.json`.
public struct CellRecord: Codable, Sendable, Equatable {
    /// The cell id.
    public var cell: String
    /// The experiment kind and its version.
    public var kind: String
    /// The kind's version when the cell ran (`Experiment.version`).
    public var version: Int
    /// The seed the cell ran with: the cell's `seed:` (or `--set CELL.seed=N`), else the lesson's.
    public var seed: UInt64
    /// The effective configuration, every key present.
    public var config: [String: ConfigValue]
    /// The run's metrics (`CellResult.metrics`), NaN written as `"nan"`.
    public var metrics: [String: Double]
    /// The run's curves (`CellResult.series`), which comparison reports overlay.
    public var series: [String: Series]
    /// The run's tables (`CellResult.tables`), also written as CSV.
    public var tables: [String: Table]
    /// The figures, in order, with the files written for each (relative to the run folder).
    public var figures: [FigureRecord]
    /// The run's notes for the reader (`CellResult.notes`).
    public var notes: [String]
    /// The verdicts of the cell's `expect:` claims, in the order written.
    public var claims: [ClaimResult]
    /// Metrics measured once per seed: the values in seed order (`CellResult.samples`).
    /// Absent when the cell measured none, so the data of such cells keeps its bytes.
    public var samples: [String: [Double]]?
    /// The cell's `seeds: {min, max}` when it chose its count of seeds by its claims; the
    /// count it ended with is `config["seeds"]`.
    public var adaptiveSeeds: AdaptiveSeeds?

    /// A record of one cell's run; an empty `samples` is stored as nil, so the file leaves it out.
    public init(cell: String, kind: String, version: Int, seed: UInt64, config: [String: ConfigValue],
                metrics: [String: Double], series: [String: Series], tables: [String: Table],
                figures: [FigureRecord], notes: [String], claims: [ClaimResult],
                samples: [String: [Double]]? = nil, adaptiveSeeds: AdaptiveSeeds? = nil) {
        self.samples = samples?.isEmpty == true ? nil : samples
        self.adaptiveSeeds = adaptiveSeeds
        self.cell = cell
        self.kind = kind
        self.version = version
        self.seed = seed
        self.config = config
        self.metrics = metrics
        self.series = series
        self.tables = tables
        self.figures = figures
        self.notes = notes
        self.claims = claims
    }
}

/// One figure or animation of a cell: its `show:` name, caption, alt text and files.
public struct FigureRecord: Codable, Sendable, Equatable {
    /// The name `show:` selects (`NamedFigure.name`).
    public var name: String
    /// The caption printed under it.
    public var caption: String
    /// The figure's title.
    public var title: String
    /// The alt text, generated from the figure's data (`Figure.altText`), with the lesson
    /// author's sentence from the cell's `alt:` after it; nil in records written before
    /// alt text existed (the title stands in).
    public var alt: String?
    /// Paths relative to the run folder, `figures/<cell>-<name>.png` and `.svg`, and the
    /// plotted data `data/<cell>-<name>.csv` (`Figure.dataCSV`); for an animation the APNG
    /// and its `figures/<cell>-<name>.frames.json` (see `AnimationSidecar`).
    public var files: [String]
    /// The number of frames when the figure is an animation; absent for a still figure.
    public var frames: Int?

    /// A record of one figure or animation with the files written for it.
    public init(name: String, caption: String, title: String, alt: String? = nil, files: [String], frames: Int? = nil) {
        self.name = name
        self.caption = caption
        self.title = title
        self.alt = alt
        self.files = files
        self.frames = frames
    }

    /// What reports write as the image's alt text.
    public var altText: String { alt ?? title }
}
