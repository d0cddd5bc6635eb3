import Foundation

/// A fenced ```` ```{exercise} ```` block: a question about one cell, the change to try
/// (settings checked exactly like `--set`), an optional prediction of the student's and
/// the instructor's answer. Rendering runs the changed cell and decides the prediction and
/// the answer's claim like any `expect:` claim, so a student learns whether the guess held.
///
///     ```{exercise}
///     id: deeper
///     question: Triple the number of hidden layers. Do the parameters triple too?
///     change: counts.depth_factor=3
///     predict: deep.ratio_with_bias >= 3
///     answer:
///       text: Less than three times: the input and output layers do not grow.
///       claim: deep.ratio_with_bias < 3
///     ```
public struct LessonExercise: Sendable, KeyLines {
    /// The exercise's `id:`, which names its changed run's data file and `--predict ID=CLAIM`.
    public var id: String
    /// The question, Markdown.
    public var question: String
    /// The settings that make the changed run, as `CELL.PARAM=VALUE`; every one names the
    /// same cell, the exercise's base.
    public var change: [Override]
    /// The student's prediction as written in the lesson (a `--predict` replaces it).
    public var predict: (text: String, line: Int)?
    /// The instructor's answer, Markdown; left out of every output of the student edition.
    public var answer: String?
    /// The claim that settles the answer; left out of the student edition too.
    public var answerClaim: (text: String, line: Int)?
    /// Line of the opening fence.
    public var line: Int
    /// Line of each key: `id`, `question`, `change`, `change.1`, `predict`, `answer.claim` ...
    public var lines: [String: Int]

    /// The cell the change applies to.
    public var cell: String { change.first?.cell ?? "" }
}
