import Foundation
import Testing
@testable import Learning
@testable import Tensor

/// Forward passes of the image layers against small cases worked by hand, and their
/// gradients against finite differences (`gradientError`, as for the dense layers).
struct ImageLayerTests {
    /// The 3 x 3 image 1 2 3 / 4 5 6 / 7 8 9 as one row.
    let ramp = try! Matrix<Float>(rows: 1, columns: 9, storage: (1...9).map(Float.init))

    @Test func aConvolutionSlidesItsKernelOverTheImage() throws {
        var network = try Network(input: 9, layers: [.convolution(filters: 1, kernel: 2)])
        // Kernel 1 2 / 3 4 (rows ky, kx), bias 0.5.
        network.parameters = [1, 2, 3, 4, 0.5]
        // (0,0): 1*1 + 2*2 + 4*3 + 5*4 = 37, then 47, 67, 77.
        #expect(try network.predict(ramp).storage == [37.5, 47.5, 67.5, 77.5])
    }

    @Test func paddingAndStrideChooseWhereTheKernelLands() throws {
        var network = try Network(input: 9, layers: [.convolution(filters: 1, kernel: 2, stride: 2, padding: 1)])
        network.parameters = [1, 2, 3, 4, 0]
        // With a ring of zeros the kernel starts at (-1, -1): only pixel 1 meets weight 4;
        // then 2*3 + 3*4 = 18, 4*2 + 7*4 = 36, and 5*1 + 6*2 + 8*3 + 9*4 = 77.
        #expect(try network.predict(ramp).storage == [4, 18, 36, 77])
    }

    @Test func channelsAreMixedByEachFilter() throws {
        // A 2 x 2 image with two channels (a, b) per pixel, two 1 x 1 filters:
        // the weights [[1, 2], [3, 4]] (rows: channel, columns: filter) give (a + 3b, 2a + 4b).
        var network = try Network(input: 8, layers: [.convolution(filters: 2, kernel: 1)],
                                  inputShape: ImageShape(channels: 2, height: 2, width: 2))
        network.parameters = [1, 2, 3, 4, 0, 10]
        let x = try Matrix<Float>(rows: 1, columns: 8, storage: [1, 0, 0, 1, 1, 1, 2, -1])
        #expect(try network.predict(x).storage == [1, 12, 3, 14, 4, 16, -1, 10])
        #expect(network.filterWeights(layer: 0, filter: 1) == [[2], [4]])
    }

    @Test func poolingTakesTheLargestOrTheMeanOfEachWindow() throws {
        let x = try Matrix<Float>(rows: 1, columns: 16, storage: [1, 2, 0, 0,
                                                                  3, 4, 0, 8,
                                                                  -1, -2, 5, 5,
                                                                  -3, -4, 5, 6])
        let maxPool = try Network(input: 16, layers: [.maxPool(size: 2, stride: 2)])
        #expect(try maxPool.predict(x).storage == [4, 8, -1, 6])
        let averagePool = try Network(input: 16, layers: [.averagePool(size: 2, stride: 2)])
        #expect(try averagePool.predict(x).storage == [2.5, 2, -2.5, 5.25])
        // Overlapping windows (stride 1) of side 3 over the 4 x 4 image.
        let overlapping = try Network(input: 16, layers: [.maxPool(size: 3, stride: 1)])
        #expect(try overlapping.predict(x).storage == [5, 8, 5, 8])
    }

    @Test func flattenPassesTheValuesOnAndEndsTheImage() throws {
        let network = try Network(input: 9, layers: [.convolution(filters: 2, kernel: 2), .flatten, .dense(units: 3)])
        #expect(network.layerWidths == [8, 8, 3])
        #expect(network.parameterCount == (4 * 2 + 2) + (8 * 3 + 3))
        #expect(throws: LearningError.self) { try Network(input: 9, layers: [.flatten, .convolution(filters: 1, kernel: 2)]) }
        #expect(throws: LearningError.self) { try Network(input: 10, layers: [.convolution(filters: 1, kernel: 2)]) }
        #expect(throws: LearningError.self) { try Network(input: 9, layers: [.convolution(filters: 1, kernel: 4)]) }
    }

