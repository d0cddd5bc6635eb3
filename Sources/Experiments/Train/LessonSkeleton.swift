import Foundation

/// The lesson `lessonbook new NAME` writes: front matter, a paragraph of prose to replace,
/// and one `train` cell with a claim that holds as written, so a new author starts from
/// a lesson that renders and changes it one step at a time.
public enum LessonSkeleton {
    /// The lesson's Markdown, titled after `name` (`my-first-lesson` → `My first lesson`).
    public static func text(name: String) -> String {
        let words = name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        let title = words.prefix(1).uppercased() + words.dropFirst()
        return """
        ---
        title: \(title)
        summary: One sentence that says what the lesson shows.
        seed: 1
        ---

        State the question first. Here: does a funnel of hidden layers (32, 16, 8 units) fit
        the two-spirals data as well as three layers of 16, with Adam at a learning rate of
        0.01 for 150 epochs? Each network is trained from three seeds (the initial weights,
        the example order), on the same 200 points per class; a quarter of the points is held
        out for validation and a quarter for testing.

        ```{experiment}
        id: shapes
        run: train
        with:
          data: {source: spiral, points: 200}
          model: {hidden: [16, 16, 16], activation: relu}
          training: {optimizer: adam, learning_rate: 0.01, batch_size: 32, epochs: 150}
          seeds: 3
          sweep:
            model.hidden: {funnel: [32, 16, 8], constant: [16, 16, 16]}
          plots:
            - {name: accuracy, type: bars, measure: final.validation_accuracy}
            - {name: curves, type: curves, measure: validation_loss, log_y: true}
        quick:
          training: {epochs: 100}
          seeds: 2
        show: [accuracy, curves, points]
        expect:
          - funnel.final.validation_accuracy > 0.75
          - constant.final.validation_accuracy > 0.75
        ```

        The funnel reaches {{shapes.funnel.final.validation_accuracy:.1%}} validation accuracy,
        the constant width {{shapes.constant.final.validation_accuracy:.1%}} (means over the
        seeds). Say what the figure shows, and whether the difference is larger than the
        spread between seeds in the table.

        """
    }
}
