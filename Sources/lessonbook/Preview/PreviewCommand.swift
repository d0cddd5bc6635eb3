import ArgumentParser
import Experiments
import Foundation
import Hummingbird
import Logging
import Notebook
import ServiceLifecycle

/// `lessonbook preview`: renders lessons, serves the output folder and re-renders on save.
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Render a lesson, serve its report on this machine and re-render it on every save.",
        discussion: """
        The lesson is rendered through the cache and the output folder is served on \
        http://127.0.0.1 at a free port (printed on start). Each save of the lesson file \
        re-renders it (only changed cells run) and the open page reloads by itself at the same \
        scroll position; a save that does not render shows its error over the last good \
        report until the next good save. Only files inside the output folder are served. \
        Ctrl-C stops the server.

        Examples:
          lessonbook preview width-vs-depth
          lessonbook preview spiral-untangling --quick --open
          lessonbook preview width-vs-depth --port 8000
          lessonbook preview                   (every lesson; the page opens on the index)
        """)

    @Argument(help: ArgumentHelp("Lessons to preview, by name or path; none: all of them.", valueName: "lesson"))
    var lessonNames: [String] = []

    @Option(name: .long, help: ArgumentHelp("The port to listen on; 0 picks a free one.", valueName: "n"))
    var port = 0

    @Option(name: .long, help: ArgumentHelp("The address to listen on. Anything but the loopback address makes the reports reachable from other machines.", valueName: "address"))
    var host = "127.0.0.1"

    @Flag(name: .long, help: "Open the page in a browser, if one is installed.")
    var open = false

    @OptionGroup var lessonOptions: LessonOptions
    @OptionGroup var runOptions: RunOptions

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port: expected a whole number from 0 to 65535, found \(port)") }
    }

    func run() async throws {
        let entries: [LessonSelection.Entry]
        let options: RenderOptions
        do {
            entries = try LessonSelection(directory: lessonOptions.lessons).select(lessonNames)
            let root = runOptions.outputRoot(quick: lessonOptions.quick)
            options = runOptions.renderOptions(outputRoot: root, quick: lessonOptions.quick,
                                               overrides: try lessonOptions.parsedOverrides())
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            printError("\(error)")
            throw ExitStatus.error
        }
        var reportOptions = options
        if !reportOptions.reports.contains("html") { reportOptions.reports.append("html") }
        let events = PreviewEvents()
        let session = PreviewSession(entries: entries, options: reportOptions, events: events)
        for entry in entries { await session.render(entry) }

        var logger = Logger(label: "lessonbook-preview")
        logger.logLevel = .warning
        let start = entries.count == 1 ? "/\(entries[0].name)/report.html" : "/index.html"
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ServedFolderGuard<BasicRequestContext>(root: options.outputRoot))
        router.add(middleware: FileMiddleware<BasicRequestContext, LocalFileSystem>(options.outputRoot.path, searchForIndexHtml: true, logger: logger))
        let page = PreviewPage.html(start: start)
        router.get("/") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
        }
        router.get("/__preview/events") { _, _ -> Response in
            let stream = events.subscribe()
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                            body: ResponseBody { writer in
                                try await writer.write(ByteBuffer(string: ": connected\n\n"))
                                for await text in stream { try await writer.write(ByteBuffer(string: text)) }
                                try await writer.finish(nil)
                            })
        }

        if entries.count == 1 {
            addSettingsRoutes(to: router, entry: entries[0], options: reportOptions, session: session)
        }

        let host = self.host
        let openBrowser = open
        let app = Application(router: router,
                              configuration: .init(address: .hostname(host, port: port), serverName: "lessonbook"),
                              onServerRunning: { channel in
                                  let bound = channel.localAddress?.port ?? 0
                                  let shown = host.contains(":") ? "[\(host)]" : host
                                  let address = "http://\(shown):\(bound)/"
                                  PreviewSession.say("Preview: \(address) (serving \(options.outputRoot.relativePath); Ctrl-C stops)")
                                  if openBrowser { Self.launchBrowser(address) }
                              },
                              logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [app, LessonWatcher(session: session)],
            gracefulShutdownSignals: [.sigint, .sigterm], logger: logger))
        do {
            try await group.run()
        } catch {
            printError("preview: \(error)")
            throw ExitStatus.error
        }
        PreviewSession.say("Preview stopped.")
    }

    /// The per-cell settings panel: `GET /__preview/cells` lists each cell's parameters,
    /// `POST /__preview/apply` renders one cell with new values into a scratch run.
    func addSettingsRoutes(to router: Router<BasicRequestContext>, entry: LessonSelection.Entry,
                           options: RenderOptions, session: PreviewSession) {
        let scratch = ScratchRun(entry: entry, options: options)
        router.get("/__preview/cells") { _, _ -> Response in
            let panels: [ParameterControls.Panel] = await session.perform {
                let renderer = LessonRenderer(catalogue: Catalogue.byKind, options: options)
                guard let lesson = try? LessonParser.parse(contentsOf: entry.url, path: entry.path),
                      let plan = try? renderer.planner(strictOverrides: true).plan(lesson) else { return [] }
                return ParameterControls.panels(for: plan)
            }
            return Self.json(panels)
        }
        router.post("/__preview/apply") { request, context -> Response in
            let body = try await request.decode(as: ScratchRun.Request.self, context: context)
            let answer = await session.perform { scratch.apply(body) }
            if let command = answer.command { PreviewSession.say("Settings applied; to reproduce: \(command)") }
            return Self.json(answer)
        }
    }

    static func json(_ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Starts the first browser found on PATH; the preview goes on without one.
    static func launchBrowser(_ address: String) {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["xdg-open", "sensible-browser", "chromium", "firefox", "open"] {
            for folder in path.split(separator: ":") {
                let candidate = "\(folder)/\(name)"
                guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
                let process = Process()
                process.executableURL = URL(fileURLWithPath: candidate)
                process.arguments = [address]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                if (try? process.run()) != nil { return }
            }
        }
        printError("--open: no browser found; open \(address) by hand")
    }
}
