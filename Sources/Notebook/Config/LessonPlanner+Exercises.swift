import Foundation

extension LessonPlanner {
    /// Plans every exercise of `lesson`: its change is checked exactly like `--set` on the
    /// cell it names (a problem names the exercise's file, line and key), and its prediction
    /// and answer are parsed as claims. Whether their metrics exist is known after the run.
    func planExercises(_ lesson: Lesson) throws -> [ExercisePlan] {
        let path = lesson.path
        let exercises = lesson.exercises
        let ids = exercises.map(\.id)
        if strictOverrides {
            for prediction in predictions where !ids.contains(prediction.exercise) {
                let message = Suggestion.message("no exercise `\(prediction.exercise)` in this lesson",
                                                 name: prediction.exercise, among: ids, ifNone: "; it has no exercises")
                throw NotebookError(file: path, key: "--predict \(prediction.text)", message: message)
            }
        }
        let cells = lesson.cells
        return try exercises.map { exercise in
            guard let cell = cells.first(where: { $0.id == exercise.cell }) else {
                let known = cells.map(\.id)
                let message = Suggestion.message("no cell `\(exercise.cell)` in this lesson", name: exercise.cell, among: known,
                                                 expected: "Expected `CELL.PARAM=VALUE` with CELL one of: \(known.joined(separator: ", "))")
                throw NotebookError(file: path, line: exercise.line(of: "change.0"), key: "\(exercise.id).change", message: message)
            }
            var run = try planCell(cell, lesson: lesson, exercise: exercise)
            run.cell.id = exercise.id
            run.cell.expect = []
            run.cell.show = []
            run.cell.alt = [:]
            run.cell.line = exercise.line
            run.claims = []
            var plan = ExercisePlan(exercise: exercise, run: run)
            if let given = predictions.last(where: { $0.exercise == exercise.id }) {
                plan.prediction = try Claim(given.claim, line: exercise.line(of: "predict"), path: path,
                                            key: "--predict \(given.text)")
                plan.predictedOnCommandLine = given.text
            } else if let predict = exercise.predict {
                plan.prediction = try Claim(predict.text, line: predict.line, path: path, key: "\(exercise.id).predict")
            }
            if let answer = exercise.answerClaim {
                plan.answer = try Claim(answer.text, line: answer.line, path: path, key: "\(exercise.id).answer.claim")
            }
            return plan
        }
    }
}