    /// Two channels of 6 x 6, labels in three classes.
    func images(seed: UInt64) -> DataSplit {
        var rng = SeededGenerator(seed: seed)
        let x: Matrix<Float> = rng.normalMatrix(rows: 5, columns: 72)
        return DataSplit(features: x, labels: (0..<5).map { $0 % 3 })
    }

    func smallCNN(_ pool: LayerSpec, seed: UInt64) throws -> Network {
        try Network(input: 72, layers: [.convolution(filters: 3, kernel: 3, stride: 1, padding: 1), .activation(.tanh),
                                        pool, .convolution(filters: 4, kernel: 2, stride: 2, padding: 1),
                                        .activation(.relu), .flatten, .dense(units: 3)],
                    initializer: .glorotNormal, seed: seed, inputShape: ImageShape(channels: 2, height: 6, width: 6))
    }

    @Test(arguments: [LayerSpec.maxPool(size: 2, stride: 2), .averagePool(size: 2, stride: 2),
                      .maxPool(size: 3, stride: 1), .averagePool(size: 3, stride: 1)])
    func imageLayerGradientsMatchFiniteDifferences(pool: LayerSpec) throws {
        let network = try smallCNN(pool, seed: 11)
        let split = images(seed: 12)
        let double = gradientError(Double.self, network: network, split: split, loss: .softmaxCrossEntropy, step: 1e-6)
        #expect(double < 1e-6, "\(pool): \(double)")
        // The Float engine agrees loosely only: a step large enough for Float's precision
        // moves some inputs across ReLU kinks and max-pooling ties; Double is the check.
        let float = gradientError(Float.self, network: network, split: split, loss: .softmaxCrossEntropy, step: 1e-2)
        #expect(float < 0.1, "\(pool): \(float)")
    }

    @Test func aBatchLargeEnoughToSplitAmongThreadsGivesTheSameGradient() throws {
        // 64 images of 12 x 12 through 8 filters of 5 x 5: 64 * 144 * 8 * 25 multiply-adds,
        // enough for the engine to split the layers among its threads.
        var rng = SeededGenerator(seed: 13)
        let x: Matrix<Float> = rng.normalMatrix(rows: 64, columns: 144)
        let split = DataSplit(features: x, labels: (0..<64).map { $0 % 4 })
        let network = try Network(input: 144, layers: [.convolution(filters: 8, kernel: 5, padding: 2), .activation(.tanh),
                                                       .maxPool(size: 2, stride: 2), .flatten, .dense(units: 4)],
                                  seed: 14)
        #expect(64 * 144 * 8 * 25 >= Engine<Double>.parallelWork)
        var pick = SeededGenerator(seed: 15)
        let subset = try pick.sampleWithoutReplacement(from: network.parameterCount, count: 60)
        let error = gradientError(Double.self, network: network, split: split, loss: .softmaxCrossEntropy, step: 1e-6,
                                  only: subset + [0, 1, 200])
        #expect(error < 1e-6)
    }

    @Test func oneTwoOrThreeThreadsGiveTheSameBits() throws {
        // The look-ahead lesson's CNN on 20 images of 28 x 28: each layer is large enough to
        // be split among the engine's threads (by images, or by rows of the weights' gradient).
        var rng = SeededGenerator(seed: 21)
        let x: Matrix<Float> = rng.normalMatrix(rows: 20, columns: 784)
        let split = DataSplit(features: x, labels: (0..<20).map { $0 % 10 })
        let network = try Network(input: 784, layers: [.convolution(filters: 8, kernel: 5, padding: 2), .activation(.relu),
                                                       .maxPool(size: 2, stride: 2), .convolution(filters: 16, kernel: 3, padding: 1),
                                                       .activation(.relu), .maxPool(size: 2, stride: 2), .flatten, .dense(units: 10)],
                                  initializer: .heNormal, seed: 22)
        #expect(20 * 784 * 25 * 8 >= Engine<Float>.parallelWork)
        func run(threads: Int) -> (loss: Double, gradient: [Float]) {
            let engine = Engine<Float>(network: network, capacity: 20, threads: threads)
            let loss = engine.lossAndGradient(split)
            return (loss, (0..<engine.parameterCount).map { engine.grads[$0] })
        }
        let one = run(threads: 1), two = run(threads: 2), three = run(threads: 3)
        #expect(one.loss == two.loss && one.loss == three.loss)
        #expect(one.gradient == two.gradient && one.gradient == three.gradient)
    }
}
