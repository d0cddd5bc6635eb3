import Foundation

/// One exercise's changed run in `run.json`: the cell it changes, the change, the run's
/// cache outcome and times, and the verdicts of the prediction and (instructor edition
/// only) of the answer's claim. Neither counts in the lesson's claim summary: a wrong
/// prediction is part of learning, not a broken lesson.
public struct ExerciseRun: Codable, Sendable, Equatable {
    /// The exercise's id, as written in the lesson.
    public var id: String
    /// The cell the exercise changes.
    public var cell: String
    /// The change, as `CELL.PARAM=VALUE` settings.
    public var change: [String]
    /// The cache key of the changed run (as `CellRun.cacheKey`).
    public var cacheKey: String
    /// `hit`, `miss` or `off`, as for cells.
    public var cache: String
    /// Wall-clock seconds in this render, and seconds the run took to compute (see `CellRun`).
    public var seconds: Double
    /// Seconds the changed run took to compute, now or when it was cached; nil when not known.
    public var computeSeconds: Double?
    /// The data file of the changed run (`data/<exercise>.json`).
    public var data: String
    /// The prediction's verdict; nil when there is none.
    public var prediction: ClaimResult?
    /// The answer claim's verdict; always nil in the student edition.
    public var answer: ClaimResult?

    /// A record of one exercise's changed run.
    public init(id: String, cell: String, change: [String], cacheKey: String, cache: String, seconds: Double,
                computeSeconds: Double?, data: String, prediction: ClaimResult?, answer: ClaimResult?) {
        self.id = id
        self.cell = cell
        self.change = change
        self.cacheKey = cacheKey
        self.cache = cache
        self.seconds = seconds
        self.computeSeconds = computeSeconds
        self.data = data
        self.prediction = prediction
        self.answer = answer
    }
}
