import Foundation
import ArgumentParser
import CotejoModel
import CotejoStore

/// `cotejo findings`: the findings in the store, filtered by rule, severity and document.
struct Findings: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lists findings with their values and where they stand, filtered by rule, severity or document.")

    @Option(name: .long, help: "Only this rule (e.g. percent.mismatch).")
    var rule: String?
    @Option(name: .long, help: "Only this severity or worse: info, warning, error.")
    var severity: Severity?
    @Option(name: .long, help: "Only this document: its path, file name or a SHA-256 prefix.")
    var doc: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var language: LanguageOption

    func run() throws {
        try guarded {
            let docs = try matchingDocuments(store.openForReading(), doc)
            let lang = language.language
            var count = 0
            for d in docs {
                for f in d.findings where (rule == nil || f.rule == rule) && (severity == nil || f.severity >= severity!) {
                    count += 1
                    let values = f.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                    let places = f.source.prefix(3).map(\.locatorLabel).joined(separator: "; ")
                    print("\(d.path)\t\(f.severity.rawValue)\t\(f.rule)\t\(f.message(in: lang))\t\(values)\t\(places)")
                }
            }
            printError("\(count) findings")
        }
    }
}

extension Severity: ExpressibleByArgument {}
