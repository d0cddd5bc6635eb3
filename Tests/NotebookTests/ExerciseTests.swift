import Foundation
import Testing
@testable import Notebook

/// A lesson whose exercises change the fixture cell `main` (score = epochs x rate = 10).
let exerciseLesson = """
---
title: Exercises
summary: Predict, run, check.
seed: 7
---

# Exercises

```{experiment}
id: main
run: fixture
with:
  epochs: 20
```

## Exercises

```{exercise}
id: longer
question: Train twice as long. Does the score grow?
change: main.epochs=40
predict: final.score > main.final.score
answer:
  text: It doubles, SECRET-ANSWER-ONE.
  claim: final.score >= 1.99 * main.final.score
```

```{exercise}
id: slower
question: Halve the rate. Does the score grow?
change:
  - main.rate=0.25
  - main.hidden=[4, 4]
predict: final.score > main.final.score
answer:
  text: No, it halves, SECRET-ANSWER-TWO.
  claim: final.score <= 0.51 * main.final.score
```

```{exercise}
id: open
question: What does a rate of 1 give?
change: main.rate=1
answer: SECRET-ANSWER-THREE, twice the score.
```
"""

/// Renders `exerciseLesson` into a fresh folder with the given edition and predictions.
func renderExercises(_ folder: TemporaryFolder, edition: Edition = .instructor, predictions: [String] = [],
                     lesson: String = exerciseLesson) throws -> RenderOutcome {
    var renderer = try folder.renderer()
    renderer.options.edition = edition
    renderer.options.predictions = try predictions.map(Prediction.init)
    return try renderer.render(lessonAt: try folder.lesson(lesson), path: "lessons/01-demo.md")
}

/// Every file below `url`, as text (figures as their bytes read leniently).
func everyFile(below url: URL) throws -> [(String, String)] {
    let manager = FileManager.default
    guard let walker = manager.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
    var files: [(String, String)] = []
    for case let file as URL in walker where (try file.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
        let data = try Data(contentsOf: file)
        files.append((file.path, String(decoding: data, as: UTF8.self)))
    }
    return files
}

@Test func aPredictionThatHoldsAndOneThatFailsAreShownWithTheirNumbers() throws {
    let folder = TemporaryFolder()
    let outcome = try renderExercises(folder)
    let exercises = try #require(outcome.manifest.exercises)
    #expect(exercises.map(\.id) == ["longer", "slower", "open"])
    #expect(exercises.map(\.prediction?.verdict) == [.holds, .fails, nil])
    #expect(exercises.map(\.answer?.verdict) == [.holds, .holds, nil])
    #expect(exercises[0].prediction?.values == "20 > 10")
    #expect(exercises[1].change == ["main.rate=0.25", "main.hidden=[4, 4]"])
    // A wrong prediction is not a broken lesson: the render does not fail for it.
    #expect(outcome.failedClaims.isEmpty)
    #expect(outcome.manifest.claims.total == 0)
    #expect(outcome.manifest.edition == "instructor")
    let report = try read(outcome.folder.appendingPathComponent("report.md"))
    #expect(report.contains("**Exercise `longer`.** Train twice as long. Does the score grow?"))
    #expect(report.contains("*Your prediction:* ✓ **holds**: `final.score > main.final.score` (20 > 10)"))
    #expect(report.contains("*Your prediction:* ✗ **fails**: `final.score > main.final.score` (5 > 10)"))
    #expect(report.contains("*The change:* `main.rate=0.25`, `main.hidden=[4, 4]`"))
    #expect(report.contains("lessonbook render demo --predict 'open=CLAIM'"))
    #expect(report.contains("*Answer.* It doubles, SECRET-ANSWER-ONE."))
    #expect(report.contains("*The answer's claim:* ✓ **holds**: `final.score >= 1.99 * main.final.score`"))
    #expect(report.contains("*Answer.* SECRET-ANSWER-THREE, twice the score."))
    // The changed run is recorded like a cell, with the settings it ran with.
    let data = try CanonicalJSON.decode(CellRecord.self, from: Data(contentsOf: outcome.folder.appendingPathComponent("data/slower.json")))
    #expect(data.metrics["final.score"] == 5)
    #expect(data.config["hidden"] == .array([.int(4), .int(4)]))
    #expect(report.contains("**`slower`**: `fixture` v1"))
    let html = try read(outcome.folder.appendingPathComponent("report.html"))
    #expect(html.contains("SECRET-ANSWER-TWO"))
}

@Test func theStudentEditionLeavesEveryAnswerOutOfEveryOutput() throws {
    let folder = TemporaryFolder()
    let outcome = try renderExercises(folder, edition: .student)
    let answers = ["SECRET-ANSWER", "1.99 * main.final.score", "0.51 * main.final.score", "twice the score"]
    let files = try everyFile(below: folder.url.appendingPathComponent("output"))
    #expect(files.count >= 8)
    for (path, text) in files {
        for answer in answers {
            #expect(!text.contains(answer), "\(path) holds `\(answer)`")
        }
    }
    #expect(outcome.manifest.edition == "student")
    #expect(outcome.manifest.exercises?.allSatisfy { $0.answer == nil } == true)
    let report = try read(outcome.folder.appendingPathComponent("report.md"))
    #expect(report.contains("Train twice as long. Does the score grow?"))
    #expect(report.contains("*Your prediction:* ✗ **fails**"))
    #expect(report.contains("lessonbook render demo --edition student --predict 'open=CLAIM'"))
    #expect(!report.contains("*Answer.*"))
    // Both editions run the same changed cells: the student's render is served from the cache.
    let instructor = try renderExercises(folder)
    #expect(instructor.manifest.exercises?.map(\.cache) == ["hit", "hit", "hit"])
}

