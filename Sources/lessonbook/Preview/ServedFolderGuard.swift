import Foundation
import Hummingbird

/// Keeps the preview server to files inside its folder: a request whose path, once
/// percent-decoded, has a `..` component, a backslash or a NUL, or that names a file
/// reached through a symbolic link pointing out of the folder, is answered 404 before
/// Hummingbird's file middleware sees it (that middleware alone would answer `..` with 400
/// and follow symbolic links).
struct ServedFolderGuard<Context: RequestContext>: RouterMiddleware {
    /// The served folder with symbolic links resolved, without a trailing slash.
    let root: String

    init(root: URL) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath().path
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let path = request.uri.path.removingPercentEncoding, path.hasPrefix("/"),
              !path.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." }),
              !path.contains("\\"), !path.contains("\0") else {
            throw HTTPError(.notFound)
        }
        if !contains(root + path) { throw HTTPError(.notFound) }
        return try await next(request, context)
    }

    /// Whether `path`, with symbolic links resolved, lies in the folder (a path that does
    /// not exist is left to the file middleware, which answers 404).
    func contains(_ path: String) -> Bool {
        guard let real = realpath(path, nil) else { return true }
        defer { free(real) }
        let resolved = String(cString: real)
        return resolved == root || resolved.hasPrefix(root + "/")
    }
}
