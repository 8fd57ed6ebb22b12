import Foundation
import CotejoModel
import CotejoStore

/// What a batch tells its user as it goes and when it ends, in the pipeline's language (Spanish by
/// default). Failure reasons are quoted as the readers give them.
public struct BatchMessages: Sendable {
    public var language: Language

    public init(language: Language) { self.language = language }

    func say(_ es: String, _ en: String) -> String { language == .en ? en : es }

    /// Seconds with the language's decimal mark: "3,1 s".
    func seconds(_ s: Double, decimals: Int = 2) -> String {
        let text = String(format: "%.\(decimals)f", s)
        return (language == .es ? text.replacingOccurrences(of: ".", with: ",") : text) + " s"
    }

    func plural(_ n: Int, _ es: (String, String), _ en: (String, String)) -> String {
        "\(n) " + (n == 1 ? say(es.0, en.0) : say(es.1, en.1))
    }

    /// "3 hallazgos", "1 finding".
    public func findingCount(_ n: Int) -> String { plural(n, ("hallazgo", "hallazgos"), ("finding", "findings")) }

    func read(_ prefix: String, _ doc: ProcessedDocument, findings: Int) -> String {
        let status = doc.status == .partial ? say("parcial", "partial") : say("leído", "ok")
        return "\(prefix): \(status), " + [plural(doc.pageCount, ("página", "páginas"), ("page", "pages")),
                                           plural(doc.records.activities.count, ("actividad", "actividades"), ("activity", "activities")),
                                           plural(findings, ("hallazgo", "hallazgos"), ("finding", "findings"))].joined(separator: ", ")
            + " (\(seconds(doc.seconds)))"
    }

    func failed(_ prefix: String, _ reason: String) -> String { "\(prefix): \(say("FALLÓ", "FAILED")) — \(reason)" }
    func skipped(_ prefix: String, _ reason: String) -> String { "\(prefix): \(say("omitido", "skipped")) (\(reason))" }
    func unchanged(_ prefix: String) -> String { "\(prefix): \(say("sin cambios", "unchanged"))" }
    func retrying(_ prefix: String) -> String {
        "\(prefix): \(say("se intenta de nuevo (falló por una causa que puede pasar)", "retrying (it failed for a reason that may pass)"))"
    }
    func passedOver(_ entry: SkippedFile) -> String { "\(entry.path): \(say("no se lee", "passed over")) (\(entry.reason))" }

    /// The closing lines: the counts, then each failure and each entry not read.
    public func summary(_ s: RunSummary) -> [String] {
        var line = say("Leídos", "Read") + " " + plural(s.filesSeen, ("archivo", "archivos"), ("file", "files"))
            + " " + say("en", "in") + " " + seconds(s.seconds, decimals: 1) + ": "
            + [plural(s.processed, ("procesado", "procesados"), ("processed", "processed")),
               plural(s.unchanged, ("sin cambios", "sin cambios"), ("unchanged", "unchanged")),
               plural(s.failed, ("fallido", "fallidos"), ("failed", "failed")),
               plural(s.skipped.count, ("omitido", "omitidos"), ("skipped", "skipped"))].joined(separator: ", ")
        if s.retried > 0 { line += ", " + plural(s.retried, ("reintentado", "reintentados"), ("retried", "retried")) }
        if s.otherShards > 0 { line += ", " + plural(s.otherShards, ("de otra partición", "de otras particiones"), ("in other shards", "in other shards")) }
        if s.processed == 0 && s.failed == 0 && s.unchanged > 0 {
            line += say(" (todos los documentos sin cambios)", " (all documents unchanged)")
        }
        return [line] + s.failures.map { "  \(say("falló", "failed")): \($0.path): \($0.reason)" }
            + s.skipped.map { "  \(say("omitido", "skipped")): \($0.path): \($0.reason)" }
    }
}
