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

    /// Trains `network` in place on one split, with optional validation and test splits.
    public func train(_ network: inout Network, train: DataSplit, validation: DataSplit? = nil,
                      test: DataSplit? = nil) throws -> TrainingHistory {
        try self.train(&network, train: train, validation: validation, test: test,
                       defaultLoss: train.labels.isEmpty ? .meanSquaredError : .softmaxCrossEntropy)
    }

    func checkConfiguration(_ c: TrainingConfiguration) throws {
        guard c.epochs >= 0 else {
            throw LearningError.invalidSetting(name: "epochs", expected: "a whole number >= 0", found: "\(c.epochs)")
        }
        guard c.batchSize > 0 else {
            throw LearningError.invalidSetting(name: "batch size", expected: "a positive whole number", found: "\(c.batchSize)")
        }
        guard c.learningRate.isFinite, c.learningRate >= 0 else {
            throw LearningError.invalidSetting(name: "learning rate", expected: "a finite number >= 0", found: "\(c.learningRate)")
        }
        if let e = c.earlyStopping, e.patience < 1 {
            throw LearningError.invalidSetting(name: "early stopping patience", expected: "a positive whole number",
                                               found: "\(e.patience)")
        }
    }

    private func train(_ network: inout Network, train: DataSplit, validation: DataSplit?, test: DataSplit?,
                       defaultLoss: Loss) throws -> TrainingHistory {
        let c = configuration
        try checkConfiguration(c)
        let loss = c.loss ?? defaultLoss
        let n = train.count
        guard n > 0 else {
            throw LearningError.invalidSetting(name: "training split", expected: "at least one example", found: "none")
        }
        let batch = min(c.batchSize, n)
        let evalCapacity = min(network.inferenceRows, max(n, validation?.count ?? 0, test?.count ?? 0))
        let engine = Engine<Float>(network: network, capacity: max(batch, evalCapacity))
        try engine.validate(train, loss: loss)
        if let v = validation { try engine.validate(v, loss: loss) }
        if let t = test { try engine.validate(t, loss: loss) }
        let optimizer = OptimizerState(c.optimizer, count: engine.parameterCount)

        var history = TrainingHistory()
        let base = SeededGenerator(seed: c.seed)
        var shuffle = base.derive(stream: 1)
        var noise = base.derive(stream: 2)
        var order = [Int](repeating: 0, count: n)
        var batchLabels = [Int](repeating: 0, count: batch)
        let stepsPerEpoch = (n + batch - 1) / batch
        let totalSteps = stepsPerEpoch * c.epochs
        var best = (loss: Double.infinity, epoch: 0, params: [Float]())
        var sinceBest = 0
        var step = 0
        var rate = c.learningRate
        if c.recordSteps { history.steps.reserveCapacity(totalSteps) }

        func capture(_ epoch: Int) throws {
            guard c.captureEpochs.contains(epoch) else { return }
            var snapshot = network
            snapshot.parameters = engine.exportParameters()
            history.captures.append(ActivationCapture(epoch: epoch,
                                                      layerOutputs: try snapshot.layerOutputs(c.captureInputs ?? train.features)))
        }

        // The validation split's measurement after the last epoch, which is also the final
        // one unless other weights are restored.
        var lastValidation: Evaluation? = nil

        func record(epoch: Int, running: (loss: Double, correct: Int)?) throws -> EpochRecord {
            var r = EpochRecord(epoch: epoch, learningRate: Double(rate))
            switch c.trainMetrics {
            case .fullPass:
                let e = try engine.evaluate(train, loss: loss)
                r.trainLoss = e.loss
                r.trainAccuracy = e.accuracy
            case .runningAverage:
                if let running {
                    r.trainLoss = running.loss / Double(n)
                    r.trainAccuracy = loss == .softmaxCrossEntropy ? Double(running.correct) / Double(n) : nil
                }
            case .none:
                break
            }
            if let v = validation {
                let e = try engine.evaluate(v, loss: loss)
                r.validationLoss = e.loss
                r.validationAccuracy = e.accuracy
                lastValidation = e
            }
            if c.trackTest, let t = test {
                let e = try engine.evaluate(t, loss: loss)
                r.testLoss = e.loss
                r.testAccuracy = e.accuracy
            }
            return r
        }

        if c.trainMetrics == .fullPass || validation != nil || (c.trackTest && test != nil) {
            let r = try record(epoch: 0, running: nil)
            history.epochs.append(r)
            c.onEpoch?(r)
        }
        try capture(0)

        var stopped = false
        try train.features.storage.withUnsafeBufferPointer { px in
            try train.labels.withUnsafeBufferPointer { pl in
                try train.targets.storage.withUnsafeBufferPointer { pt in
                    try order.withUnsafeMutableBufferPointer { po in
                        try batchLabels.withUnsafeMutableBufferPointer { pb in
                            let features = px.baseAddress!
                            let orderBase = po.baseAddress!
                            epochs: for epoch in 0..<c.epochs {
                                for i in 0..<n { po[i] = i }
                                for i in stride(from: n - 1, to: 0, by: -1) {
                                    po.swapAt(i, shuffle.integer(below: i + 1))
                                }
                                var runningLoss = 0.0
                                var runningCorrect = 0
                                for s in 0..<stepsPerEpoch {
                                    let start = s * batch
                                    let rows = min(batch, n - start)
                                    let idx = UnsafePointer(orderBase + start)
                                    engine.gather(features, indices: idx, rows: rows)
                                    engine.forward(rows: rows, training: true, rng: &noise)
                                    let lossSum: Double
                                    switch loss {
                                    case .softmaxCrossEntropy:
                                        for r in 0..<rows { pb[r] = pl[idx[r]] }
                                        let out = engine.softmaxCrossEntropy(rows: rows, labels: UnsafePointer(pb.baseAddress!))
                                        lossSum = out.loss
                                        runningCorrect += out.correct
                                    case .meanSquaredError:
                                        lossSum = engine.meanSquaredError(rows: rows, targets: pt.baseAddress!, targetIndices: idx)
                                    }
                                    let mean = lossSum / Double(rows)
                                    rate = c.schedule.rate(base: c.learningRate, step: step, epoch: epoch, totalSteps: totalSteps)
                                    if c.recordSteps {
                                        history.steps.append(StepRecord(step: step, epoch: epoch, loss: mean,
                                                                        learningRate: Double(rate)))
                                    }
                                    if !mean.isFinite || mean > c.divergenceThreshold {
                                        history.status = .diverged(epoch: epoch, step: step, loss: mean)
                                        stopped = true
                                        break epochs
                                    }
                                    runningLoss += lossSum
                                    engine.backward(rows: rows)
                                    optimizer.update(params: engine.params, grads: UnsafePointer(engine.grads), lr: rate)
                                    step += 1
                                }
                                let r = try record(epoch: epoch + 1, running: (runningLoss, runningCorrect))
                                if c.trainMetrics != .none || validation != nil || (c.trackTest && test != nil) {
                                    history.epochs.append(r)
                                }
                                c.onEpoch?(r)
                                try capture(epoch + 1)
                                if let rule = c.earlyStopping {
                                    let monitored = try r.validationLoss ?? r.trainLoss ?? engine.evaluate(train, loss: loss).loss
                                    if monitored < best.loss - rule.minDelta {
                                        best = (monitored, epoch + 1, rule.restoreBest ? engine.exportParameters() : [])
                                        sinceBest = 0
                                    } else {
                                        sinceBest += 1
                                        if sinceBest >= rule.patience {
                                            history.status = .stoppedEarly(epoch: epoch + 1)
                                            stopped = true
                                            break epochs
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        _ = stopped
        history.stepCount = step
        if let rule = c.earlyStopping, rule.restoreBest, !best.params.isEmpty, !history.diverged {
            engine.load(best.params)
            history.bestEpoch = best.epoch
            lastValidation = nil
        }
        network.parameters = engine.exportParameters()
        if c.finalMetrics && !history.diverged {
            history.finalTrain = try engine.evaluate(train, loss: loss)
            // The same weights were measured after the last epoch: the same numbers.
            if let v = validation { history.finalValidation = try lastValidation ?? engine.evaluate(v, loss: loss) }
            if let t = test { history.finalTest = try engine.evaluate(t, loss: loss) }
        }
        return history
    }
}
