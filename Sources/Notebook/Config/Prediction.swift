import Foundation

/// A student's prediction from the command line, `--predict EXERCISE=CLAIM`: a claim over
/// the metrics of an exercise's changed run (bare names) and of the lesson's cells
/// (`cell.metric`, such as the original run's). It replaces the prediction written in the
/// lesson, if any, and is checked like any `expect:` claim.
public struct Prediction: Sendable, Equatable {
    /// The exercise's id.
    public var exercise: String
    /// The claim as written.
    public var claim: String
    /// As written on the command line.
    public var text: String

    /// Parses `EXERCISE=CLAIM`; the id ends at the first `=` (ids hold no `=`, claims may).
    public init(_ text: String) throws {
        self.text = text
        guard let equals = text.firstIndex(of: "="), text[..<equals].trimmingCharacters(in: .whitespaces) != "" else {
            throw NotebookError(file: "--predict \(text)", message:
                "expected EXERCISE=CLAIM, for example deeper='deep.ratio_with_bias >= 3'")
        }
        exercise = text[..<equals].trimmingCharacters(in: .whitespaces)
        claim = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        guard LessonParser.isIdentifier(exercise) else {
            throw NotebookError(file: "--predict \(text)", message:
                "expected an exercise id (letters, digits and underscores) before `=`, found `\(exercise)`")
        }
        guard !claim.isEmpty else {
            throw NotebookError(file: "--predict \(text)", message:
                "expected a claim after `=`, for example deeper='deep.ratio_with_bias >= 3'")
        }
    }
}
