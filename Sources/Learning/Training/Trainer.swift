import Foundation
import Tensor

/// Trains a network by minibatch gradient descent: epochs of minibatches drawn from a
/// seeded shuffle, the chosen optimizer and schedule, per-epoch metrics, early stopping,
/// divergence detection and activation captures. Workspaces are allocated once per run;
/// a step allocates nothing. The same network, data and configuration give the same
/// weights bit for bit.
public struct Trainer: Sendable {
    public var configuration: TrainingConfiguration

    public init(_ configuration: TrainingConfiguration = TrainingConfiguration()) {
        self.configuration = configuration
    }

    /// Trains `network` in place on `data.train`, measuring `data.validation` each epoch
    /// and `data.test` at the end (when they are not empty).
    public func train(_ network: inout Network, on data: Dataset) throws -> TrainingHistory {
        try train(&network, train: data.train,
                  validation: data.validation.isEmpty ? nil : data.validation,
                  test: data.test.isEmpty ? nil : data.test,
                  defaultLoss: data.isClassification ? .softmaxCrossEntropy : .meanSquaredError)
    }

    /// Trains `network` in place on one split, with optional validation and test splits;
    /// `examples`, when given, are the indices of the training examples to train on (the
    /// same as `train.subset(examples)` without the copy, see `TrainingSession`).
    public func train(_ network: inout Network, train: DataSplit, validation: DataSplit? = nil,
                      test: DataSplit? = nil, examples: [Int]? = nil) throws -> TrainingHistory {
        try self.train(&network, train: train, validation: validation, test: test, examples: examples,
                       defaultLoss: train.labels.isEmpty ? .meanSquaredError : .softmaxCrossEntropy)
    }

    /// The run: a `TrainingSession` (which owns the minibatch step) plus the hooks a whole
    /// run adds: per-epoch records, activation captures, step records, early stopping with
    /// the best weights restored, and the final evaluations.
    private func train(_ network: inout Network, train: DataSplit, validation: DataSplit?, test: DataSplit?,
                       examples: [Int]? = nil, defaultLoss: Loss) throws -> TrainingHistory {
        var c = configuration
        c.loss = c.loss ?? defaultLoss
        let session = try TrainingSession(network: network, train: train, validation: validation, test: test,
                                          examples: examples, configuration: c)
        let measuresEachEpoch = c.trainMetrics != .none || validation != nil || (c.trackTest && test != nil)
        var history = TrainingHistory()
        var steps: [StepRecord]? = c.recordSteps ? [] : nil
        func capture() throws {
            guard c.captureEpochs.contains(session.epoch) else { return }
            history.captures.append(ActivationCapture(epoch: session.epoch, layerOutputs:
                try session.network.layerOutputs(c.captureInputs ?? train.features)))
        }
        var last: EpochRecord? = nil
        if c.trainMetrics == .fullPass || validation != nil || (c.trackTest && test != nil) {
            last = try session.measure(rate: c.learningRate, metrics: c.trainMetrics, running: nil, trackTest: c.trackTest)
            history.epochs.append(last!)
            c.onEpoch?(last!)
        }
        try capture()
        var best = (loss: Double.infinity, epoch: 0, params: [Float]())
        var sinceBest = 0
        for epoch in 0..<c.epochs {
            let done = session.trainEpoch(recording: &steps)
            if let blowUp = done.divergence {
                history.status = .diverged(epoch: epoch, step: blowUp.step, loss: blowUp.loss)
                break
            }
            let r = try session.measure(rate: done.rate, metrics: c.trainMetrics, running: (done.lossSum, done.correct),
                                        trackTest: c.trackTest)
            if measuresEachEpoch { history.epochs.append(r) }
            c.onEpoch?(r)
            last = r
            try capture()
            guard let rule = c.earlyStopping else { continue }
            let monitored = try r.validationLoss ?? r.trainLoss ?? session.evaluate(session.trainedSplit).loss
            if monitored < best.loss - rule.minDelta {
                best = (monitored, session.epoch, rule.restoreBest ? session.engine.exportParameters() : [])
                sinceBest = 0
            } else if sinceBest + 1 >= rule.patience {
                history.status = .stoppedEarly(epoch: session.epoch)
                break
            } else {
                sinceBest += 1
            }
        }
        history.steps = steps ?? []
        history.stepCount = session.step
        if let rule = c.earlyStopping, rule.restoreBest, !best.params.isEmpty, !history.diverged {
            session.engine.load(best.params)
            history.bestEpoch = best.epoch
            last = nil
        }
        network.parameters = session.engine.exportParameters()
        if c.finalMetrics && !history.diverged { try measureFinal(session, last: last, into: &history) }
        return history
    }

    /// The final evaluations of every split. The last record measured the same weights on
    /// the validation split (unless the best ones were restored): its numbers are reused.
    private func measureFinal(_ session: TrainingSession, last: EpochRecord?, into history: inout TrainingHistory) throws {
        history.finalTrain = try session.evaluate(session.trainedSplit)
        if let v = session.validation { history.finalValidation = try last?.validationEvaluation ?? session.evaluate(v) }
        if let t = session.test { history.finalTest = try session.evaluate(t) }
    }
}

extension EpochRecord {
    /// The validation split's loss and accuracy as measured for this record, when it was.
    var validationEvaluation: Evaluation? {
        validationLoss.map { Evaluation(loss: $0, accuracy: validationAccuracy) }
    }
}
