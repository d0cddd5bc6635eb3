import Foundation

extension ReportWriter {
    /// An exercise where the lesson has it: the question, the change, the prediction with
    /// its verdict and the numbers behind it (or, without one, the command that checks
    /// one), and in the instructor edition the answer with how its claim fared.
    func exerciseSection(_ record: ExerciseRecord) -> String {
        let exercise = record.plan.exercise
        let change = exercise.change.map { MarkdownText.code($0.text) }.joined(separator: ", ")
        var parts = ["**Exercise `\(exercise.id)`.** " + exercise.question.trimmingCharacters(in: .whitespacesAndNewlines)]
        parts.append("*The change:* \(change), a run of cell `\(exercise.cell)` with \(exercise.change.count == 1 ? "this setting" : "these settings").")
        if let prediction = record.prediction {
            let source = record.plan.predictedOnCommandLine != nil ? " (from `--predict`)" : ""
            parts.append("*Your prediction\(source):* " + Self.verdictText(prediction))
        } else {
            parts.append("*No prediction yet.* Write one as a claim over the changed run's metrics (bare names; `lessonbook kinds \(record.data.kind)` lists them, and [its data](data/\(exercise.id).json) has their values once you have looked) and the original run's (`\(exercise.cell).NAME`), then check it:")
            var command = "lessonbook render \(plan.lesson.name)"
            if manifest.profile == "quick" { command += " --quick" }
            if edition == .student { command += " --edition student" }
            command += " --predict '\(exercise.id)=CLAIM'"
            parts.append("    " + command)
        }
        if edition.showsAnswers {
            if let answer = exercise.answer {
                parts.append("*Answer.* " + answer.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            if let claim = record.answer {
                parts.append("*The answer's claim:* " + Self.verdictText(claim))
            }
        }
        parts.append("<sub>Exercise `\(exercise.id)`: `\(record.data.kind)` v\(record.data.version), seed \(record.data.seed) · [data](data/\(exercise.id).json)</sub>")
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// `✓ holds: `claim` (values)`, with the interval for a claim decided on one.
    static func verdictText(_ claim: ClaimResult) -> String {
        var text = "\(claim.verdict.mark) **\(claim.verdict.rawValue)**: \(MarkdownText.code(claim.claim)) (\(claim.values))"
        if !claim.intervals.isEmpty { text += "; " + claim.intervalText }
        return text
    }
}
