import Foundation

/// One exercise, resolved and validated: the changed run as an ordinary cell plan (under
/// the exercise's id, so it has its own trial folder, data file and cache entry), and the
/// prediction and answer as parsed claims. Produced by `LessonPlanner`.
public struct ExercisePlan: Sendable {
    /// The exercise as parsed.
    public var exercise: LessonExercise
    /// The base cell as rendered (`--set` included) with the exercise's change applied.
    public var run: CellPlan
    /// The prediction to decide: `--predict`'s if one names this exercise, else the lesson's.
    public var prediction: Claim?
    /// The `--predict` text when the prediction came from the command line.
    public var predictedOnCommandLine: String?
    /// The claim that settles the instructor's answer.
    public var answer: Claim?

    /// The exercise's id, also the id its changed run goes under.
    public var id: String { exercise.id }
    /// The cell the exercise changes.
    public var cell: String { exercise.cell }
}
