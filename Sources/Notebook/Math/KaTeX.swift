import Foundation
import Synchronization

/// TeX to MathML through KaTeX (Debian's `katex` package, a Node.js module), run once per
/// call for all the formulas given: they go to one `node` process as JSON on its standard
/// input, and their MathML (or KaTeX's parse error) comes back as JSON. KaTeX writes the
/// same MathML for the same TeX, and nothing is cached, so the same lesson gives the same
/// bytes. Chromium, Firefox and Safari draw MathML themselves: a page needs no script and
/// no font for it.
public enum KaTeX {
    /// One formula's outcome: its MathML (`<math>...</math>`) or KaTeX's message.
    public enum Outcome: Sendable, Equatable {
        /// The formula's MathML.
        case mathML(String)
        /// KaTeX's parse error, for the message naming the formula's file and line.
        case error(String)
    }

    /// KaTeX or Node.js is missing or failed as a whole.
    public struct Unavailable: Error, CustomStringConvertible {
        /// What is missing or what went wrong, and how to install KaTeX.
        public var description: String
    }

    /// Where the KaTeX module is looked for: `LESSONBOOK_KATEX` if set, then Debian's place.
    static var modulePaths: [String] {
        var paths: [String] = []
        if let path = ProcessInfo.processInfo.environment["LESSONBOOK_KATEX"], !path.isEmpty { paths.append(path) }
        return paths + ["/usr/share/nodejs/katex", "/usr/lib/nodejs/katex", "/usr/local/lib/node_modules/katex"]
    }

    static let install = "install them with `apt-get install katex nodejs` (or `bash scripts/setup.sh`)"

    /// Reads `[{tex, display}]` on stdin, writes `[{mathml} | {error}]` on stdout.
    static let script = """
    const katex = require(process.argv[1]);
    let input = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', chunk => { input += chunk; });
    process.stdin.on('end', () => {
      const out = JSON.parse(input).map(f => {
        try {
          return {mathml: katex.renderToString(f.tex, {output: 'mathml', displayMode: f.display,
                                                       throwOnError: true, strict: 'ignore', trust: false})};
        } catch (e) {
          return {error: String(e && e.message ? e.message : e)};
        }
      });
      process.stdout.write(JSON.stringify(out));
    });
    """

    /// Converts every formula in one `node` process; an empty list starts none.
    public static func convert(_ formulas: [(tex: String, display: Bool)]) throws -> [Outcome] {
        guard !formulas.isEmpty else { return [] }
        guard let node = executable(named: ["node", "nodejs"]) else {
            throw Unavailable(description: "cannot typeset mathematics: Node.js (`node`) is not on the PATH; \(install)")
        }
        guard let module = modulePaths.first(where: {
            FileManager.default.fileExists(atPath: $0 + "/package.json")
        }) else {
            throw Unavailable(description: "cannot typeset mathematics: the KaTeX module is not installed (looked in \(modulePaths.joined(separator: ", "))); \(install), or set LESSONBOOK_KATEX to its folder")
        }
        struct Formula: Encodable { var tex: String; var display: Bool }
        struct Answer: Decodable { var mathml: String?; var error: String? }
        let input = try JSONEncoder().encode(formulas.map { Formula(tex: $0.tex, display: $0.display) })

        let process = Process()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = ["-e", script, module]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch {
            throw Unavailable(description: "cannot typeset mathematics: cannot start \(node): \(error); \(install)")
        }
        // Node reads all of its input before it writes, so writing first cannot deadlock;
        // standard error is drained beside standard output so neither pipe fills.
        let errorData = LockedData()
        let errorReader = Thread { errorData.set(stderr.fileHandleForReading.readDataToEndOfFile()) }
        errorReader.start()
        // A `node` that dies before reading (a broken module) must not take this process
        // with it through SIGPIPE: the write fails instead, and the exit status says why.
        signal(SIGPIPE, SIG_IGN)
        try? stdin.fileHandleForWriting.write(contentsOf: input)
        try? stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.done { usleep(1000) }
        guard process.terminationStatus == 0,
              let answers = try? JSONDecoder().decode([Answer].self, from: output), answers.count == formulas.count else {
            let message = String(decoding: errorData.value, as: UTF8.self)
                .split(separator: "\n").first(where: { $0.contains("Error") }).map(String.init) ?? "no answer"
            throw Unavailable(description: "cannot typeset mathematics: KaTeX (\(module)) failed: \(message); \(install)")
        }
        return answers.map { answer in
            if let mathml = answer.mathml { return .mathML(mathElement(mathml)) }
            return .error(answer.error ?? "KaTeX gave no MathML")
        }
    }

    /// The `<math>` element of KaTeX's output, without the `<span class="katex">` around it.
    static func mathElement(_ html: String) -> String {
        guard let start = html.range(of: "<math"), let end = html.range(of: "</math>", options: .backwards) else { return html }
        return String(html[start.lowerBound..<end.upperBound])
    }

    static func executable(named names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in names {
            for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }

    /// Bytes handed from the reading thread, with a flag for when they are all there.
    final class LockedData: Sendable {
        private let state = Mutex((data: Data(), finished: false))
        func set(_ bytes: Data) { state.withLock { $0 = (bytes, true) } }
        var done: Bool { state.withLock { $0.finished } }
        var value: Data { state.withLock { $0.data } }
    }
}