@Test func aPredictionOnTheCommandLineReplacesTheLessons() throws {
    let folder = TemporaryFolder()
    let outcome = try renderExercises(folder, predictions: ["open=final.score == 2 * main.final.score",
                                                            "longer=final.score < main.final.score"])
    let exercises = try #require(outcome.manifest.exercises)
    #expect(exercises.map(\.prediction?.verdict) == [.fails, .fails, .holds])
    #expect(outcome.predictions.map(\.exercise) == ["longer", "slower", "open"])
    let report = try read(outcome.folder.appendingPathComponent("report.md"))
    #expect(report.contains("*Your prediction (from `--predict`):* ✓ **holds**: `final.score == 2 * main.final.score` (20 == 20)"))
    let unknown = notebookError { _ = try renderExercises(folder, predictions: ["opne=final.score > 1"]) }
    #expect(unknown?.description.hasPrefix("lessons/01-demo.md: --predict opne=final.score > 1: no exercise `opne` in this lesson; did you mean `open`?") == true)
    let metric = notebookError { _ = try renderExercises(folder, predictions: ["open=final.scor > 1"]) }
    #expect(metric?.key == "--predict open=final.scor > 1")
    #expect(metric?.message.contains("did you mean `final.score`?") == true)
}

@Test func aFailedAnswerClaimFailsTheInstructorRenderOnly() throws {
    let folder = TemporaryFolder()
    let wrong = exerciseLesson.replacingOccurrences(of: "claim: final.score >= 1.99 * main.final.score",
                                                    with: "claim: final.score < main.final.score")
    let instructor = try renderExercises(folder, lesson: wrong)
    #expect(instructor.failedClaims.map(\.claim) == ["final.score < main.final.score"])
    let student = try renderExercises(folder, edition: .student, lesson: wrong)
    #expect(student.failedClaims.isEmpty)
}

@Test(arguments: [
    (exerciseLesson.replacingOccurrences(of: "change: main.epochs=40", with: "change: main.epochs=-3"),
     "lessons/01-demo.md:21: longer.change: `main.epochs`: expected a positive whole number, found -3 (from `main.epochs=-3`)"),
    (exerciseLesson.replacingOccurrences(of: "change: main.epochs=40", with: "change: main.epoch=40"),
     "lessons/01-demo.md:21: longer.change: `main.epoch`: unknown parameter of `fixture`; did you mean `epochs`?"),
    (exerciseLesson.replacingOccurrences(of: "change: main.epochs=40", with: "change: mian.epochs=40"),
     "lessons/01-demo.md:21: longer.change: no cell `mian` in this lesson; did you mean `main`?"),
    (exerciseLesson.replacingOccurrences(of: "  - main.hidden=[4, 4]", with: "  - other.hidden=[4, 4]"),
     "lessons/01-demo.md:33: slower.change: `other.hidden=[4, 4]` changes cell `other`, but `main.rate=0.25` changes cell `main`; expected every setting of one exercise to change the same cell"),
    (exerciseLesson.replacingOccurrences(of: "change: main.epochs=40", with: "change: main.epochs"),
     "lessons/01-demo.md:21: longer.change: expected CELL.PARAM=VALUE, for example spiral.epochs=500"),
    (exerciseLesson.replacingOccurrences(of: "predict: final.score > main.final.score\nanswer:\n  text: It", with: "predict: final.score >> 1\nanswer:\n  text: It"),
     "lessons/01-demo.md:22: longer.predict: cannot read the claim"),
    (exerciseLesson.replacingOccurrences(of: "  claim: final.score >= 1.99", with: "  claim: final.score >= (1.99"),
     "lessons/01-demo.md:25: longer.answer.claim: cannot read the claim"),
    (exerciseLesson.replacingOccurrences(of: "question: Train twice", with: "questoin: Train twice"),
     "lessons/01-demo.md:20: questoin: unknown key in the exercise; did you mean `question`?"),
    (exerciseLesson.replacingOccurrences(of: "id: longer", with: "id: main"),
     "lessons/01-demo.md:19: id: duplicate exercise id `main` (first used on line 10)"),
])
func aBadExerciseNamesTheFileLineAndKey(lesson: String, message: String) throws {
    let error = notebookError { _ = try plan(lesson) }
    #expect(error?.description.hasPrefix(message) == true, "\(error?.description ?? "no error")")
}

@Test func exercisesRunLikeCellsInShards() throws {
    let folder = TemporaryFolder()
    let lesson = try parse(exerciseLesson)
    let renderer = try folder.renderer()
    let survey = try renderer.runTrials(try renderer.planner(strictOverrides: true).plan(lesson), selection: .all)
    #expect(survey.cells.map(\.id) == ["main", "longer", "slower", "open"])
}
