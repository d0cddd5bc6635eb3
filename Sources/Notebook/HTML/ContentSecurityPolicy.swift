import Foundation

/// The Content-Security-Policy each page carries as a `<meta>` element: a second line of
/// defence behind `HTMLSanitizer`, so that even markup that slipped through could run no
/// script and reach no network. A report allows exactly what it needs: its own inline
/// script (by the SHA-256 of its bytes, so no other script, inline or injected, runs),
/// inline styles, `data:` images (its inlined figures) and nothing else; no fetch, no
/// frame, no form, no `<base>`. Links to the CSV, JSON and SVG files beside it are
/// navigation, which the policy does not govern. The preview page adds what its reload
/// channel and settings panel use: requests to its own server and the report in a frame
/// from the same server.
public enum ContentSecurityPolicy {
    /// The policy of a report, comparison or index page whose inline scripts are `scripts`
    /// (each the exact text between `<script>` and `</script>`; none for a page without).
    public static func report(scripts: [String]) -> String {
        ["default-src 'none'", "script-src \(sources(scripts))", "style-src 'unsafe-inline'", "img-src data:",
         "base-uri 'none'", "form-action 'none'"].joined(separator: "; ")
    }

    /// The policy of the preview's own page (`lessonbook preview`, at `/`): its script,
    /// server-sent events and JSON requests to the same server, the report in a frame from
    /// it.
    public static func preview(scripts: [String]) -> String {
        ["default-src 'none'", "script-src \(sources(scripts))", "style-src 'unsafe-inline'", "img-src data:",
         "connect-src 'self'", "frame-src 'self'", "base-uri 'none'", "form-action 'none'"].joined(separator: "; ")
    }

    /// `<meta http-equiv="Content-Security-Policy" content="...">`, to be placed in `<head>`
    /// before any style or script. A policy is the tool's own text (keywords, `'` quotes
    /// and base64), never a lesson's, so it is written as it is, `'` unescaped and readable.
    public static func meta(_ policy: String) -> String {
        precondition(!policy.contains(where: { "\"<>&".contains($0) }), "a policy needs no escaping")
        return "<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\">"
    }

    /// `'sha256-...'` for each script, or `'none'`.
    static func sources(_ scripts: [String]) -> String {
        guard !scripts.isEmpty else { return "'none'" }
        return scripts.map(hash).joined(separator: " ")
    }

    /// The CSP source for one inline script: the base64 SHA-256 of its UTF-8 bytes.
    public static func hash(_ script: String) -> String {
        "'sha256-\(Data(SHA256.digest(Array(script.utf8))).base64EncodedString())'"
    }
}
