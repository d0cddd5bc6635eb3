// swift-tools-version:6.0
// Lessonbook: lesson notebooks that train neural networks on the CPU, draw their figures
// with Cairo and write Markdown reports. Targets are listed lowest layer first; arrows
// only point down, and each target declares exactly the targets it imports (see
// ARCHITECTURE.md).
import PackageDescription

/// Release builds of the numeric targets (matrix kernels, the training loop, rasterising
/// and PNG encoding) drop overflow and bounds checks in their hot loops, and are compiled
/// for the CPU they are built on (`-target-cpu native`: AVX-512 or AVX2 vectors where the
/// machine has them instead of the 16-byte SSE2 baseline), since Lessonbook is always
/// built where it runs. Swift does not fuse multiplies and adds, so wider vectors change
/// only the speed, not a single bit of the results. `-fno-math-errno` lets the C helper
/// behind `squareRoot()` become one instruction instead of a call that may set `errno`
/// (which nothing reads): `SIMD8<Float>.squareRoot()` in Adam's update is then `vsqrtps`
/// instead of eight scalar roots through the stack (W1 about a fifth faster; the square
/// root is correctly rounded either way, so the lessons render to the same bytes). The
/// other targets keep every check.
let fast: [SwiftSetting] = [.unsafeFlags(["-Ounchecked", "-wmo", "-target-cpu", "native", "-Xcc", "-fno-math-errno"],
                                         .when(configuration: .release))]

let package = Package(
    name: "Lessonbook",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lessonbook", targets: ["lessonbook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // Cairo: 2-D drawing to PNG, SVG and PDF surfaces.
        .systemLibrary(name: "CCairo", pkgConfig: "cairo",
                       providers: [.apt(["libcairo2-dev"])]),
        // OpenBLAS's CBLAS interface: matrix products.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        // LAPACKE: least-squares solvers (gelsd) and factorisations.
        .systemLibrary(name: "CLAPACKE", pkgConfig: "lapacke",
                       providers: [.apt(["liblapacke-dev"])]),
        // cmark-gfm: CommonMark with GitHub's extensions (tables, strikethrough, autolinks),
        // turning report Markdown into HTML.
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        // zlib: gunzip for the Fashion-MNIST IDX files; DEFLATE and CRC-32 for PNG files.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        // glibc's malloc.h: `mallopt`, which the command line tunes at start-up (`MemoryTuning`).
        .systemLibrary(name: "CMalloc"),

        // Matrices on flat storage, BLAS/LAPACK products and solvers, the seeded generator.
        .target(name: "Tensor", dependencies: ["CBLAS", "CLAPACKE"], swiftSettings: fast),
        // Layers, losses, optimizers, the trainer, datasets, random features, probes, counts.
        .target(name: "Learning", dependencies: ["Tensor", "CZlib"], swiftSettings: fast),
        // Figures as values, layout into a display list, the Cairo canvas.
        .target(name: "Plot", dependencies: ["CCairo", "CZlib"], swiftSettings: fast),
        // Lesson format, overrides, claims, the cell cache, reports (Markdown and HTML),
        // manifests, comparisons.
        .target(name: "Notebook", dependencies: ["Tensor", "Plot", "CCmarkGFM", .product(name: "Yams", package: "Yams")]),
        // One file (or folder) per experiment kind, plus the benchmark workloads. CSV.swift
        // parses the CSV data sets of the `train` kind.
        .target(name: "Experiments", dependencies: ["Tensor", "Learning", "Plot", "Notebook",
                                                    .product(name: "CSV", package: "CSV.swift")]),
        // The command line, and the preview server (Hummingbird) over the output folder.
        .executableTarget(name: "lessonbook", dependencies: [
            "Experiments", "Notebook", "Plot", "Tensor", "CMalloc",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        .testTarget(name: "TensorTests", dependencies: ["Tensor"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning", "Tensor"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot", "CCairo"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "Plot"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Notebook", "Learning", "Tensor", "Plot"]),
        .testTarget(name: "EndToEndTests", dependencies: ["lessonbook", "Experiments", "Notebook", "Plot", "Tensor", "CCairo"]),
    ],
    swiftLanguageModes: [.v5]
)

// Fuzz targets: libFuzzer entry points over the parsers and the HTML sanitiser, added only
// when scripts/fuzz.sh builds them (LESSONBOOK_FUZZ=1, scratch path .build-fuzz,
// -sanitize=fuzzer,address).
if Context.environment["LESSONBOOK_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"))
    for name in ["FuzzLessonParser", "FuzzClaim", "FuzzInlineReference", "FuzzOverride", "FuzzRunFolder", "FuzzHTMLSanitizer"] {
        package.targets.append(.executableTarget(name: name, dependencies: ["Notebook", "FuzzSupport"], path: "Fuzz/\(name)"))
    }
}
