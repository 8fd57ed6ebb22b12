import Foundation
import CotejoModel
import CotejoSpanish
import CotejoStore

/// What a batch tells its user as it goes and when it ends, in the pipeline's language (Spanish by
/// default). Failure reasons are quoted as the readers give them.
public struct BatchMessages: Sendable {
    public var language: Language

    public init(language: Language) { self.language = language }

    func say(_ es: String, _ en: String) -> String { language.pick(es, en) }

    /// Seconds with the language's decimal mark: "3,1 s".
    public func seconds(_ s: Double, decimals: Int = 2) -> String {
        SpanishNumber.write(s, decimals: .fixed(decimals), language: language) + " s"
    }

    func plural(_ n: Int, _ es: (String, String), _ en: (String, String)) -> String {
        "\(n) " + (n == 1 ? say(es.0, en.0) : say(es.1, en.1))
    }

    /// "3 hallazgos", "1 finding".
    public func findingCount(_ n: Int) -> String { plural(n, ("hallazgo", "hallazgos"), ("finding", "findings")) }

    /// A progress event as one line: "[3/21] fixtures/000.pdf: leído, 9 páginas, 3 actividades,
    /// 2 hallazgos (0,41 s) · quedan ~5 s", "    fixtures/big.pdf: página 40 de 262".
    public func line(_ e: ProgressEvent) -> String {
        let counter = e.done.flatMap { d in e.total.map { "[\(d)/\($0)] " } } ?? ""
        let head = counter + e.path
        var line: String
        switch e.event {
        case .read:
            let status = e.status == DocumentStatus.partial.rawValue ? say("parcial", "partial") : say("leído", "ok")
            line = "\(head): \(status), " + [plural(e.pages ?? 0, ("página", "páginas"), ("page", "pages")),
                                            plural(e.activities ?? 0, ("actividad", "actividades"), ("activity", "activities")),
                                            findingCount(e.findings ?? 0)].joined(separator: ", ")
            if let s = e.seconds { line += " (\(seconds(s)))" }
        case .failed: line = "\(head): \(say("FALLÓ", "FAILED")) — \(e.reason ?? "")"
        case .skipped: line = "\(head): \(say("omitido", "skipped")) (\(e.reason ?? ""))"
        case .unchanged: line = "\(head): \(say("sin cambios", "unchanged"))"
        case .retrying: line = "\(head): \(say("se intenta de nuevo (falló por una causa que puede pasar)", "retrying (it failed for a reason that may pass)"))"
        case .passedOver: line = "\(head): \(say("no se lee", "passed over")) (\(e.reason ?? ""))"
        case .pages: line = "    \(head): \(say("página", "page")) \(e.page ?? 0) \(say("de", "of")) \(e.pages ?? 0)"
        }
        if let eta = e.etaSeconds, eta >= 1 { line += " · " + say("quedan ~", "~") + duration(eta) + say("", " left") }
        return line
    }

    /// "45 s", "3 min 20 s", "2 h 5 min".
    func duration(_ s: Double) -> String {
        let total = Int(s.rounded())
        if total < 60 { return "\(total) s" }
        if total < 3600 { return "\(total / 60) min" + (total % 60 == 0 ? "" : " \(total % 60) s") }
        return "\(total / 3600) h" + (total % 3600 / 60 == 0 ? "" : " \(total % 3600 / 60) min")
    }

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
        if s.otherProcesses > 0 { line += ", " + plural(s.otherProcesses, ("leído por otro proceso", "leídos por otros procesos"), ("read by another process", "read by other processes")) }
        if s.processed == 0 && s.failed == 0 && s.unchanged > 0 {
            line += say(" (todos los documentos sin cambios)", " (all documents unchanged)")
        }
        return [line] + s.failures.map { "  \(say("falló", "failed")): \($0.path): \($0.reason)" }
            + s.skipped.map { "  \(say("omitido", "skipped")): \($0.path): \($0.reason)" }
    }
}
