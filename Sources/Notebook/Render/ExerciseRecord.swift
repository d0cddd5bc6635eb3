import Foundation

/// An exercise as the report shows it: its plan (question, change, answer text), the
/// changed run's record (written as `data/<exercise>.json`) and the verdicts. In the
/// student edition `answer` is nil and the report writes no answer text.
struct ExerciseRecord {
    var plan: ExercisePlan
    var data: CellRecord
    var prediction: ClaimResult?
    var answer: ClaimResult?
}
